import { Alert } from '@/components/ui/alert';
import { CopyButton } from '@/components/ui/copy-button';

/** A signing secret, shown this once. */
export function NewSecret({ label, secret }: { label: string; secret: string }) {
  return (
    <Alert tone="warn" role="status" className="stack">
      <strong>Copy the signing secret for {label} now. It will not be shown again.</strong>
      <div className="secret-box">
        <code data-testid="new-webhook-secret">{secret}</code>
        <CopyButton value={secret} />
      </div>
    </Alert>
  );
}
