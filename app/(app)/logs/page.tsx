import Link from 'next/link';
import { UploadLogsForm } from '@/components/ingest/upload-logs-form';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { describeBytes } from '@/server/api/request-body';
import { LOG_UPLOADERS } from '@/server/domain/tenancy/roles';
import { getEnv } from '@/server/env';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Logs' };

export default async function LogsPage() {
  const caller = await serverCaller();
  const [role, batches] = await Promise.all([pageRole(), guarded(() => caller.ingest.batches())]);
  if (!batches.ok) return <Refusal message={batches.message} />;
  const canUpload = can(role, LOG_UPLOADERS);
  return (
    <>
      <PageHeader
        title="Logs"
        description={
          <>
            Access logs from Okta, AWS CloudTrail, Google Workspace and your own apps. Re-uploading
            a file stores nothing twice. Also by CLI (<span className="mono">vigil ingest</span>)
            and HTTP API (<Link href="/api/v1/openapi.json">OpenAPI</Link>).
          </>
        }
      />
      {canUpload && (
        <section className="card" aria-labelledby="upload-heading">
          <h2 className="mb-12" id="upload-heading">
            Upload a log file
          </h2>
          <UploadLogsForm limits={uploadLimits()} />
        </section>
      )}
      <section className="card mt-16" aria-labelledby="batches-heading">
        <h2 className="mb-12" id="batches-heading">
          Recent ingests
        </h2>
        {batches.data.length === 0 ? (
          <EmptyState title="Nothing ingested yet" />
        ) : (
          <div className="table-wrap">
            <table data-testid="batches">
              <thead>
                <tr>
                  <th>Started</th>
                  <th>Source</th>
                  <th>Received</th>
                  <th>Stored</th>
                  <th>Duplicates</th>
                  <th>Rejected</th>
                  <th>Detectors</th>
                </tr>
              </thead>
              <tbody>
                {batches.data.map((b) => (
                  <tr key={b.id}>
                    <td className="small">
                      {formatDateTime(b.startedAt)}
                      <div className="muted">{b.startedBy}</div>
                    </td>
                    <td className="small">
                      {b.format} · {b.channel}
                      {b.fileName && <div className="muted">{b.fileName}</div>}
                      {b.error && <div className="field-error">{b.error}</div>}
                      {!b.finishedAt && !b.error && (
                        <div className="muted">interrupted or running</div>
                      )}
                    </td>
                    <td>{b.received}</td>
                    <td>{b.inserted}</td>
                    <td>{b.duplicates}</td>
                    <td>{b.rejected}</td>
                    <td className="small">
                      {b.detectedAt
                        ? formatDateTime(b.detectedAt)
                        : b.inserted > 0
                          ? 'queued'
                          : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** What the browser upload takes (docs/INGEST.md §Limits): the form says it and checks the size. */
function uploadLimits() {
  const env = getEnv();
  return {
    maxBytes: env.VIGIL_UPLOAD_MAX_BYTES,
    maxLabel: describeBytes(env.VIGIL_UPLOAD_MAX_BYTES),
    decompressedLabel: describeBytes(env.VIGIL_INGEST_MAX_DECOMPRESSED_BYTES),
    maxLines: env.VIGIL_INGEST_MAX_LINES,
  };
}
