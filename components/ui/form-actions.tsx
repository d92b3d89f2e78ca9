import Link from 'next/link';

/** The bottom of an edit form: problems first, then save and cancel. */
export function FormActions({
  clientErrors,
  serverError,
  busy,
  submitLabel,
  cancelHref,
}: {
  clientErrors: boolean;
  serverError: string | null | undefined;
  busy: boolean;
  submitLabel: string;
  cancelHref: string;
}) {
  return (
    <div className="stack" style={{ marginTop: 16 }}>
      {clientErrors && (
        <div className="alert alert-error" role="alert">
          Some fields need attention: see the messages above.
        </div>
      )}
      {serverError && (
        <div className="alert alert-error" role="alert">
          {serverError}
        </div>
      )}
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        <Link className="btn" href={cancelHref}>
          Cancel
        </Link>
      </div>
    </div>
  );
}
