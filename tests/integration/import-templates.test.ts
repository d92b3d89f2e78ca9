import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_KINDS } from '@/server/domain/import/inputs';
import { templateCsv } from '@/server/domain/import/templates';
import { runImport } from '@/server/services/import/run';
import { setupTestDatabase } from '../helpers/db';
import { createTestOrg, type TestOrg } from '../helpers/fixtures';

// The downloadable templates (docs/IMPORTS.md §Templates) load into an empty organization, in
// order, without a rejected row: a new customer's first import works as downloaded.
let teardown: () => Promise<void>;
let org: TestOrg;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('templates');
});
afterAll(() => teardown());

describe('import templates', () => {
  it('import in order with every example row created and none rejected', async () => {
    const actor = {
      orgId: org.id,
      userId: org.users.compliance.id,
      audit: { type: 'user' as const, id: org.users.compliance.id, label: 'compliance' },
      requestId: null,
      ip: null,
    };
    for (const kind of IMPORT_KINDS) {
      const report = await runImport(actor, kind, templateCsv(kind), { dryRun: false });
      expect({ kind, rejected: report.rejected }).toEqual({ kind, rejected: [] });
      expect(report.created).toBeGreaterThan(0);
    }
  });
});
