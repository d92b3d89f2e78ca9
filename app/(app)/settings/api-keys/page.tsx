import { CreateApiKeyForm } from '@/components/api-keys/create-api-key-form';
import { RevokeApiKeyButton } from '@/components/api-keys/revoke-api-key-button';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { TENANT_ADMIN } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'API keys' };

function keyStatus(k: { revokedAt: Date | null; expiresAt: Date | null }) {
  if (k.revokedAt) return <span className="badge badge-danger">revoked</span>;
  if (k.expiresAt && k.expiresAt <= new Date())
    return <span className="badge badge-warn">expired</span>;
  return <span className="badge badge-ok">active</span>;
}

export default async function ApiKeysPage() {
  const caller = await serverCaller();
  const [role, result] = await Promise.all([pageRole(), guarded(() => caller.apiKeys.list())]);
  if (!result.ok) return <Refusal message={result.message} />;
  const canManage = can(role, TENANT_ADMIN);
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let log forwarders, scripts and identity providers (SCIM provisioning) call the Vigil API. Only a hash is stored; a key is shown once, when created."
      />
      {canManage && (
        <div className="card">
          <h2 className="mb-12">Create a key</h2>
          <CreateApiKeyForm />
        </div>
      )}
      <div className="card">
        {result.data.length === 0 ? (
          <EmptyState title="No API keys yet">
            {canManage ? 'Create one above for your log forwarder.' : null}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Key</th>
                  <th>Scopes</th>
                  <th>Status</th>
                  <th>Created</th>
                  <th>Expires</th>
                  <th>Last used</th>
                  {canManage && (
                    <th>
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {result.data.map((k) => (
                  <tr key={k.id} data-testid={`api-key-${k.name}`}>
                    <td className="strong">{k.name}</td>
                    <td className="mono">vgl_{k.prefix}_…</td>
                    <td>
                      {k.scopes.map((s) => (
                        <Badge key={s} tone="brand" className="mr-4">
                          {s}
                        </Badge>
                      ))}
                    </td>
                    <td>{keyStatus(k)}</td>
                    <td className="small">
                      {formatDate(k.createdAt)}
                      <div className="muted">{k.createdBy ?? 'CLI'}</div>
                    </td>
                    <td className="small">{k.expiresAt ? formatDate(k.expiresAt) : 'never'}</td>
                    <td className="small">
                      {k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'never'}
                    </td>
                    {canManage && (
                      <td className="text-right">
                        {!k.revokedAt && <RevokeApiKeyButton id={k.id} name={k.name} />}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
