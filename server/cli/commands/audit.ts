import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { verifyAuditChainAsSystem } from '@/server/services/audit/audit-queries';
import { HandledError, command, orgFlag, orgIdFor, print } from '../args';

/** `vigil audit verify --org S`: the organization's whole audit chain; exit 1 where it breaks. */
export const auditVerify = command({
  args: z.object({ org: orgFlag }),
  input: ({ values }) => ({ org: values.org }),
  handler: async ({ org }, out) => {
    await getDatabaseHandle();
    const result = await verifyAuditChainAsSystem(await orgIdFor(org));
    if (result.ok) {
      print(out, `Audit chain intact: ${result.entries} entries, head ${result.headHash}`, result);
      return;
    }
    if (out.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    throw new HandledError(
      `Audit chain broken at entry #${result.brokenAt.seq} (id ${result.brokenAt.id}): ${result.reason}`,
    );
  },
});
