import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { connectors } from '@/db/schema';
import { appendAudit, userActor, type AuditActor } from '@/server/services/audit/log';
import type { OrgActor, RequestMeta } from '@/server/services/shared/actor';
import { openOrgSecret, sealOrgSecret } from '@/server/services/shared/secrets';

/** Shared reads and audit views of connectors for the commands, the runner and the page. */
export type ConnectorRow = typeof connectors.$inferSelect;

/** Who manages connectors: an admin in the app, or the operator through the CLI. */
export interface ConnectorActor extends RequestMeta {
  orgId: string;
  userId: string | null;
  audit: AuditActor;
}

export function connectorActor(actor: OrgActor): ConnectorActor {
  return { ...actor, audit: userActor(actor) };
}

/** What a run audits as: the connector itself, named. */
export function connectorAuditActor(row: Pick<ConnectorRow, 'id' | 'name'>): AuditActor {
  return { type: 'system', id: null, label: `connector:${row.name}`.slice(0, 120) };
}

export const NOT_FOUND = 'No such connector in this organization.';

// The secret is bound to its connector: a sealed value copied to another row does not open.
const purposeOf = (connectorId: string) => `connector.secret:${connectorId}`;

export const sealConnectorSecret = (orgId: string, connectorId: string, secret: string) =>
  sealOrgSecret(orgId, purposeOf(connectorId), secret);

export const openConnectorSecret = (row: Pick<ConnectorRow, 'orgId' | 'id' | 'secretSealed'>) =>
  openOrgSecret(row.orgId, purposeOf(row.id), row.secretSealed);

export async function connectorRow(
  tx: Tx,
  orgId: string,
  id: string,
  lock = false,
): Promise<ConnectorRow | undefined> {
  const query = tx
    .select()
    .from(connectors)
    .where(and(eq(connectors.orgId, orgId), eq(connectors.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export const byId = (orgId: string, id: string) =>
  and(eq(connectors.orgId, orgId), eq(connectors.id, id));

/** What the audit log keeps of a connector: its settings and the secret's hint, never the secret. */
export function auditView(row: ConnectorRow) {
  return {
    name: row.name,
    kind: row.kind,
    settings: row.settings,
    secretHint: row.secretHint,
    status: row.status,
    intervalMinutes: row.intervalMinutes,
  };
}

export async function auditConnector(
  tx: Tx,
  actor: ConnectorActor,
  action: string,
  entityId: string,
  change: { before?: unknown; after?: unknown },
): Promise<void> {
  await appendAudit(tx, {
    orgId: actor.orgId,
    actor: actor.audit,
    action,
    entityType: 'connector',
    entityId,
    ...change,
    requestId: actor.requestId,
    ip: actor.ip,
  });
}
