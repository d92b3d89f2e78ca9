import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '@/server/services/shared/keyset';
import { setupTestDatabase } from '../helpers/db';
import { callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('hard');
});
afterAll(() => teardown());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'OK',
    (e: unknown) => `${(e as { code?: string }).code}: ${(e as Error).message}`,
  );
}

// Probe finding F4: these answered 500 before.
describe('bad input answers 400, never 500', () => {
  it('refuses a NUL character in a search field with a message', async () => {
    const compliance = await callerFor(org, 'compliance');
    expect(await codeOf(compliance.vendors.list({ q: 'acme\u0000' }))).toMatch(
      /^BAD_REQUEST: Text may not contain the NUL character/,
    );
    expect(await codeOf(compliance.people.list({ q: '\u0000' }))).toMatch(/^BAD_REQUEST/);
  });

  it('refuses a crafted page link whose values are not a time and an id', async () => {
    const compliance = await callerFor(org, 'compliance');
    for (const cursor of [
      encodeCursor(['not a time', 'not an id']),
      encodeCursor(['2026-12-01T00:00:00Z', 'not-a-uuid']),
      'garbage',
    ])
      expect(await codeOf(compliance.signals.list({ cursor }))).toMatch(/^BAD_REQUEST/);
    expect(await codeOf(compliance.people.list({ cursor: encodeCursor(['x', 'y']) }))).toMatch(
      /^BAD_REQUEST/,
    );
  });
});
