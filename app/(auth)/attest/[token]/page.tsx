import type { Metadata } from 'next';
import { Markdown } from '@/components/attestations/markdown';
import { SigningForm } from '@/components/attestations/signing-form';
import { Note } from '@/components/ui/alert';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { describeSigningRequest } from '@/server/services/attestations/signing';

// The link is the credential: never indexed, never sent on as a referrer (see also proxy.ts).
export const metadata: Metadata = {
  title: 'Attestation',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};
export const dynamic = 'force-dynamic';

/**
 * The signing page (docs/PRODUCT.md §Signing links): no account, no app shell; the holder
 * of the link sees their own request and nothing else.
 */
export default async function AttestPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const page = await describeSigningRequest(token);
  return (
    <div className="auth-wrap">
      <div className="card auth-card attest-card stack">
        {page.state === 'refused' ? (
          <div className="empty" data-testid="attest-refused">
            <h1 className="auth-title mb-8">This link cannot be used</h1>
            <p>{page.message}</p>
          </div>
        ) : page.state === 'done' ? (
          <div className="stack" data-testid="attest-done">
            <h1 className="auth-title flush">{page.title}</h1>
            <div className={`alert ${page.status === 'signed' ? 'alert-ok' : 'alert-warn'}`}>
              {page.status === 'signed' ? 'Signed' : 'Declined'} on{' '}
              {formatDateTime(page.respondedAt)}. This link cannot be used again.
            </div>
            {page.sha256 && (
              <p className="small flush">
                Fingerprint (SHA-256) of what was signed:{' '}
                <code className="break-anywhere">{page.sha256}</code>
              </p>
            )}
          </div>
        ) : (
          <>
            <div>
              <Note>
                {page.orgName} asks {page.fullName} to sign by {formatDate(page.dueAt)}
                {page.overdue ? ' (now overdue)' : ''}. This link is personal, works once and
                expires on {formatDate(page.expiresAt)}.
              </Note>
              <h1 className="auth-title-lg flush mt-8">{page.title}</h1>
            </div>
            <Markdown source={page.template.body} />
            <h2 className="heading-sm flush mt-8">Your answers</h2>
            <SigningForm token={token} template={page.template} fullName={page.fullName} />
          </>
        )}
      </div>
    </div>
  );
}
