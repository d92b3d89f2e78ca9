'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/components/providers/trpc-provider';
import { formatDateTime } from '@/components/ui/format';
import { ROLE_LABELS, ROLES, type Role } from '@/server/domain/tenancy/roles';

interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  status: 'active' | 'disabled';
  lastLoginAt: Date | null;
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
  const router = useRouter();
  const onSuccess = () => router.refresh();
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess }));
  const setStatus = useMutation(trpc.members.setStatus.mutationOptions({ onSuccess }));
  const error = changeRole.error ?? setStatus.error;
  const busy = changeRole.isPending || setStatus.isPending;
  return (
    <tr data-testid={`member-${member.email}`}>
      <td>
        <div className="strong">
          {member.name} {isSelf && <span className="badge">you</span>}
        </div>
        <div className="muted small">{member.email}</div>
        {error && (
          <div className="field-error" role="alert">
            {error.message}
          </div>
        )}
      </td>
      <td>
        {canManage ? (
          <select
            aria-label={`Role of ${member.email}`}
            value={member.role}
            disabled={busy}
            onChange={(e) =>
              changeRole.mutate({ userId: member.userId, role: e.target.value as Role })
            }
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        ) : (
          ROLE_LABELS[member.role]
        )}
      </td>
      <td>
        <span className={`badge ${member.status === 'active' ? 'badge-ok' : 'badge-danger'}`}>
          {member.status}
        </span>
      </td>
      <td className="small">{formatDateTime(member.lastLoginAt)}</td>
      {canManage && (
        <td className="text-right">
          {!isSelf &&
            (member.status === 'active' ? (
              <button
                type="button"
                className="btn btn-small btn-danger"
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
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-small"
                disabled={busy}
                onClick={() => setStatus.mutate({ userId: member.userId, status: 'active' })}
              >
                Enable
              </button>
            ))}
        </td>
      )}
    </tr>
  );
}
