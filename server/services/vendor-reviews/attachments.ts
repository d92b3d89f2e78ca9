import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { describeBytes } from '@/server/api/request-body';
import {
  checkEvidenceType,
  cleanFileName,
  SNIFF_BYTES,
} from '@/server/domain/vendor-reviews/attachments';
import { evidenceIdSchema, reviewIdSchema } from '@/server/domain/vendor-reviews/inputs';
import { getEnv } from '@/server/env';
import type { OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { assertEvidenceUploadAllowed, readReviewEvidence, recordReviewEvidence } from './commands';

export interface EvidenceStorageOptions {
  /** A folder to keep files in; unset keeps them in the database. */
  dir?: string;
  maxBytes?: number;
}

function storageOptions(options: EvidenceStorageOptions = {}) {
  const env = getEnv();
  return {
    dir: options.dir ?? env.VIGIL_EVIDENCE_DIR ?? null,
    maxBytes: options.maxBytes ?? env.VIGIL_EVIDENCE_MAX_BYTES,
  };
}

const tooLarge = (max: number) =>
  new UserFacingError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than ${describeBytes(max)}; split it or upload a smaller export.`,
  );

/** Where a folder-stored file lives: named by ids only, never by what the uploader typed. */
function folderPath(dir: string, key: string) {
  return path.join(dir, ...key.split('/'));
}

/**
 * Stores an uploaded evidence file streamed in `chunks`: the type is decided from the name and
 * the first bytes (415 otherwise), the size is counted as it arrives (413 past the limit), and
 * the SHA-256 is computed on the way. Refusals store nothing and change nothing.
 */
export async function uploadReviewEvidence(
  actor: OrgActor,
  input: { reviewId: string; fileName: string },
  chunks: AsyncIterable<Uint8Array>,
  options: EvidenceStorageOptions = {},
) {
  const { reviewId } = reviewIdSchema.parse({ reviewId: input.reviewId });
  const fileName = cleanFileName(input.fileName);
  const { dir, maxBytes } = storageOptions(options);
  await assertEvidenceUploadAllowed(actor, reviewId);

  const id = randomUUID();
  const key = `${actor.orgId}/${id}`;
  const hash = createHash('sha256');
  const held: Uint8Array[] = [];
  let head = new Uint8Array(0);
  let size = 0;
  let contentType: string | null = null;
  let tmp: string | null = null;
  let out: ReturnType<typeof createWriteStream> | null = null;

  const write = async (chunk: Uint8Array) => {
    if (out) {
      if (!out.write(chunk)) await new Promise<void>((r) => out!.once('drain', () => r()));
    } else held.push(chunk);
  };
  const decide = async () => {
    const check = checkEvidenceType(fileName, head);
    if (!check.ok) throw new UserFacingError('UNSUPPORTED_MEDIA_TYPE', check.message);
    contentType = check.contentType;
    if (dir) {
      // A runtime folder, not a build asset: nothing for the bundler's file tracer to follow.
      await mkdir(/* turbopackIgnore: true */ `${dir}${path.sep}${actor.orgId}`, {
        recursive: true,
      });
      tmp = `${folderPath(dir, key)}.part`;
      out = createWriteStream(tmp, { flags: 'wx' });
    }
    const pending = held.splice(0);
    for (const c of pending) await write(c);
  };

  try {
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes);
      hash.update(chunk);
      if (contentType === null) {
        if (head.length < SNIFF_BYTES) {
          const joined = new Uint8Array(head.length + chunk.byteLength);
          joined.set(head, 0);
          joined.set(chunk, head.length);
          head = joined.subarray(0, Math.min(joined.length, SNIFF_BYTES));
        }
        held.push(chunk);
        if (head.length >= SNIFF_BYTES) await decide();
      } else await write(chunk);
    }
    if (contentType === null) await decide();
    if (out) {
      const stream: ReturnType<typeof createWriteStream> = out;
      stream.end();
      await finished(stream);
    }
    const sha256 = hash.digest('hex');
    const content = dir ? null : Buffer.concat(held);
    const finalPath = dir ? folderPath(dir, key) : null;
    return await recordReviewEvidence(
      actor,
      {
        reviewId,
        id,
        fileName,
        sizeBytes: size,
        contentType: contentType!,
        sha256,
        content,
        storageKey: dir ? key : null,
      },
      async () => {
        if (tmp && finalPath) await rename(tmp, finalPath);
      },
    );
  } catch (error) {
    const stream = out as ReturnType<typeof createWriteStream> | null;
    if (stream && !stream.closed) stream.destroy();
    throw error;
  } finally {
    if (tmp) await rm(tmp, { force: true });
  }
}

/** One evidence file for download (audited), with its bytes as a web stream. */
export async function openReviewEvidence(
  actor: OrgActor,
  input: { evidenceId: string },
  options: EvidenceStorageOptions = {},
) {
  const { evidenceId } = evidenceIdSchema.parse(input);
  const row = await readReviewEvidence(actor, evidenceId);
  let body: ReadableStream<Uint8Array>;
  if (row.storageKey) {
    const { dir } = storageOptions(options);
    if (!dir)
      throw new UserFacingError(
        'NOT_FOUND',
        'This file is kept in an evidence folder that is not configured here (VIGIL_EVIDENCE_DIR).',
      );
    body = Readable.toWeb(
      createReadStream(folderPath(dir, row.storageKey)),
    ) as ReadableStream<Uint8Array>;
  } else {
    const bytes = new Uint8Array(row.content ?? new Uint8Array(0));
    body = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
  }
  return {
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    body,
  };
}
