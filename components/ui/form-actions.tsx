import Link from 'next/link';
import { Alert } from './alert';
import { Button, buttonClass } from './button';

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
    <div className="stack mt-16">
      {clientErrors && (
        <Alert tone="error" role="alert">
          Some fields need attention: see the messages above.
        </Alert>
      )}
      {serverError && (
        <Alert tone="error" role="alert">
          {serverError}
        </Alert>
      )}
      <div className="row">
        <Button variant="primary" type="submit" busy={busy} busyLabel="Saving…">
          {submitLabel}
        </Button>
        <Link className={buttonClass()} href={cancelHref}>
          Cancel
        </Link>
      </div>
    </div>
  );
}
