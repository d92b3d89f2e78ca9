'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { formatDateTime } from '@/components/ui/format';
import { ATTACHMENT_EXTENSIONS } from '@/server/domain/vendor-reviews/attachments';
import { formatBytes } from './labels';

interface EvidenceFile {
  id: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date | string;
  uploadedBy: string | null;
}

const ACCEPT = ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',');

/**
 * Evidence on a review: the list with each file's SHA-256 and a download (always an attachment),
 * and, while the review is in progress, an upload with progress. The file goes as the raw body.
 */
export function EvidencePanel({
  reviewId,
  files,
  canUpload,
  maxBytes,
}: {
  reviewId: string;
  files: EvidenceFile[];
  canUpload: boolean;
  maxBytes: number;
}) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function upload(file: File) {
    setError(null);
    setDone(null);
    const ext = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
    if (!(ATTACHMENT_EXTENSIONS as string[]).includes(ext)) {
      setError(
        `“.${ext || '(none)'}” files are not accepted. Upload ${ACCEPT.replace(/,/g, ', ')}.`,
      );
      return;
    }
    if (file.size > maxBytes) {
      setError(`The file is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}.`);
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/vendor-reviews/${reviewId}/evidence`);
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      setProgress(null);
      if (input.current) input.current.value = '';
      let body: { error?: { message?: string }; fileName?: string; sha256?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // A proxy's HTML error page: fall through to the status line.
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        setDone(`${body.fileName} stored, SHA-256 ${body.sha256}`);
        router.refresh();
      } else setError(body.error?.message ?? `Upload failed (${xhr.status}).`);
    };
    xhr.onerror = () => {
      setProgress(null);
      setError('The upload did not reach the server; check the connection and try again.');
    };
    setProgress(0);
    xhr.send(file);
  }

  return (
    <div className="stack">
      {files.length === 0 ? (
        <p className="muted small flush">
          No evidence yet{canUpload ? ': attach audit reports, policies or screenshots.' : '.'}
        </p>
      ) : (
        <div className="table-wrap">
          <table data-testid="evidence">
            <thead>
              <tr>
                <th>File</th>
                <th>Size</th>
                <th>SHA-256</th>
                <th>Uploaded</th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.id} data-testid={`evidence-${f.fileName}`}>
                  <td>
                    <a href={`/api/vendor-reviews/evidence/${f.id}`} download={f.fileName}>
                      {f.fileName}
                    </a>
                  </td>
                  <td className="small">{formatBytes(f.sizeBytes)}</td>
                  <td className="mono small break-all hash-cell">
                    <span data-testid="evidence-sha256">{f.sha256}</span>
                  </td>
                  <td className="small">
                    {formatDateTime(f.uploadedAt)}
                    {f.uploadedBy && <div className="muted">{f.uploadedBy}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canUpload && (
        <div className="stack gap-6">
          <Field label="Add evidence">
            <Input
              ref={input}
              type="file"
              accept={ACCEPT}
              data-testid="evidence-file"
              disabled={progress !== null}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) upload(file);
              }}
            />
          </Field>
          <span className="muted small">
            PDF, images, text, CSV, JSON or Office files up to {formatBytes(maxBytes)}. Files are
            checked by type and content, hashed, and only ever downloaded, never opened in the app.
          </span>
          {progress !== null && (
            <progress max={100} value={progress} aria-label="Upload progress">
              {progress}%
            </progress>
          )}
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
          {done && (
            <span className="badge badge-ok break-all" role="status">
              {done}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
