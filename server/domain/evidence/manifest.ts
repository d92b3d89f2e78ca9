import { createHash } from 'node:crypto';
import { z } from 'zod';

export const MANIFEST_FORMAT = 'vigil-evidence/1';
export const MANIFEST_PATH = 'manifest.json';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');

/** Relative, forward-slash, no `..`: a package from anywhere must not name paths outside itself. */
export const packagePathSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9_]+(\/[a-z0-9_.-]+)*\.(csv|jsonl|pdf)$/, 'a relative path inside the package')
  .refine((p) => !p.split('/').includes('..'), 'a relative path inside the package');

export const manifestFileSchema = z.object({
  path: packagePathSchema,
  section: z.string().max(50),
  format: z.enum(['csv', 'jsonl', 'pdf']),
  description: z.string().max(500),
  sha256: sha256Hex,
  bytes: z.number().int().min(0),
  /** Data rows (CSV rows after the header, JSONL lines); null for the PDF. */
  rows: z.number().int().min(0).nullable(),
  /** The query or filter that produced the population, exactly as it ran, and its parameters. */
  query: z.string().max(10_000).nullable(),
  params: z.record(z.string(), z.string()).nullable(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const auditSegmentSchema = z.object({
  path: packagePathSchema,
  /** First and last seq in the file; an empty period has none. */
  fromSeq: z.number().int().min(1).nullable(),
  toSeq: z.number().int().min(0).nullable(),
  entries: z.number().int().min(0),
  /** The hash of the entry before the first one (GENESIS for seq 1): the segment checks offline. */
  prevHash: sha256Hex,
  lastHash: sha256Hex,
});
export type AuditSegment = z.infer<typeof auditSegmentSchema>;

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  organization: z.object({ id: z.uuid(), slug: z.string().max(100), name: z.string().max(200) }),
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  scope: z.array(z.string().max(50)).max(20),
  generatedBy: z.object({
    type: z.string().max(20),
    id: z.string().max(100).nullable(),
    label: z.string().max(320),
  }),
  generatedAt: z.iso.datetime(),
  /** Rows created after this instant are left out, so every population describes one moment. */
  snapshotAt: z.iso.datetime(),
  auditChain: z.object({
    headSeq: z.number().int().min(0),
    headHash: sha256Hex,
    segment: auditSegmentSchema.nullable(),
  }),
  files: z.array(manifestFileSchema).max(200),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest's bytes: stable key order as built, two-space indent, trailing newline. */
export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifestSchema.parse(manifest), null, 2)}\n`;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Parses untrusted manifest bytes; a reason a person can act on when it is not one. */
export function parseManifest(
  text: string,
): { ok: true; manifest: Manifest } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'manifest.json is not valid JSON' };
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `manifest.json is not a Vigil evidence manifest (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'})`,
    };
  }
  const paths = new Set<string>();
  for (const f of parsed.data.files) {
    if (paths.has(f.path)) return { ok: false, reason: `manifest.json lists ${f.path} twice` };
    paths.add(f.path);
  }
  return { ok: true, manifest: parsed.data };
}
