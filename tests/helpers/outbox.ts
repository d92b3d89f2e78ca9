import { sql } from 'drizzle-orm';
import { rawRows } from './db';

export interface OutboxRow {
  id: string;
  category: string;
  to_address: string;
  subject: string;
  body_text: string | null;
  related_id: string | null;
  status: string;
}

/** An organization's outbox rows of some categories, oldest first (read as the table owner). */
export function outboxOf(orgId: string, categories: readonly string[]): Promise<OutboxRow[]> {
  return rawRows<OutboxRow>(sql`
    select id, category, to_address, subject, body_text, related_id, status from outbox_messages
    where org_id = ${orgId} and category in (${sql.join(
      categories.map((c) => sql`${c}`),
      sql`, `,
    )})
    order by created_at, to_address`);
}

export const recipientsOf = (rows: readonly OutboxRow[]) => rows.map((r) => r.to_address).sort();

/** The signed unsubscribe token in a message body. */
export function unsubscribeTokenIn(body: string | null): string {
  const m = /\/unsubscribe\/(\S+)/.exec(body ?? '');
  if (!m?.[1]) throw new Error('no unsubscribe link in the message');
  return m[1];
}
