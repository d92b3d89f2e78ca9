'use client';

/** The "why" textarea every decision form asks for, with its validation message under it. */
export function ReasonField({
  label,
  name = 'reason',
  value,
  onChange,
  placeholder,
  error,
}: {
  label: string;
  name?: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  error: string | undefined;
}) {
  return (
    <label>
      {label}
      <textarea
        name={name}
        rows={2}
        maxLength={2000}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
      />
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}
