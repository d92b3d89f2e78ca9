'use client';

import { createContext, useContext, useId, type ComponentProps, type ReactNode } from 'react';
import { cx } from './cx';

interface FieldControl {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

const FieldContext = createContext<FieldControl | null>(null);

/**
 * The id, description and validity a control inside a `<Field>` takes; props the caller gives
 * win. The kit's Input, Textarea and Select use it, so they need no wiring.
 */
export function useFieldControl<
  P extends {
    id?: string;
    'aria-describedby'?: string;
    'aria-invalid'?: ComponentProps<'input'>['aria-invalid'];
  },
>(props: P): P {
  const field = useContext(FieldContext);
  if (!field) return props;
  return {
    ...props,
    id: props.id ?? field.id,
    'aria-describedby': props['aria-describedby'] ?? field.describedBy,
    'aria-invalid': props['aria-invalid'] ?? (field.invalid ? true : undefined),
  };
}

/**
 * A labelled control: the label wraps its text, the control, a hint and the error, so the look
 * of a bare `<label>` stays; the control is tied to its label (htmlFor), to its hint and error
 * (aria-describedby) and marked invalid (aria-invalid) while there is an error.
 */
export function Field({
  label,
  hint,
  error,
  announce = false,
  id,
  className,
  children,
}: {
  /** The label text; may carry an inline note (e.g. "· 2-letter ISO code"). */
  label: ReactNode;
  /** Help under the control. */
  hint?: ReactNode;
  error?: string | null;
  /** Read the error out as it appears (role="alert"). */
  announce?: boolean;
  /** The control's id, when it needs a known one. */
  id?: string;
  className?: string;
  children: ReactNode;
}) {
  const auto = useId();
  const controlId = id ?? `${auto}control`;
  const hintId = hint ? `${auto}hint` : undefined;
  const errorId = error ? `${auto}error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <label htmlFor={controlId} className={className} data-invalid={error ? 'true' : undefined}>
      {label}
      <FieldContext.Provider value={{ id: controlId, describedBy, invalid: Boolean(error) }}>
        {children}
      </FieldContext.Provider>
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      {error && <FieldError id={errorId} message={error} announce={announce} />}
    </label>
  );
}

/** A validation message in the danger colour; `announce` reads it out (role="alert"). */
export function FieldError({
  message,
  announce = false,
  id,
  className,
}: {
  message: string | null | undefined;
  announce?: boolean;
  id?: string;
  className?: string;
}) {
  if (!message) return null;
  return (
    <span id={id} className={cx('field-error', className)} role={announce ? 'alert' : undefined}>
      {message}
    </span>
  );
}
