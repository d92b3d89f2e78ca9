import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessGrants, cases, privileges, signals } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { listGrantsSchema } from '@/server/domain/access/inputs';
import { listCasesSchema } from '@/server/domain/cases/inputs';
import { personInputSchema, systemInputSchema } from '@/server/domain/inventory/inputs';
import { listSignalsSchema } from '@/server/domain/signals/inputs';
import { listGrants } from '@/server/services/access/grant-queries';
import { listCases } from '@/server/services/cases/case-queries';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { listSignals } from '@/server/services/signals/queries';
import { setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// Lists shown newest first page on (time, id). PostgreSQL keeps microseconds and JavaScript's
// Date only milliseconds, so a cursor must carry the database's own text of the time: rows
// written in one transaction share it exactly, and a cursor cut to milliseconds would skip them.

let teardown: () => Promise<void>;
let org: TestOrg;
let personId: string;
const ROWS = 23;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('keyset');
  ({ id: personId } = await createPerson(
    actorFor(org, 'compliance'),
    personInputSchema.parse({ email: 'k@keyset.test', fullName: 'Kim Keyset', type: 'employee' }),
  ));
  const system = await createSystem(
    actorFor(org, 'compliance'),
    systemInputSchema.parse({ name: 'Ledger', privileges: [{ name: 'read', sensitivity: 'low' }] }),
  );
  await withTenant({ orgId: org.id, userId: null }, async (tx) => {
    const [privilege] = await tx.select({ id: privileges.id }).from(privileges);
    await tx.insert(accessGrants).values(
      Array.from({ length: ROWS }, () => ({
        orgId: org.id,
        personId,
        systemId: system.id,
        privilegeId: privilege!.id,
        status: 'expired' as const,
        source: 'import' as const,
        justification: 'Paging test.',
      })),
    );
    const at = new Date('2026-10-01T12:00:00Z');
    await tx.insert(signals).values(
      Array.from({ length: ROWS }, (_, i) => ({
        orgId: org.id,
        kind: 'off_hours_access',
        personId,
        severity: 'medium' as const,
        windowStart: at,
        windowEnd: at,
        dedupeKey: `keyset-${i}`,
        explanation: 'Paging test.',
        stats: {},
        detectorVersion: 'test',
      })),
    );
    await tx.insert(cases).values(
      Array.from({ length: ROWS }, (_, i) => ({
        orgId: org.id,
        number: i + 1,
        title: `Paging case ${i}`,
        severity: 'low' as const,
      })),
    );
  });
}, 120_000);

afterAll(async () => {
  await teardown?.();
});

async function walk<T extends { id: string }>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 20; n++) {
    const result = await page(cursor);
    seen.push(...result.items.map((r) => r.id));
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return seen;
}

describe('keyset pages over rows written in one transaction', () => {
  it('the signal queue shows every signal once across pages', async () => {
    const actor = actorFor(org, 'compliance');
    const ids = await walk((cursor) =>
      listSignals(actor, listSignalsSchema.parse({ status: 'all', limit: 5, cursor })),
    );
    expect(ids).toHaveLength(ROWS);
    expect(new Set(ids).size).toBe(ROWS);
  });

  it('the case list shows every case once across pages', async () => {
    const actor = actorFor(org, 'compliance');
    const ids = await walk(async (cursor) => {
      const page = await listCases(
        actor,
        listCasesSchema.parse({ status: 'all', limit: 5, cursor }),
      );
      return { items: page.items, nextCursor: page.nextCursor };
    });
    expect(ids).toHaveLength(ROWS);
    expect(new Set(ids).size).toBe(ROWS);
  });

  it('the access list shows every grant once across pages', async () => {
    const actor = actorFor(org, 'compliance');
    const ids = await walk((cursor) =>
      listGrants(actor, listGrantsSchema.parse({ status: 'all', limit: 5, cursor })),
    );
    expect(ids).toHaveLength(ROWS);
    expect(new Set(ids).size).toBe(ROWS);
  });
});
