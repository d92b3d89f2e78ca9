import type { ReactNode } from 'react';
import { cx } from './cx';

/**
 * A message box in a tone. It takes no live-region role of its own: pass `role="alert"` for a
 * failure to announce or `role="status"` for an outcome, as the place needs.
 */
export function Alert({
  tone,
  role,
  testId,
  className,
  as: Tag = 'div',
  children,
}: {
  tone: 'error' | 'ok' | 'warn';
  role?: 'alert' | 'status';
  testId?: string;
  className?: string;
  as?: 'div' | 'p';
  children: ReactNode;
}) {
  return (
    <Tag className={cx('alert', `alert-${tone}`, className)} role={role} data-testid={testId}>
      {children}
    </Tag>
  );
}

/** A mutation's message where the fields did not explain it: a box, or inline in a row. */
export function FormMessage({
  message,
  inline = false,
  testId,
}: {
  message: string | null | undefined;
  inline?: boolean;
  testId?: string;
}) {
  if (!message) return null;
  if (inline)
    return (
      <span className="field-error" role="alert" data-testid={testId}>
        {message}
      </span>
    );
  return (
    <Alert tone="error" role="alert" testId={testId}>
      {message}
    </Alert>
  );
}

/** A small muted paragraph without margins: a hint, an empty list, a consequence. */
export function Note({
  className,
  testId,
  children,
}: {
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <p className={cx('muted small flush', className)} data-testid={testId}>
      {children}
    </p>
  );
}
