import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { findPackageByManifest } from './package-queries';
import { verifyEvidencePackage } from './package-reader';

/** Browser uploads for verification; the CLI verifies packages of any size. */
export const VERIFY_UPLOAD_MAX_BYTES = 2 * 1024 ** 3;

/**
 * The verify page's upload: spooled to a private temporary file (a ZIP is read from its end, so
 * it cannot be checked as a pure stream), verified entry by entry with memory bounded, and
 * deleted whatever happens; nothing is kept. Also says whether this organization generated it.
 */
export async function verifyUploadedPackage(actor: OrgActor, body: AsyncIterable<Uint8Array>) {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'vigil-verify-'));
  const file = path.join(dir, `${randomUUID()}.zip`);
  try {
    const out = fs.createWriteStream(file, { mode: 0o600 });
    let bytes = 0;
    try {
      for await (const chunk of body) {
        bytes += chunk.byteLength;
        if (bytes > VERIFY_UPLOAD_MAX_BYTES)
          throw new UserFacingError(
            'PAYLOAD_TOO_LARGE',
            'The package is larger than 2 GiB; verify it with `vigil evidence verify`.',
          );
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
    } finally {
      await new Promise<void>((resolve, reject) =>
        out.end((e?: Error | null) => (e ? reject(e) : resolve())),
      );
    }
    if (bytes === 0)
      throw new UserFacingError('BAD_REQUEST', 'The file is empty; choose the package ZIP.');
    const verification = await verifyEvidencePackage(file);
    const kept = verification.manifestSha256
      ? await findPackageByManifest(actor, verification.manifestSha256)
      : null;
    return { verification, kept, bytes };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
