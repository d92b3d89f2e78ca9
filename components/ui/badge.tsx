import type { ComponentProps } from 'react';
import { cx } from './cx';

export type Tone = 'neutral' | 'ok' | 'warn' | 'danger' | 'brand';

const TONE_CLASSES: Record<Tone, string> = {
  neutral: '',
  ok: 'badge-ok',
  warn: 'badge-warn',
  danger: 'badge-danger',
  brand: 'badge-brand',
};

/** The class list of a badge of a tone. */
export function badgeClass(tone: Tone = 'neutral', className?: string): string {
  return cx('badge', TONE_CLASSES[tone], className);
}

/** A pill: a status, a count, a level. `testId` becomes data-testid. */
export function Badge({
  tone = 'neutral',
  className,
  testId,
  ...props
}: ComponentProps<'span'> & { tone?: Tone; testId?: string }) {
  return <span className={badgeClass(tone, className)} data-testid={testId} {...props} />;
}
