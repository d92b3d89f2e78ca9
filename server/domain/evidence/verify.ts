import { z } from 'zod';
import { auditEntryProblem, verifyAuditChain, type AuditEntry } from '../audit/chain';
import { MANIFEST_PATH, type AuditSegment, type Manifest } from './manifest';

export interface FileDigest {
  sha256: string;
  bytes: number;
}

export type FileCheck =
  | { path: string; status: 'ok'; sha256: string }
  | { path: string; status: 'mismatch'; expected: string; actual: string }
  | { path: string; status: 'missing'; expected: string }
  | { path: string; status: 'unexpected'; actual: string };

/** Every file the manifest lists is present with its hash; nothing else rides along. */
export function checkFiles(
  manifest: Manifest,
  digests: ReadonlyMap<string, FileDigest>,
): FileCheck[] {
  const checks: FileCheck[] = manifest.files.map((f) => {
    const d = digests.get(f.path);
    if (!d) return { path: f.path, status: 'missing', expected: f.sha256 };
    return d.sha256 === f.sha256
      ? { path: f.path, status: 'ok', sha256: d.sha256 }
      : { path: f.path, status: 'mismatch', expected: f.sha256, actual: d.sha256 };
  });
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const [path, d] of digests)
    if (path !== MANIFEST_PATH && !listed.has(path))
      checks.push({ path, status: 'unexpected', actual: d.sha256 });
  return checks;
}

const auditLineSchema = z.object({
  orgId: z.string(),
  seq: z.number().int(),
  id: z.string(),
  occurredAt: z.string(),
  // Any actor type: the hash decides whether the entry is intact, and new types come with features.
  actorType: z.string().max(50),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  // Version 2 entries (docs/SECURITY.md §Audit chain); absent on older packages.
  payloadDigest: z.string().nullable().optional(),
  payloadNonce: z.string().nullable().optional(),
  redacted: z.boolean().optional(),
  prevHash: z.string(),
  hash: z.string(),
});

export interface AuditProblem {
  line: number;
  seq: number | null;
  id: string | null;
  reason: string;
}

export interface AuditSegmentCheck {
  ok: boolean;
  path: string;
  entries: number;
  /** Each entry whose own hash no longer matches its contents, each unreadable line, and the
   *  first place the chain's linkage breaks: enough to name every edited entry. */
  problems: AuditProblem[];
}

const CHUNK = 2000;
const MAX_PROBLEMS = 100;

/**
 * Checks a package's audit segment line by line, memory bounded: each entry against its own
 * hash, and the chain (with the same code as `vigil audit verify`) from the manifest's
 * prevHash, in chunks.
 */
export class AuditSegmentVerifier {
  private readonly segment: AuditSegment;
  private chunk: AuditEntry[] = [];
  private chunkLines: number[] = [];
  private prevHash: string;
  private nextSeq: number;
  private chainBroken = false;
  private count = 0;
  private lineNo = 0;
  private lastHash: string;
  readonly problems: AuditProblem[] = [];

  constructor(segment: AuditSegment) {
    this.segment = segment;
    this.prevHash = segment.prevHash;
    this.lastHash = segment.prevHash;
    this.nextSeq = segment.fromSeq ?? 1;
  }

  private problem(p: AuditProblem) {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(p);
  }

  pushLine(text: string): void {
    this.lineNo += 1;
    if (text.trim() === '') return;
    this.count += 1;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.problem({ line: this.lineNo, seq: null, id: null, reason: 'not valid JSON (edited)' });
      this.chainBroken = true;
      return;
    }
    const parsed = auditLineSchema.safeParse(raw);
    if (!parsed.success) {
      const r = raw as { seq?: unknown; id?: unknown };
      this.problem({
        line: this.lineNo,
        seq: typeof r?.seq === 'number' ? r.seq : null,
        id: typeof r?.id === 'string' ? r.id : null,
        reason: 'not an audit entry (fields missing or of the wrong type)',
      });
      this.chainBroken = true;
      return;
    }
    const entry = parsed.data as unknown as AuditEntry;
    const problem = auditEntryProblem(entry);
    if (problem) this.problem({ line: this.lineNo, seq: entry.seq, id: entry.id, reason: problem });
    this.lastHash = entry.hash;
    this.chunk.push(entry);
    this.chunkLines.push(this.lineNo);
    if (this.chunk.length >= CHUNK) this.flush();
  }

  private flush() {
    if (this.chunk.length === 0 || this.chainBroken) {
      this.chunk = [];
      this.chunkLines = [];
      return;
    }
    const result = verifyAuditChain(this.chunk, this.prevHash, this.nextSeq);
    if (result.ok) {
      this.prevHash = result.headHash;
      this.nextSeq += this.chunk.length;
    } else {
      this.chainBroken = true;
      const line = this.chunkLines[result.entries - 1] ?? this.lineNo;
      // An altered entry is already named above; the linkage break says where the chain stops.
      if (!this.problems.some((p) => p.seq === result.brokenAt.seq))
        this.problem({
          line,
          seq: result.brokenAt.seq,
          id: result.brokenAt.id,
          reason: result.reason,
        });
    }
    this.chunk = [];
    this.chunkLines = [];
  }

  finish(): AuditSegmentCheck {
    this.flush();
    const s = this.segment;
    if (this.count !== s.entries)
      this.problem({
        line: this.lineNo,
        seq: null,
        id: null,
        reason: `the manifest records ${s.entries} entries, the file holds ${this.count}`,
      });
    else if (this.lastHash !== s.lastHash && this.problems.length === 0)
      this.problem({
        line: this.lineNo,
        seq: s.toSeq,
        id: null,
        reason: 'the last entry is not the one the manifest records',
      });
    return {
      ok: this.problems.length === 0,
      path: s.path,
      entries: this.count,
      problems: this.problems,
    };
  }
}

export interface PackageVerification {
  ok: boolean;
  /** Why the package could not be checked at all (not a ZIP, no manifest …). */
  error: string | null;
  manifestSha256: string | null;
  manifest: Pick<
    Manifest,
    'organization' | 'period' | 'scope' | 'generatedAt' | 'generatedBy' | 'auditChain'
  > | null;
  files: FileCheck[];
  audit: AuditSegmentCheck | null;
}

export function packageFailure(
  error: string,
  manifestSha256: string | null = null,
): PackageVerification {
  return { ok: false, error, manifestSha256, manifest: null, files: [], audit: null };
}

export function packageVerification(
  manifest: Manifest,
  manifestSha256: string,
  files: FileCheck[],
  audit: AuditSegmentCheck | null,
): PackageVerification {
  const segmentMissing = manifest.auditChain.segment !== null && audit === null;
  return {
    ok: files.every((f) => f.status === 'ok') && (audit?.ok ?? true) && !segmentMissing,
    error: segmentMissing ? 'the audit segment the manifest names is missing' : null,
    manifestSha256,
    manifest: {
      organization: manifest.organization,
      period: manifest.period,
      scope: manifest.scope,
      generatedAt: manifest.generatedAt,
      generatedBy: manifest.generatedBy,
      auditChain: manifest.auditChain,
    },
    files,
    audit,
  };
}

/** One line per broken thing, for the CLI and the page's summary. */
export function describeProblems(v: PackageVerification): string[] {
  const lines: string[] = [];
  if (v.error) lines.push(v.error);
  for (const f of v.files) {
    if (f.status === 'mismatch')
      lines.push(
        `${f.path}: SHA-256 ${f.actual} does not match the manifest's ${f.expected} (edited)`,
      );
    if (f.status === 'missing')
      lines.push(`${f.path}: listed in the manifest but not in the package`);
    if (f.status === 'unexpected')
      lines.push(`${f.path}: in the package but not listed in the manifest`);
  }
  for (const p of v.audit?.problems ?? [])
    lines.push(
      `${v.audit?.path ?? 'audit'} line ${p.line}${p.seq !== null ? `, entry #${p.seq}` : ''}${p.id ? ` (id ${p.id})` : ''}: ${p.reason}`,
    );
  return lines;
}
