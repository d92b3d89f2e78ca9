'use client';

import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox, Options, Select } from '@/components/ui/controls';
import { formatDateTime } from '@/components/ui/format';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { ROLE_LABELS, ROLES, type Role } from '@/server/domain/tenancy/roles';

interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  status: 'active' | 'disabled';
  canReveal: boolean;
  lastLoginAt: Date | null;
  mfa: boolean;
}

export function MemberRow({
  member,
  canManage,
  isSelf,
}: {
  member: Member;
  canManage: boolean;
  isSelf: boolean;
}) {
  const trpc = useTRPC();
  const changeRole = useFormMutation(trpc.members.changeRole.mutationOptions(), { refresh: true });
  const setStatus = useFormMutation(trpc.members.setStatus.mutationOptions(), { refresh: true });
  const resetMfa = useFormMutation(trpc.members.resetMfa.mutationOptions(), { refresh: true });
  const setReveal = useFormMutation(trpc.members.setRevealPermission.mutationOptions(), {
    refresh: true,
  });
  const error = changeRole.message ?? setStatus.message ?? resetMfa.message ?? setReveal.message;
  const busy = changeRole.pending || setStatus.pending || resetMfa.pending || setReveal.pending;
  return (
    <tr data-testid={`member-${member.email}`}>
      <td>
        <div className="strong">
          {member.name} {isSelf && <Badge>you</Badge>}{' '}
          {member.mfa && (
            <Badge tone="ok" testId="member-mfa">
              2FA
            </Badge>
          )}
        </div>
        <div className="muted small">{member.email}</div>
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
      </td>
      <td>
        {canManage ? (
          <Select
            aria-label={`Role of ${member.email}`}
            value={member.role}
            disabled={busy}
            onChange={(e) =>
              changeRole.mutate({ userId: member.userId, role: e.target.value as Role })
            }
          >
            <Options values={ROLES} labelOf={(r) => ROLE_LABELS[r]} />
          </Select>
        ) : (
          ROLE_LABELS[member.role]
        )}
      </td>
      <td>
        <Badge tone={member.status === 'active' ? 'ok' : 'danger'}>{member.status}</Badge>
      </td>
      <td>
        {/* docs/PRIVACY.md §Pseudonymized investigation: a flag beside the role, never implied. */}
        {canManage ? (
          <Checkbox
            aria-label={`${member.email} may reveal pseudonymized people`}
            label="May reveal"
            checked={member.canReveal}
            disabled={busy}
            onChange={(e) =>
              setReveal.mutate({ userId: member.userId, canReveal: e.target.checked })
            }
          />
        ) : member.canReveal ? (
          <Badge>may reveal</Badge>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="small">{formatDateTime(member.lastLoginAt)}</td>
      {canManage && (
        <td className="text-right">
          {!isSelf && member.mfa && (
            <Button
              size="small"
              disabled={busy}
              className="mr-4"
              onClick={() => {
                if (
                  window.confirm(
                    `Reset the second factors of ${member.email}? Their authenticator app, passkeys and recovery codes are removed and they are signed out.`,
                  )
                )
                  resetMfa.mutate({ userId: member.userId });
              }}
            >
              Reset 2FA
            </Button>
          )}
          {!isSelf &&
            (member.status === 'active' ? (
              <Button
                variant="danger"
                size="small"
                disabled={busy}
                onClick={() => {
                  if (
                    window.confirm(
                      `Disable ${member.email}? They will be signed out of this organization at once.`,
                    )
                  ) {
                    setStatus.mutate({ userId: member.userId, status: 'disabled' });
                  }
                }}
              >
                Disable
              </Button>
            ) : (
              <Button
                size="small"
                disabled={busy}
                onClick={() => setStatus.mutate({ userId: member.userId, status: 'active' })}
              >
                Enable
              </Button>
            ))}
        </td>
      )}
    </tr>
  );
}
