import Link from 'next/link';
import { AcceptInvitationForm } from '@/components/auth/accept-invitation-form';
import { Note } from '@/components/ui/alert';
import { formatDate } from '@/components/ui/format';
import { invitationTokenSchema } from '@/server/domain/tenancy/inputs';
import { ROLE_LABELS } from '@/server/domain/tenancy/roles';
import { describeInvitation } from '@/server/services/tenancy/invitations';
import { serverCaller } from '@/server/trpc/server-caller';
import { resolveSessionOrNull } from '@/server/trpc/session-view';

export const metadata = { title: 'Join an organization' };
export const dynamic = 'force-dynamic';

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const wellFormed = invitationTokenSchema.safeParse(token);
  const invitation = wellFormed.success ? await describeInvitation(wellFormed.data) : null;
  const view = invitation
    ? await resolveSessionOrNull(await serverCaller()).catch(() => null)
    : null;
  return (
    <div className="auth-wrap">
      <div className="card auth-card stack">
        {invitation ? (
          <>
            <h1 className="auth-title">Join {invitation.orgName}</h1>
            <Note>
              You were invited as <strong>{ROLE_LABELS[invitation.role]}</strong> with{' '}
              <strong>{invitation.email}</strong>. The link works once and expires on{' '}
              {formatDate(invitation.expiresAt)}.
            </Note>
            <AcceptInvitationForm
              token={token}
              invitedEmail={invitation.email}
              signedInEmail={view?.user.email ?? null}
            />
          </>
        ) : (
          <div className="empty">
            <h1 className="auth-title mb-8">Invitation not valid</h1>
            <p>
              This link has expired, was revoked or was already used. Ask an admin for a new
              invitation.
            </p>
            <Link href="/sign-in">Go to sign in</Link>
          </div>
        )}
      </div>
    </div>
  );
}
