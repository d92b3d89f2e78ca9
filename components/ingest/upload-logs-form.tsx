'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';

const FORMATS = [
  [
    'okta',
    'Okta System Log',
    'Events as Okta’s System Log API returns them (Okta’s endpoint GET https://{your-okta-domain}/api/v1/logs, not Vigil’s): a JSON array or NDJSON.',
  ],
  ['cloudtrail', 'AWS CloudTrail', 'A log file with "Records", or NDJSON of records; .gz too.'],
  ['gworkspace', 'Google Workspace', 'Admin SDK Reports activities (login, drive, admin, …).'],
  [
    'github',
    'GitHub audit log',
    'Organization or enterprise audit log: the REST API’s JSON array, an export or a stream (NDJSON).',
  ],
  ['ndjson', 'Canonical NDJSON', 'Vigil’s own event shape, one JSON object per line.'],
  ['csv', 'Canonical CSV', 'Vigil’s own event shape with a header row.'],
] as const;

interface Summary {
  batchId: string;
  received: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  unresolvedActors: number;
  rejections: { line: number; reason: string }[];
  /** Set when most records were rejected and the file looks like another format. */
  likelyFormat?: string | null;
}

type Format = (typeof FORMATS)[number][0];
const labelOf = (f: string) => FORMATS.find(([v]) => v === f)?.[1] ?? f;
const isFormat = (f: string | null | undefined): f is Format =>
  !!f && FORMATS.some(([v]) => v === f);

/** Green only when nothing was rejected; some stored is a warning; nothing stored, an error. */
const toneOf = (s: Summary) => (s.rejected === 0 ? 'ok' : s.inserted > 0 ? 'warn' : 'error');

/**
 * Sends the file as the raw request body (streamed and parsed on the server) with upload
 * progress, then shows the batch summary. XMLHttpRequest, because fetch reports no upload progress.
 */
export function UploadLogsForm({
  limits,
}: {
  limits: { maxBytes: number; maxLabel: string; decompressedLabel: string; maxLines: number };
}) {
  const router = useRouter();
  const [format, setFormat] = useState<Format>('okta');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The format a refused or mostly rejected file looks like, offered as a one-click retry.
  const [hint, setHint] = useState<{ tried: Format; likely: Format } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send(format);
  }

  function retryAs(likely: Format) {
    setFormat(likely);
    send(likely);
  }

  function send(format: Format) {
    if (!file) {
      setError('Choose a file to upload.');
      return;
    }
    setSummary(null);
    setHint(null);
    // The server refuses it too (413); saying so here spares sending it.
    if (file.size > limits.maxBytes) {
      setError(
        `The file is larger than ${limits.maxLabel}; split it, or use the CLI or the HTTP API.`,
      );
      return;
    }
    setError(null);
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/ingest/upload?format=${format}`);
    xhr.setRequestHeader('x-file-name', file.name);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      setProgress(null);
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // fall through to the generic message
      }
      if (xhr.status === 200) {
        const s = body as Summary;
        setSummary(s);
        if (isFormat(s.likelyFormat)) setHint({ tried: format, likely: s.likelyFormat });
        router.refresh();
      } else {
        const refused = (body as { error?: { message?: string; likelyFormat?: string } } | null)
          ?.error;
        setError(refused?.message ?? `Upload failed (${xhr.status}).`);
        if (isFormat(refused?.likelyFormat))
          setHint({ tried: format, likely: refused.likelyFormat });
        // A refused file is still a batch on record (with its error): show it in the list.
        router.refresh();
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setError('The upload was interrupted. Nothing partial is lost: upload the file again.');
    };
    xhr.send(file);
  }

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Upload logs">
      <div className="form-grid align-start">
        <Field label="Format" hint={FORMATS.find(([v]) => v === format)?.[2]}>
          <Select
            name="format"
            value={format}
            onChange={(e) => setFormat(e.target.value as typeof format)}
          >
            {FORMATS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Log file"
          hint={`Up to ${limits.maxLabel} (${limits.decompressedLabel} and ${limits.maxLines.toLocaleString('en-US')} lines once decompressed).`}
        >
          <Input
            type="file"
            name="file"
            accept=".json,.ndjson,.jsonl,.log,.csv,.gz"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </Field>
      </div>
      <div className="row">
        <Button variant="primary" type="submit" busy={progress !== null} busyLabel="Uploading…">
          Upload and ingest
        </Button>
        {progress !== null && (
          <span className="muted small" role="status">
            {progress < 100 ? `Uploading ${progress}%` : 'Parsing and storing…'}
          </span>
        )}
      </div>
      {hint && (
        <Alert tone="warn" role="alert" testId="format-hint">
          <div className="row">
            <span>
              <strong>
                This looks like {labelOf(hint.likely)}, not {labelOf(hint.tried)}.
              </strong>{' '}
              Upload it as {labelOf(hint.likely)}?
            </span>
            <Button
              variant="primary"
              size="small"
              onClick={() => retryAs(hint.likely)}
              busy={progress !== null}
              busyLabel="Uploading…"
            >
              Upload as {labelOf(hint.likely)}
            </Button>
          </div>
        </Alert>
      )}
      <FormMessage message={error} />
      {summary && (
        <Alert
          tone={toneOf(summary)}
          role={toneOf(summary) === 'ok' ? 'status' : 'alert'}
          testId="ingest-summary"
        >
          <strong>
            {summary.inserted === 0 && summary.rejected > 0
              ? 'Nothing stored: '
              : summary.rejected > 0
                ? 'Partly stored: '
                : ''}
            {summary.received} received: {summary.inserted} stored, {summary.duplicates} already
            stored, {summary.rejected} rejected, {summary.unresolvedActors} new unresolved{' '}
            {summary.unresolvedActors === 1 ? 'actor' : 'actors'}.
          </strong>{' '}
          {summary.inserted > 0
            ? 'Detectors run on the new events in the background; signals appear on the Signals page.'
            : summary.rejected > 0
              ? 'Check the format chosen above, and the reasons below.'
              : ''}
          {summary.rejections.length > 0 && (
            <ul className="flush mt-6 indent">
              {summary.rejections.slice(0, 10).map((r) => (
                <li key={r.line}>
                  Line {r.line}: {r.reason}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </form>
  );
}
