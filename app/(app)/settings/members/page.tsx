import { AddMemberForm } from '@/components/members/add-member-form';
import { MemberRow } from '@/components/members/member-row';
import { RevokeInvitationButton } from '@/components/members/revoke-invitation-button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, TENANT_ADMIN } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Members' };

export default async function MembersPage() {
  const caller = await serverCaller();
  const [me, result] = await Promise.all([
    caller.session.me(),
    guarded(() => caller.members.list()),
  ]);
  if (!result.ok) return <Refusal message={result.message} />;
  const canManage = can(me.active?.role, TENANT_ADMIN);
  const { members, invitations } = result.data;
  return (
    <>
      <PageHeader
        title="Members"
        description="People who can sign in to this organization, and what their role allows."
      />
      {canManage && (
        <div className="card">
          <h2 className="mb-12">Add a member</h2>
          <AddMemberForm />
        </div>
      )}
      <div className="card">
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>Status</th>
                <th title="May reveal people shown by pseudonym, with a reason">Reveal</th>
                <th>Last sign-in</th>
                {canManage && (
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <MemberRow
                  key={m.userId}
                  member={m}
                  canManage={canManage}
                  isSelf={m.userId === me.user.id}
                />
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="card">
        <h2 className="mb-12">Pending invitations</h2>
        {invitations.length === 0 ? (
          <EmptyState title="No pending invitations" />
        ) : (
          <table>
            <thead>
              <tr>
                <th>Email</th>
                <th>Role</th>
                <th>Expires</th>
                {canManage && (
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {invitations.map((inv) => (
                <tr key={inv.id}>
                  <td>{inv.email}</td>
                  <td>{ROLE_LABELS[inv.role]}</td>
                  <td>{formatDate(inv.expiresAt)}</td>
                  {canManage && (
                    <td className="text-right">
                      <RevokeInvitationButton invitationId={inv.id} email={inv.email} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="card">
        <h2 className="mb-8">Roles</h2>
        <dl className="grid cols-2 flush">
          {ROLES.map((r) => (
            <div key={r}>
              <dt className="strong">{ROLE_LABELS[r]}</dt>
              <dd className="muted small flush">{ROLE_DESCRIPTIONS[r]}</dd>
            </div>
          ))}
        </dl>
      </div>
    </>
  );
}
