'use client';

import { Alert } from '@/components/ui/alert';
import { CopyButton } from '@/components/ui/copy-button';

/** New recovery codes, shown this once: Vigil keeps only their hashes. */
export function RecoveryCodesPanel({ codes }: { codes: string[] }) {
  return (
    <Alert tone="warn" role="status" testId="recovery-codes">
      <div className="stack">
        <strong>Save these recovery codes now: they are shown only once.</strong>
        <span className="small">
          Each one signs you in once if you lose your authenticator app or passkey. Keep them
          somewhere safe, apart from your password.
        </span>
        <ol className="recovery-codes">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <div>
          <CopyButton value={codes.join('\n')} />
        </div>
      </div>
    </Alert>
  );
}
