import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { and, eq } from 'drizzle-orm';
import { vendorReviewEvidence, vendorReviews } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { describeBytes } from '@/server/api/request-body';
import {
  checkAttachmentType,
  cleanFileName,
  SNIFF_BYTES,
} from '@/server/domain/vendor-reviews/attachments';
import type { AttachmentIdInput, ReviewIdInput } from '@/server/domain/vendor-reviews/inputs';
import { getEnv } from '@/server/env';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { audit, lockEditable, vendorScope, workedBy } from './review-access';

/**
 * Files attached to vendor reviews: the bytes travel through the route handlers
 * (app/api/vendor-reviews/**), the rows and their audit entries through here.
 */

/** Checks the review may take an attachment from this actor, before any byte is read. */
async function assertAttachmentUploadAllowed(actor: OrgActor, reviewId: string) {
  await withTenant(tenantOf(actor), async (tx) => {
    await lockEditable(tx, actor, reviewId);
  });
}

/** Records a stored file on the review, audited; the caller already hashed and stored it. */
async function recordReviewAttachment(
  actor: OrgActor,
  file: {
    reviewId: string;
    id: string;
    fileName: string;
    sizeBytes: number;
    contentType: string;
    sha256: string;
    content: Uint8Array | null;
    storageKey: string | null;
  },
  commitFile: () => Promise<void> = async () => {},
) {
  return withTenant(tenantOf(actor), async (tx) => {
    const { review } = await lockEditable(tx, actor, file.reviewId);
    await tx.insert(vendorReviewEvidence).values({
      orgId: actor.orgId,
      id: file.id,
      reviewId: review.id,
      fileName: file.fileName,
      sizeBytes: file.sizeBytes,
      contentType: file.contentType,
      sha256: file.sha256,
      storage: file.storageKey ? 'folder' : 'database',
      content: file.content,
      storageKey: file.storageKey,
      uploadedBy: actor.userId,
    });
    await tx
      .update(vendorReviews)
      .set({ ...workedBy(review, actor.userId), updatedAt: new Date() })
      .where(and(eq(vendorReviews.orgId, actor.orgId), eq(vendorReviews.id, review.id)));
    await audit(
      tx,
      actor,
      'vendor_review.evidence_uploaded',
      'vendor_review_evidence',
      file.id,
      null,
      {
        reviewId: review.id,
        fileName: file.fileName,
        sizeBytes: file.sizeBytes,
        contentType: file.contentType,
        sha256: file.sha256,
      },
    );
    // Last, so a refused insert leaves no file behind; a failure here rolls the row back.
    await commitFile();
    return {
      id: file.id,
      fileName: file.fileName,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
    };
  });
}

/** Reads one attachment for download; the download itself is an audit-log entry. */
async function readReviewAttachment(actor: OrgActor, attachmentId: string) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select({
        id: vendorReviewEvidence.id,
        reviewId: vendorReviewEvidence.reviewId,
        fileName: vendorReviewEvidence.fileName,
        sizeBytes: vendorReviewEvidence.sizeBytes,
        sha256: vendorReviewEvidence.sha256,
        content: vendorReviewEvidence.content,
        storageKey: vendorReviewEvidence.storageKey,
      })
      .from(vendorReviewEvidence)
      .innerJoin(
        vendorReviews,
        and(
          eq(vendorReviews.orgId, vendorReviewEvidence.orgId),
          eq(vendorReviews.id, vendorReviewEvidence.reviewId),
        ),
      )
      .where(
        and(
          eq(vendorReviewEvidence.orgId, actor.orgId),
          eq(vendorReviewEvidence.id, attachmentId),
          vendorScope(actor, vendorReviews.vendorId),
        ),
      );
    if (!row) throw new UserFacingError('NOT_FOUND', 'No such evidence file in this organization.');
    await audit(
      tx,
      actor,
      'vendor_review.evidence_downloaded',
      'vendor_review_evidence',
      row.id,
      null,
      {
        reviewId: row.reviewId,
        fileName: row.fileName,
        sha256: row.sha256,
      },
    );
    return row;
  });
}

export interface AttachmentStorageOptions {
  /** A folder to keep files in; unset keeps them in the database. */
  dir?: string;
  maxBytes?: number;
}

function storageOptions(options: AttachmentStorageOptions = {}) {
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
 * Stores an uploaded attachment streamed in `chunks`: the type is decided from the name and
 * the first bytes (415 otherwise), the size is counted as it arrives (413 past the limit), and
 * the SHA-256 is computed on the way. Refusals store nothing and change nothing.
 */
export async function uploadReviewAttachment(
  actor: OrgActor,
  input: ReviewIdInput & { fileName: string },
  chunks: AsyncIterable<Uint8Array>,
  options: AttachmentStorageOptions = {},
) {
  const { reviewId } = input;
  const fileName = cleanFileName(input.fileName);
  const { dir, maxBytes } = storageOptions(options);
  await assertAttachmentUploadAllowed(actor, reviewId);

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
    const check = checkAttachmentType(fileName, head);
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
    return await recordReviewAttachment(
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

/** One attachment for download (audited), with its bytes as a web stream. */
export async function openReviewAttachment(
  actor: OrgActor,
  { attachmentId }: AttachmentIdInput,
  options: AttachmentStorageOptions = {},
) {
  const row = await readReviewAttachment(actor, attachmentId);
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
