import type { ComponentProps, ReactNode } from 'react';
import { cx } from './cx';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'link';

const VARIANT_CLASSES: Record<ButtonVariant, string> = {
  primary: 'btn btn-primary',
  secondary: 'btn',
  danger: 'btn btn-danger',
  // A button that reads as a link: no box, brand colour, the surrounding font.
  link: 'btn-link',
};

/** The class list of a button-looking element (also for `<Link>`s that act as buttons). */
export function buttonClass({
  variant = 'secondary',
  size = 'normal',
  className,
}: {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  className?: string;
} = {}): string {
  return cx(VARIANT_CLASSES[variant], size === 'small' && 'btn-small', className);
}

/**
 * A button of the kit. `type` defaults to "button" (say `type="submit"` for a form's own);
 * while `busy` it is disabled and shows `busyLabel` when one is given.
 */
export function Button({
  variant = 'secondary',
  size = 'normal',
  busy = false,
  busyLabel,
  className,
  disabled,
  type = 'button',
  children,
  ...props
}: Omit<ComponentProps<'button'>, 'type'> & {
  type?: 'button' | 'submit' | 'reset';
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  busy?: boolean;
  busyLabel?: ReactNode;
}) {
  return (
    <button
      type={type}
      className={buttonClass({ variant, size, className })}
      disabled={disabled || busy}
      {...props}
    >
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
