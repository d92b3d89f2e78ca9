import fs from 'node:fs';
import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { ANCHOR_KEY_MISSING, checkAuditAnchorsAsSystem } from '@/server/services/audit/anchors';
import { verifyAuditChainAsSystem } from '@/server/services/audit/audit-queries';
import { HandledError, command, orgFlag, orgIdFor, print } from '../args';

/**
 * `vigil audit verify --org S [--anchor FILE]`: the organization's whole audit chain; with an
 * anchor file (docs/SECURITY.md §Audit chain) also that every head anchored in it is still in
 * the chain, so a cut-off tail shows. Exit 1 where either breaks.
 */
export const auditVerify = command({
  args: z.object({ org: orgFlag, anchor: z.string().min(1).optional() }),
  input: ({ values }) => ({ org: values.org, anchor: values.anchor }),
  handler: async ({ org, anchor }, out) => {
    let anchorText: string | null = null;
    if (anchor !== undefined) {
      try {
        anchorText = fs.readFileSync(anchor, 'utf8');
      } catch (error) {
        throw new HandledError(
          `Cannot read the anchor file ${anchor}: ${(error as Error).message}`,
        );
      }
    }
    await getDatabaseHandle();
    const orgId = await orgIdFor(org);
    const result = await verifyAuditChainAsSystem(orgId);
    const anchors = anchorText === null ? null : await checkAnchorsOrExplain(orgId, anchorText);
    if (out.json && (!result.ok || (anchors && !anchors.ok)))
      process.stdout.write(
        `${JSON.stringify(anchors ? { ...result, anchor: anchors } : result)}\n`,
      );
    if (!result.ok)
      throw new HandledError(
        `Audit chain broken at entry #${result.brokenAt.seq} (id ${result.brokenAt.id}): ${result.reason}`,
      );
    if (anchors && !anchors.ok)
      throw new HandledError(
        [
          `Audit chain does not match the anchor file ${anchor} (${anchors.problems.length} problem${anchors.problems.length === 1 ? '' : 's'}):`,
          ...anchors.problems.map((p) => `  ${p.message}`),
        ].join('\n'),
      );
    const lines = [`Audit chain intact: ${result.entries} entries, head ${result.headHash}`];
    if (anchors)
      lines.push(
        anchors.latest
          ? `Anchors match: ${anchors.anchors} checked, the latest (entry #${anchors.latest.seq}, ${anchors.latest.at}) is still in the chain`
          : `Anchors match: ${anchors.anchors} checked (all anchored an empty chain)`,
      );
    print(out, lines.join('\n'), anchors ? { ...result, anchor: anchors } : result);
  },
});

async function checkAnchorsOrExplain(orgId: string, text: string) {
  try {
    return await checkAuditAnchorsAsSystem(orgId, text);
  } catch (error) {
    if ((error as Error).message === ANCHOR_KEY_MISSING) throw new HandledError(ANCHOR_KEY_MISSING);
    throw error;
  }
}
