import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import {
  MANIFEST_PATH,
  parseManifest,
  sha256,
  type Manifest,
} from '@/server/domain/evidence/manifest';
import {
  AuditSegmentVerifier,
  checkFiles,
  packageFailure,
  packageVerification,
  type FileDigest,
  type PackageVerification,
} from '@/server/domain/evidence/verify';

const MAX_ENTRIES = 1000;
const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;
const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Decompressed bytes read in all: a package is large but not a zip bomb. */
const MAX_TOTAL_BYTES = 20 * 1024 ** 3;

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('not a ZIP')) : resolve(zip),
    ),
  );
}

/** Visits each file entry in order; `visit` consumes the entry's stream before the next opens. */
async function eachEntry(
  zip: ZipFile,
  visit: (entry: Entry, stream: () => Promise<Readable>) => Promise<void>,
) {
  let count = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: Entry) => {
      count += 1;
      if (count > MAX_ENTRIES) {
        reject(new Error(`more than ${MAX_ENTRIES} files: not an evidence package`));
        return;
      }
      if (entry.fileName.endsWith('/')) {
        zip.readEntry();
        return;
      }
      const open = () =>
        new Promise<Readable>((res, rej) =>
          zip.openReadStream(entry, (err, s) =>
            err || !s ? rej(err ?? new Error('unreadable entry')) : res(s),
          ),
        );
      visit(entry, open).then(() => zip.readEntry(), reject);
    });
    zip.readEntry();
  });
}

async function readManifest(path: string): Promise<{ text: string; sha: string } | null> {
  const zip = await openZip(path);
  try {
    let found: { text: string; sha: string } | null = null;
    await eachEntry(zip, async (entry, stream) => {
      if (entry.fileName !== MANIFEST_PATH) return;
      if (entry.uncompressedSize > MAX_MANIFEST_BYTES)
        throw new Error('manifest.json is too large');
      const chunks: Buffer[] = [];
      for await (const c of await stream()) chunks.push(c as Buffer);
      const buf = Buffer.concat(chunks);
      found = { text: buf.toString('utf8'), sha: sha256(buf) };
    });
    return found;
  } finally {
    zip.close();
  }
}

/**
 * Verifies an evidence package offline (docs/EVIDENCE.md §Verification): every file's
 * SHA-256 against the manifest, and the audit segment entry by entry and as a chain. Reads the
 * ZIP from disk twice (manifest is the last entry) and streams every file, so memory stays flat
 * whatever the package's size.
 */
export async function verifyEvidencePackage(path: string): Promise<PackageVerification> {
  let manifestRead: { text: string; sha: string } | null;
  try {
    manifestRead = await readManifest(path);
  } catch (error) {
    return packageFailure(`Not a readable ZIP package: ${(error as Error).message}`);
  }
  if (!manifestRead) return packageFailure('The package has no manifest.json.');
  const parsed = parseManifest(manifestRead.text);
  if (!parsed.ok) return packageFailure(parsed.reason, manifestRead.sha);
  const manifest: Manifest = parsed.manifest;
  const segment = manifest.auditChain.segment;
  const digests = new Map<string, FileDigest>();
  let auditCheck: ReturnType<AuditSegmentVerifier['finish']> | null = null;
  let total = 0;
  const zip = await openZip(path);
  try {
    await eachEntry(zip, async (entry, stream) => {
      if (entry.fileName === MANIFEST_PATH) return;
      const hash = createHash('sha256');
      let bytes = 0;
      const verifier =
        segment && entry.fileName === segment.path ? new AuditSegmentVerifier(segment) : null;
      let carry = Buffer.alloc(0);
      for await (const chunk of await stream()) {
        const c = chunk as Buffer;
        hash.update(c);
        bytes += c.length;
        total += c.length;
        if (total > MAX_TOTAL_BYTES) throw new Error('the package expands beyond the size limit');
        if (verifier) {
          let buf = carry.length ? Buffer.concat([carry, c]) : c;
          let nl = buf.indexOf(0x0a);
          while (nl !== -1) {
            verifier.pushLine(buf.subarray(0, nl).toString('utf8'));
            buf = buf.subarray(nl + 1);
            nl = buf.indexOf(0x0a);
          }
          if (buf.length > MAX_LINE_BYTES)
            throw new Error(`${entry.fileName} has a line longer than the limit`);
          carry = Buffer.from(buf);
        }
      }
      if (verifier) {
        if (carry.length) verifier.pushLine(carry.toString('utf8'));
        auditCheck = verifier.finish();
      }
      if (digests.has(entry.fileName))
        throw new Error(`${entry.fileName} appears twice in the ZIP`);
      digests.set(entry.fileName, { sha256: hash.digest('hex'), bytes });
    });
  } catch (error) {
    return packageFailure(
      `The package could not be read: ${(error as Error).message}`,
      manifestRead.sha,
    );
  } finally {
    zip.close();
  }
  return packageVerification(manifest, manifestRead.sha, checkFiles(manifest, digests), auditCheck);
}
