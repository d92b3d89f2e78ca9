import { withTenant } from '@/db/tenant';
import type { ConnectorIdInput } from '@/server/domain/connectors/inputs';
import { plural } from '@/server/domain/notifications/notice';
import { UserFacingError } from '@/server/services/shared/errors';
import {
  NOT_FOUND,
  auditConnector,
  connectorRow,
  openConnectorSecret,
  type ConnectorActor,
} from './connector-rows';
import { fetchPageWithRetries } from './fetch-page';
import { getPinned } from './http-get';
import { sourceOf } from './sources';

/** No retries for a person waiting on the page: one try, and say what happened. */
const ONE_TRY = { maxRetries: 0, baseMs: 0, maxWaitMs: 0, sleep: async () => {} };

/**
 * Fetches one page from where the connector stands, without ingesting it or moving the cursor,
 * and audits the try. A refusal is an answer, not an error: the page shows it.
 */
export async function testConnector(actor: ConnectorActor, { id }: ConnectorIdInput) {
  const row = await withTenant({ orgId: actor.orgId, userId: actor.userId }, (tx) =>
    connectorRow(tx, actor.orgId, id),
  );
  if (!row) throw new UserFacingError('NOT_FOUND', NOT_FOUND);
  const source = sourceOf(row.kind);
  let result: { ok: boolean; message: string };
  try {
    const context = {
      settings: source.parseSettings(row.settings),
      secret: openConnectorSecret(row),
      now: new Date(),
      get: getPinned,
    };
    const fetched = await fetchPageWithRetries(source, context, row.cursor, ONE_TRY);
    result = fetched.ok
      ? {
          ok: true,
          message: `Fetched 1 page, ${plural(fetched.page.records.length, 'event')}.`,
        }
      : { ok: false, message: fetched.message };
  } catch (e) {
    result = { ok: false, message: (e as Error).message.slice(0, 300) };
  }
  await withTenant({ orgId: actor.orgId, userId: actor.userId }, (tx) =>
    auditConnector(tx, actor, 'connector.tested', id, { after: result }),
  );
  return result;
}
