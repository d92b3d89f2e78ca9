import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { auditLog, organizations } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import {
  anchorKeyFromSeed,
  checkAnchors,
  deriveAnchorSeed,
  parseAnchorLine,
  signAuditHead,
  type AnchorCheck,
  type AnchorKey,
  type SignedAuditHead,
} from '@/server/domain/audit/anchor';
import { GENESIS_HASH } from '@/server/domain/audit/chain';
import { parseSecretsKey } from '@/server/domain/secrets/secret-box';
import { getEnv, type Env } from '@/server/env';
import { recordOutboundEvent } from '@/server/services/outbound/events';

/**
 * The key that signs published chain heads (docs/SECURITY.md §Audit chain): VIGIL_ANCHOR_KEY,
 * else one derived from VIGIL_SECRETS_KEY; null when neither is set (nothing is anchored).
 */
export function anchorKey(env: Env = getEnv()): AnchorKey | null {
  if (env.VIGIL_ANCHOR_KEY) {
    const seed = parseSecretsKey(env.VIGIL_ANCHOR_KEY);
    if (!seed) throw new Error('VIGIL_ANCHOR_KEY must be 32 bytes, base64 or hex');
    return anchorKeyFromSeed(seed);
  }
  if (!env.VIGIL_SECRETS_KEY) return null;
  const secrets = parseSecretsKey(env.VIGIL_SECRETS_KEY);
  if (!secrets) throw new Error('VIGIL_SECRETS_KEY must be 32 bytes, base64 or hex');
  return anchorKeyFromSeed(deriveAnchorSeed(secrets));
}

/** The chain's last entry, or seq 0 and the genesis hash for an empty chain. */
export async function readAuditHead(tx: Tx, orgId: string): Promise<{ seq: number; hash: string }> {
  const [head] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.orgId, orgId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return head ?? { seq: 0, hash: GENESIS_HASH };
}

/** Where an organization's anchors accumulate, one signed head per line, appended only. */
export function anchorFilePath(orgSlug: string, env: Env = getEnv()): string {
  // Slugs are lower-case letters, digits and hyphens; refuse anything else rather than escape.
  if (!/^[a-z0-9-]+$/.test(orgSlug)) throw new Error(`unexpected organization slug ${orgSlug}`);
  return path.join(env.VIGIL_DATA_DIR, 'anchors', `${orgSlug}.jsonl`);
}

/**
 * The daily anchor of one organization (queue job `audit.anchor_org`): signs the chain's head,
 * appends it to VIGIL_DATA_DIR/anchors/<slug>.jsonl and records `audit.head_anchored` for
 * webhooks and SIEM streams. The line is written before the event commits, so a retry after a
 * failure can repeat a line but never leave an event without one.
 */
export async function anchorAuditHead(
  orgId: string,
  now: Date = new Date(),
): Promise<{ anchored: false } | { anchored: true; seq: number; file: string }> {
  const key = anchorKey();
  if (!key) return { anchored: false };
  return withSystem(
    async (tx) => {
      const [org] = await tx
        .select({ slug: organizations.slug })
        .from(organizations)
        .where(eq(organizations.id, orgId));
      if (!org) return { anchored: false as const };
      const head = await readAuditHead(tx, orgId);
      const anchor = signAuditHead(
        { orgId, orgSlug: org.slug, seq: head.seq, hash: head.hash, at: now.toISOString() },
        key,
      );
      const file = anchorFilePath(org.slug);
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.appendFileSync(file, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
      await recordOutboundEvent(
        tx,
        orgId,
        'audit.head_anchored',
        { type: 'audit_chain', id: orgId },
        {
          anchor,
        },
      );
      return { anchored: true as const, seq: head.seq, file };
    },
    { orgId },
  );
}

/** The head signed at `at`, for an evidence package; null without an anchor key. */
export function signedHeadFor(
  org: { id: string; slug: string },
  head: { seq: number; hash: string },
  at: Date,
): SignedAuditHead | null {
  const key = anchorKey();
  return key
    ? signAuditHead(
        { orgId: org.id, orgSlug: org.slug, seq: head.seq, hash: head.hash, at: at.toISOString() },
        key,
      )
    : null;
}

export const ANCHOR_KEY_MISSING =
  'Checking anchors needs the key they were signed with: set VIGIL_ANCHOR_KEY (or VIGIL_SECRETS_KEY, if anchors were signed with the key derived from it).';

/**
 * Checks an anchor file against the organization's chain as it is now (`vigil audit verify
 * --anchor`): every anchored head must still be in the chain with the same hash.
 */
export async function checkAuditAnchorsAsSystem(
  orgId: string,
  fileText: string,
): Promise<AnchorCheck> {
  const key = anchorKey();
  if (!key) throw new Error(ANCHOR_KEY_MISSING);
  const lines = fileText.split('\n');
  const seqs = new Set<number>();
  for (const line of lines) {
    const parsed = line.trim() ? parseAnchorLine(line) : null;
    if (parsed?.ok && parsed.anchor.orgId === orgId && parsed.anchor.seq > 0)
      seqs.add(parsed.anchor.seq);
  }
  return withSystem(
    async (tx) => {
      const head = await readAuditHead(tx, orgId);
      const rows = seqs.size
        ? await tx
            .select({ seq: auditLog.seq, hash: auditLog.hash })
            .from(auditLog)
            .where(and(eq(auditLog.orgId, orgId), inArray(auditLog.seq, [...seqs])))
        : [];
      return checkAnchors(lines, orgId, key, head, new Map(rows.map((r) => [r.seq, r.hash])));
    },
    { orgId },
  );
}
