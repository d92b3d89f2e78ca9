import {
  createHash,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import canonicalize from 'canonicalize';
import { z } from 'zod';

/**
 * The audit chain's head published outside the database (docs/SECURITY.md §Audit chain): someone
 * who can become the table owner could cut entries off the chain's end and leave a chain that
 * still verifies; a head signed earlier and kept elsewhere (a file, an evidence package, a
 * webhook or SIEM event) shows the entries it names are gone. Signed with Ed25519, so whoever
 * holds the public key can check a head without being able to forge one.
 */
export const ANCHOR_VERSION = 1 as const;

export interface AuditHead {
  orgId: string;
  orgSlug: string;
  /** The last entry's seq (0 for an empty chain) and its hash (GENESIS for an empty chain). */
  seq: number;
  hash: string;
  at: string;
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const signedAuditHeadSchema = z.object({
  v: z.literal(ANCHOR_VERSION),
  orgId: z.uuid(),
  orgSlug: z.string().max(100),
  seq: z.number().int().min(0),
  hash: sha256Hex,
  at: z.iso.datetime(),
  alg: z.literal('Ed25519'),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  publicKey: z.string().max(100),
  sig: z.string().max(200),
});
export type SignedAuditHead = z.infer<typeof signedAuditHeadSchema>;

export interface AnchorKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  /** The raw 32-byte public key, base64: what an auditor pins. */
  publicKeyBase64: string;
}

// PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The signing key from a 32-byte seed: VIGIL_ANCHOR_KEY itself, or one derived from
 * VIGIL_SECRETS_KEY with HKDF so a deployment that has that key anchors without a new secret.
 */
export function anchorKeyFromSeed(seed: Buffer): AnchorKey {
  if (seed.length !== 32) throw new Error('an anchor key seed is 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    privateKey,
    publicKey,
    keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16),
    publicKeyBase64: raw.toString('base64'),
  };
}

export function deriveAnchorSeed(secretsKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'vigil audit anchor v1', 32));
}

/** What the signature covers: every field but the signature, as RFC 8785 canonical JSON. */
function signedBytes(head: Omit<SignedAuditHead, 'sig'>): Buffer {
  const text = canonicalize(head);
  if (text === undefined) throw new Error('anchor cannot be canonicalized');
  return Buffer.from(text, 'utf8');
}

export function signAuditHead(head: AuditHead, key: AnchorKey): SignedAuditHead {
  const unsigned = {
    v: ANCHOR_VERSION,
    ...head,
    alg: 'Ed25519' as const,
    keyId: key.keyId,
    publicKey: key.publicKeyBase64,
  };
  return { ...unsigned, sig: sign(null, signedBytes(unsigned), key.privateKey).toString('base64') };
}

/** True when `anchor` was signed by `key` (the pinned key, never the one the anchor carries). */
export function anchorSignatureValid(anchor: SignedAuditHead, key: AnchorKey): boolean {
  const { sig, ...unsigned } = anchor;
  if (anchor.keyId !== key.keyId || anchor.publicKey !== key.publicKeyBase64) return false;
  try {
    return verify(null, signedBytes(unsigned), key.publicKey, Buffer.from(sig, 'base64'));
  } catch {
    return false;
  }
}

/** One line of an anchor file, or why it is not one. */
export function parseAnchorLine(
  line: string,
): { ok: true; anchor: SignedAuditHead } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = signedAuditHeadSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a signed audit head (${issue?.path.join('.') || 'root'})` };
  }
  return { ok: true, anchor: parsed.data };
}

export interface AnchorProblem {
  line: number;
  kind: 'malformed' | 'forged' | 'other_organization' | 'truncated' | 'rewritten' | 'empty';
  message: string;
}

export interface AnchorCheck {
  ok: boolean;
  /** Anchors of this organization with a valid signature. */
  anchors: number;
  /** The highest anchored seq that the chain still holds as anchored. */
  latest: { seq: number; at: string } | null;
  problems: AnchorProblem[];
}

/**
 * Compares an anchor file's lines with the chain as it is now. `chainHead` is the last entry
 * (seq 0 when empty) and `hashAt` the chain's hash at each anchored seq it still holds. A head
 * that is missing means entries were cut off the end; a different hash means the chain was
 * rewritten from there; a bad signature means the anchor itself is not Vigil's.
 */
export function checkAnchors(
  lines: readonly string[],
  orgId: string,
  key: AnchorKey,
  chainHead: { seq: number },
  hashAt: ReadonlyMap<number, string>,
): AnchorCheck {
  const problems: AnchorProblem[] = [];
  let anchors = 0;
  let latest: AnchorCheck['latest'] = null;
  lines.forEach((text, i) => {
    const line = i + 1;
    if (text.trim() === '') return;
    const parsed = parseAnchorLine(text);
    if (!parsed.ok) {
      problems.push({ line, kind: 'malformed', message: `line ${line}: ${parsed.reason}` });
      return;
    }
    const a = parsed.anchor;
    if (!anchorSignatureValid(a, key)) {
      problems.push({
        line,
        kind: 'forged',
        message: `line ${line}: the signature does not verify with this deployment's anchor key (${key.keyId}); the anchor was altered or not made by Vigil`,
      });
      return;
    }
    if (a.orgId !== orgId) {
      problems.push({
        line,
        kind: 'other_organization',
        message: `line ${line}: anchors organization ${a.orgSlug}, not this one`,
      });
      return;
    }
    anchors += 1;
    if (a.seq === 0) return;
    if (a.seq > chainHead.seq) {
      problems.push({
        line,
        kind: 'truncated',
        message: `line ${line}: the head anchored at ${a.at} is entry #${a.seq}, but the chain ends at #${chainHead.seq}: entries were removed from its end`,
      });
      return;
    }
    if (hashAt.get(a.seq) !== a.hash) {
      problems.push({
        line,
        kind: 'rewritten',
        message: `line ${line}: entry #${a.seq} no longer has the hash anchored at ${a.at}: the chain was rewritten from there`,
      });
      return;
    }
    if (!latest || a.seq > latest.seq) latest = { seq: a.seq, at: a.at };
  });
  if (anchors === 0 && problems.length === 0)
    problems.push({
      line: 0,
      kind: 'empty',
      message: 'the file holds no anchor of this organization',
    });
  return { ok: problems.length === 0, anchors, latest, problems };
}
