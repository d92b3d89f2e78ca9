import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, watchlistEntries, watchlistMatches } from '@/db/schema';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { JOB_HANDLERS, SCHEDULE } from '@/server/jobs/handlers';
import { createPerson } from '@/server/services/inventory/people-commands';
import { asOwner, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// docs/PRODUCT.md §Screening and watchlists: the daily pass finds what no change announced.
let teardown: () => Promise<void>;
let org: TestOrg;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('rescreen');
});
afterAll(() => teardown());

describe('daily re-screening', () => {
  it('matches an entry that arrived without a re-screen, once, and dates everyone', async () => {
    expect(SCHEDULE.find((s) => s.kind === 'screening.rescreen')?.everyMs).toBe(86_400_000);
    const person = await createPerson(
      actorFor(org, 'compliance'),
      personInputSchema.parse({
        email: 'kim@rescreen.test',
        fullName: 'Kim Dae',
        type: 'candidate',
        // Stored normalized, as every import writes them.
        identifiers: [{ kind: 'telegram', value: 'kimdae_dev' }],
      }),
    );
    // An entry written straight to the table, as a feed would: nothing re-screened.
    await asOwner((tx) =>
      tx.insert(watchlistEntries).values({
        orgId: org.id,
        source: 'community feed',
        name: 'Unrelated Alias',
        // Stored normalized, as every import writes them.
        identifiers: [{ kind: 'telegram', value: 'kimdae_dev' }],
      }),
    );
    const matches = () =>
      asOwner((tx) =>
        tx.select().from(watchlistMatches).where(eq(watchlistMatches.personId, person.id)),
      );
    expect(await matches()).toHaveLength(0);

    const handler = JOB_HANDLERS['screening.rescreen_org']!;
    expect(await handler({ orgId: org.id })).toEqual({ screened: 1, newMatches: 1 });
    expect(await matches()).toHaveLength(1);
    // Tomorrow's pass finds the same pair: not new.
    expect(await handler({ orgId: org.id })).toEqual({ screened: 1, newMatches: 0 });
    const [row] = await asOwner((tx) =>
      tx.select({ at: people.lastScreenedAt }).from(people).where(eq(people.id, person.id)),
    );
    expect(row?.at).toBeInstanceOf(Date);
    await expect(handler({ orgId: 'not-a-uuid' })).rejects.toThrow();
  });
});
