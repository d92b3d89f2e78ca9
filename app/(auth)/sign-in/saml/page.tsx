import { SamlTicketRedeemer } from '@/components/auth/saml-ticket-redeemer';

export const metadata = { title: 'Signing in' };
export const dynamic = 'force-dynamic';

/** Where the SAML ACS sends the browser: it redeems the one-time ticket for a session. */
export default function SamlSignInPage() {
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <h1 className="auth-title mb-4">Signing in…</h1>
        <SamlTicketRedeemer />
      </div>
    </div>
  );
}
