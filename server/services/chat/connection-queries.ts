import { eq } from 'drizzle-orm';
import { chatConnections } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { CHAT_KINDS } from '@/server/domain/chat/kinds';
import { appLink } from '@/server/services/outbound/events';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { secretsKeyConfigured } from '@/server/services/shared/secrets';
import { connectionView } from './connection-records';

/** The integrations page: each kind, connected or not, with hints and delivery state only. */
export async function listChatConnections(actor: OrgActor) {
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx.select().from(chatConnections).where(eq(chatConnections.orgId, actor.orgId)),
  );
  return {
    secretsKeyConfigured: secretsKeyConfigured(),
    interactionUrl: appLink('/api/integrations/slack/interactions'),
    connections: CHAT_KINDS.map((kind) => {
      const row = rows.find((r) => r.kind === kind);
      return { kind, connection: row ? connectionView(row) : null };
    }),
  };
}
