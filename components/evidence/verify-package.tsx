'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { formatDateTime } from '@/components/ui/format';
import type { PackageVerification } from '@/server/domain/evidence/verify';

interface KeptPackage {
  id: string;
  requestedBy: string;
  generatedAt: string | null;
}

interface VerifyAnswer {
  verification: PackageVerification;
  kept: KeptPackage | null;
  bytes: number;
}

const FILE_STATUS: Record<string, { label: string; badge: string }> = {
  ok: { label: 'hash matches', badge: 'badge badge-ok' },
  mismatch: { label: 'edited', badge: 'badge badge-danger' },
  missing: { label: 'missing', badge: 'badge badge-danger' },
  unexpected: { label: 'not in manifest', badge: 'badge badge-danger' },
};

/**
 * Uploads a package for checking (nothing is kept) and shows every file's hash result and the
 * audit segment's: an edited byte is named by its file, and an edited audit entry by its number.
 */
export function VerifyPackage() {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<VerifyAnswer | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setAnswer(null);
    try {
      const res = await fetch('/api/evidence/verify', {
        method: 'POST',
        headers: { 'content-type': 'application/zip' },
        body: file,
      });
      const body = (await res.json()) as VerifyAnswer | { error: { message: string } };
      if (!res.ok || 'error' in body)
        setError('error' in body ? body.error.message : `Verification failed (${res.status}).`);
      else setAnswer(body);
    } catch {
      setError('The upload did not reach the server; try again.');
    } finally {
      setBusy(false);
    }
  };

  const v = answer?.verification;
  return (
    <>
      <div className="card">
        <form className="row" aria-label="Verify a package" onSubmit={submit}>
          <Field label="Evidence package (.zip)">
            <Input
              type="file"
              accept=".zip,application/zip"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              required
            />
          </Field>
          <Button
            variant="primary"
            type="submit"
            busy={busy}
            busyLabel="Verifying…"
            disabled={!file}
          >
            Verify
          </Button>
        </form>
        <p className="muted small">
          The file is checked on the server and deleted straight after; nothing is kept. Offline:{' '}
          <code>vigil evidence verify FILE.zip</code>.
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>

      {v && (
        <div className="card" data-testid="verify-result">
          <div className="row">
            {v.ok ? (
              <span className="badge badge-ok" role="status">
                Package intact: every hash and the audit chain verified
              </span>
            ) : (
              <span className="badge badge-danger" role="alert">
                Package does not verify
              </span>
            )}
          </div>
          {v.error && <p className="field-error">{v.error}</p>}
          {v.manifest && (
            <dl className="facts small">
              <dt>Organization</dt>
              <dd>{v.manifest.organization.name}</dd>
              <dt>Period</dt>
              <dd>
                {v.manifest.period.from} → {v.manifest.period.to}
              </dd>
              <dt>Generated</dt>
              <dd>
                {v.manifest.generatedBy.label}, {formatDateTime(v.manifest.generatedAt)}
              </dd>
              <dt>Manifest SHA-256</dt>
              <dd className="mono">{v.manifestSha256}</dd>
              <dt>Kept in Vigil</dt>
              <dd>
                {answer.kept
                  ? `Yes: matches the package ${answer.kept.requestedBy} generated${answer.kept.generatedAt ? ` on ${formatDateTime(answer.kept.generatedAt)}` : ''}`
                  : 'No kept package of this organization has this manifest'}
              </dd>
            </dl>
          )}
          {v.files.length > 0 && (
            <div className="table-wrap">
              <table aria-label="File hashes">
                <thead>
                  <tr>
                    <th>File</th>
                    <th>Result</th>
                    <th>SHA-256</th>
                  </tr>
                </thead>
                <tbody>
                  {v.files.map((f) => (
                    <tr key={f.path} data-status={f.status}>
                      <td className="mono small">{f.path}</td>
                      <td>
                        <span className={FILE_STATUS[f.status]?.badge}>
                          {FILE_STATUS[f.status]?.label}
                        </span>
                      </td>
                      <td className="mono small break-all">
                        {f.status === 'ok' && f.sha256}
                        {f.status === 'mismatch' && (
                          <>
                            found {f.actual}
                            <div className="muted">manifest {f.expected}</div>
                          </>
                        )}
                        {f.status === 'missing' && <>manifest {f.expected}</>}
                        {f.status === 'unexpected' && <>found {f.actual}</>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {v.audit && (
            <div className="stack" data-testid="chain-result">
              <h3>Audit-log segment</h3>
              {v.audit.ok ? (
                <span className="badge badge-ok">
                  Chain verified: {v.audit.entries} entries
                  {v.manifest?.auditChain.segment?.fromSeq
                    ? ` (#${v.manifest.auditChain.segment.fromSeq}–#${v.manifest.auditChain.segment.toSeq})`
                    : ''}
                </span>
              ) : (
                <ul>
                  {v.audit.problems.map((p, i) => (
                    <li key={i} className="field-error">
                      {v.audit?.path} line {p.line}
                      {p.seq !== null && <>, entry #{p.seq}</>}: {p.reason}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
      )}
    </>
  );
}
