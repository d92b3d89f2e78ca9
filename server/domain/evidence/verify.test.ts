import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashAuditEntry, type AuditEntry } from '../audit/chain';
import {
  MANIFEST_FORMAT,
  parseManifest,
  serializeManifest,
  sha256,
  type Manifest,
} from './manifest';
import {
  AuditSegmentVerifier,
  checkFiles,
  describeProblems,
  packageVerification,
  type FileDigest,
} from './verify';

const ORG = '11111111-1111-4111-8111-111111111111';

function chain(n: number, startSeq = 1, prev = GENESIS_HASH): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prevHash = prev;
  for (let i = 0; i < n; i++) {
    const content = {
      orgId: ORG,
      seq: startSeq + i,
      id: `00000000-0000-4000-8000-${String(startSeq + i).padStart(12, '0')}`,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      // A signer of an attestation is a person, not a user: every actor type verifies.
      actorType: i === 1 ? ('person' as const) : ('user' as const),
      actorId: 'u1',
      actorLabel: 'auditor@acme.test',
      action: 'vendor.update',
      entityType: 'vendor',
      entityId: 'v1',
      before: { status: 'active' },
      after: { status: 'suspended', note: `n${i}` },
      requestId: null,
      ip: null,
    };
    const hash = hashAuditEntry(content, prevHash);
    out.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return out;
}

/** A package built in memory: files, an audit segment after 3 earlier entries, and its manifest. */
function buildPackage() {
  const earlier = chain(3);
  const segmentEntries = chain(5, 4, earlier[2]!.hash);
  const audit = segmentEntries.map((e) => `${JSON.stringify(e)}\n`).join('');
  const files = new Map<string, Buffer>([
    ['access/grants.csv', Buffer.from('id,status\r\ng1,active\r\ng2,"revoked, left"\r\n')],
    ['audit/audit_log.jsonl', Buffer.from(audit)],
    ['summary.pdf', Buffer.from('%PDF-1.3 test')],
  ]);
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    organization: { id: ORG, slug: 'acme', name: 'Acme' },
    period: { from: '2026-01-01', to: '2026-12-31' },
    scope: ['access', 'audit'],
    generatedBy: { type: 'user', id: 'u1', label: 'auditor@acme.test' },
    generatedAt: '2027-01-02T00:00:00.000Z',
    snapshotAt: '2027-01-02T00:00:00.000Z',
    auditChain: {
      headSeq: 8,
      headHash: segmentEntries.at(-1)!.hash,
      segment: {
        path: 'audit/audit_log.jsonl',
        fromSeq: 4,
        toSeq: 8,
        entries: 5,
        prevHash: earlier[2]!.hash,
        lastHash: segmentEntries.at(-1)!.hash,
      },
    },
    files: [...files].map(([path, buf]) => ({
      path,
      section: path.split('/')[0]!,
      format: path.endsWith('.pdf') ? 'pdf' : path.endsWith('.jsonl') ? 'jsonl' : 'csv',
      description: path,
      sha256: sha256(buf),
      bytes: buf.length,
      rows: null,
      query: null,
      params: null,
    })),
  };
  return { manifest, files };
}

function verify(manifest: Manifest, files: Map<string, Buffer>) {
  const digests = new Map<string, FileDigest>(
    [...files].map(([p, b]) => [p, { sha256: sha256(b), bytes: b.length }]),
  );
  const segment = manifest.auditChain.segment!;
  const v = new AuditSegmentVerifier(segment);
  const audit = files.get(segment.path);
  if (audit) for (const line of audit.toString('utf8').split('\n')) v.pushLine(line);
  return packageVerification(
    manifest,
    sha256(serializeManifest(manifest)),
    checkFiles(manifest, digests),
    audit ? v.finish() : null,
  );
}

describe('evidence manifest', () => {
  it('round-trips through its serialized bytes', () => {
    const { manifest } = buildPackage();
    const parsed = parseManifest(serializeManifest(manifest));
    expect(parsed).toEqual({ ok: true, manifest });
  });

  it('refuses paths outside the package, duplicate paths and non-manifests', () => {
    const { manifest } = buildPackage();
    const evil = { ...manifest, files: [{ ...manifest.files[0]!, path: '../etc/passwd.csv' }] };
    expect(parseManifest(JSON.stringify(evil)).ok).toBe(false);
    const dup = { ...manifest, files: [manifest.files[0]!, manifest.files[0]!] };
    expect(parseManifest(JSON.stringify(dup))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/twice/),
    });
    expect(parseManifest('{"format":"zip"}').ok).toBe(false);
    expect(parseManifest('not json').ok).toBe(false);
  });
});

describe('evidence verification', () => {
  it('passes an untouched package', () => {
    const { manifest, files } = buildPackage();
    const result = verify(manifest, files);
    expect(result.ok).toBe(true);
    expect(result.audit).toMatchObject({ ok: true, entries: 5 });
    expect(describeProblems(result)).toEqual([]);
  });

  it('catches a flipped bit in any byte of any file and names the file', () => {
    const { manifest, files } = buildPackage();
    const sizes = [...files].map(([p, b]) => [p, b.length] as const);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: sizes.length - 1 }),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        (fileIndex, offset, bit) => {
          const [path, size] = sizes[fileIndex]!;
          const copy = new Map(files);
          const buf = Buffer.from(files.get(path)!);
          buf[offset % size] = buf[offset % size]! ^ (1 << bit);
          copy.set(path, buf);
          const result = verify(manifest, copy);
          expect(result.ok).toBe(false);
          expect(result.files.filter((f) => f.status !== 'ok').map((f) => f.path)).toEqual([path]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names the audit entry an edit breaks, even when the file hash is recomputed to match', () => {
    const { manifest, files } = buildPackage();
    const lines = files.get('audit/audit_log.jsonl')!.toString('utf8').split('\n');
    const entry = JSON.parse(lines[2]!) as AuditEntry;
    lines[2] = JSON.stringify({ ...entry, after: { status: 'active' } });
    const edited = Buffer.from(lines.join('\n'));
    const copy = new Map(files).set('audit/audit_log.jsonl', edited);
    const forged: Manifest = {
      ...manifest,
      files: manifest.files.map((f) =>
        f.path === 'audit/audit_log.jsonl' ? { ...f, sha256: sha256(edited) } : f,
      ),
    };
    const result = verify(forged, copy);
    expect(result.ok).toBe(false);
    expect(result.files.every((f) => f.status === 'ok')).toBe(true);
    expect(result.audit?.problems).toEqual([
      {
        line: 3,
        seq: entry.seq,
        id: entry.id,
        reason: 'hash does not match the entry contents (altered)',
      },
    ]);
    expect(describeProblems(result)[0]).toMatch(/line 3, entry #6/);
  });

  it('catches a removed, reordered or re-chained entry and a segment that does not start where the manifest says', () => {
    const { manifest, files } = buildPackage();
    const lines = files.get('audit/audit_log.jsonl')!.toString('utf8').trim().split('\n');
    const forge = (ls: string[]) => {
      const buf = Buffer.from(`${ls.join('\n')}\n`);
      const m: Manifest = {
        ...manifest,
        files: manifest.files.map((f) =>
          f.path === 'audit/audit_log.jsonl' ? { ...f, sha256: sha256(buf) } : f,
        ),
      };
      return verify(m, new Map(files).set('audit/audit_log.jsonl', buf));
    };
    const removed = forge([...lines.slice(0, 2), ...lines.slice(3)]);
    expect(removed.audit?.problems[0]).toMatchObject({
      seq: 7,
      reason: expect.stringMatching(/missing or reordered/),
    });
    const swapped = forge([lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)]);
    expect(swapped.ok).toBe(false);
    const otherChain = chain(5, 4).map((e) => JSON.stringify(e));
    const rechained = forge(otherChain);
    expect(rechained.audit?.problems[0]).toMatchObject({
      seq: 4,
      reason: expect.stringMatching(/prev_hash/),
    });
    const garbage = forge([...lines.slice(0, 4), '{not json']);
    expect(garbage.audit?.problems[0]).toMatchObject({
      line: 5,
      reason: expect.stringMatching(/not valid JSON/),
    });
  });

  it('reports files missing from the package and files the manifest does not list', () => {
    const { manifest, files } = buildPackage();
    const copy = new Map(files);
    copy.delete('summary.pdf');
    copy.set('extra.csv', Buffer.from('x'));
    const result = verify(manifest, copy);
    expect(result.files.filter((f) => f.status !== 'ok')).toEqual([
      { path: 'summary.pdf', status: 'missing', expected: manifest.files[2]!.sha256 },
      { path: 'extra.csv', status: 'unexpected', actual: sha256('x') },
    ]);
  });
});
