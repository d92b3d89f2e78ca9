import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { RowResult } from '@/server/domain/import/rows';
import type { AuditActor } from '@/server/services/audit/log';
import type { RequestMeta } from '@/server/services/shared/actor';
import { rowsOf } from '@/server/services/shared/sql-helpers';

/** Who runs an import: a member in the app, or the operator through the CLI. */
export interface ImportActor extends RequestMeta {
  orgId: string;
  userId: string | null;
  audit: AuditActor;
}

export type RowAction = 'create' | 'update' | 'unchanged' | 'reject';

export type Recorder = (
  line: number,
  key: string,
  action: RowAction,
  changes?: string[],
  reason?: string,
) => void;
export type Rows = { line: number; cells: Record<string, string> }[];

export async function memberIdsByEmail(tx: Tx, orgId: string): Promise<Map<string, string>> {
  const rows = rowsOf<{ id: string; email: string }>(
    await tx.execute(
      sql`select u.id, u.email from users u join memberships m on m.user_id = u.id where m.org_id = ${orgId} and m.status = 'active'`,
    ),
  );
  return new Map(rows.map((r) => [r.email, r.id]));
}

/** Fields whose value differs; objects compare by content (jsonb hands keys back in its own order). */
export function changed<T extends Record<string, unknown>>(before: T, after: Partial<T>): string[] {
  return Object.keys(after).filter(
    (k) => canonicalize(before[k] ?? null) !== canonicalize(after[k] ?? null),
  );
}

/**
 * Maps every row, recording bad rows and repeats of an earlier row as rejected, and yields the
 * rest. `keyColumn` names the row in the report; `identity` decides what counts as a repeat.
 */
export function* acceptedRows<T>(
  rows: Rows,
  record: Recorder,
  map: (cells: Record<string, string>) => RowResult<T>,
  keyColumn: string,
  identity: (row: T) => string,
  noun: string,
): Generator<{ line: number; key: string; row: T }> {
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const key = cells[keyColumn]?.trim() || `line ${line}`;
    const mapped = map(cells);
    if (!mapped.ok) {
      record(line, key, 'reject', [], mapped.reason);
      continue;
    }
    const id = identity(mapped.value);
    if (seen.has(id)) {
      record(line, key, 'reject', [], `the same ${noun} is on line ${seen.get(id)}`);
      continue;
    }
    seen.set(id, line);
    yield { line, key, row: mapped.value };
  }
}

/** An owner named by email must be an active member; returns the reason when not. */
export function ownerOf(
  members: Map<string, string>,
  email: string | undefined,
): { userId?: string; reason?: string } {
  if (!email) return {};
  const userId = members.get(email);
  return userId
    ? { userId }
    : { reason: `owner_email ${email} is not an active member of this organization` };
}
