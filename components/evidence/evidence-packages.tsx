'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { formatDateTime } from '@/components/ui/format';
import { EmptyState } from '@/components/ui/empty-state';
import { EVIDENCE_SECTION_LABELS, type EvidenceSection } from '@/server/domain/evidence/sections';
import { isoDay } from '@/server/domain/time';

export interface SectionOption {
  section: EvidenceSection;
  label: string;
  available: boolean;
}

const STATUS_BADGE = {
  queued: 'badge',
  running: 'badge badge-brand',
  ready: 'badge badge-ok',
  failed: 'badge badge-danger',
} as const;

function describeBytes(n: number | null): string {
  if (n === null) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

function yearStart(): string {
  return `${new Date().getUTCFullYear()}-01-01`;
}

function today(): string {
  return isoDay(new Date());
}

/**
 * The evidence page's working part: choose a period and scope, generate (a durable job whose
 * progress this list polls), and download kept packages. Every download is audited server-side.
 */
export function EvidencePackages({ sections }: { sections: SectionOption[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery({
    ...trpc.evidence.list.queryOptions(),
    refetchInterval: (q) =>
      q.state.data?.some((p) => p.status === 'queued' || p.status === 'running') ? 1500 : false,
  });
  const [from, setFrom] = useState(yearStart());
  const [to, setTo] = useState(today());
  const [scope, setScope] = useState<EvidenceSection[]>(
    sections.filter((s) => s.available).map((s) => s.section),
  );
  const generate = useMutation(
    trpc.evidence.generate.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.evidence.list.queryKey() }),
    }),
  );
  const fieldErrors: Record<string, string[] | undefined> = generate.error?.data?.fieldErrors ?? {};
  const toggle = (s: EvidenceSection, on: boolean) =>
    setScope((cur) => (on ? [...cur, s] : cur.filter((x) => x !== s)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    generate.mutate({ from, to, scope });
  };
  const packages = list.data ?? [];

  return (
    <>
      <div className="card">
        <h2>Generate a package</h2>
        <form className="stack" aria-label="Generate an evidence package" onSubmit={submit}>
          <div className="row">
            <label>
              From
              <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
              {fieldErrors.from?.[0] && <span className="field-error">{fieldErrors.from[0]}</span>}
            </label>
            <label>
              To
              <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
              {fieldErrors.to?.[0] && <span className="field-error">{fieldErrors.to[0]}</span>}
            </label>
          </div>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend>Include</legend>
            <div className="stack" style={{ gap: 4 }}>
              {sections.map((s) => (
                <label key={s.section} className="check">
                  <input
                    type="checkbox"
                    checked={s.available && scope.includes(s.section)}
                    disabled={!s.available}
                    onChange={(e) => toggle(s.section, e.target.checked)}
                  />
                  {s.label}
                  {!s.available && <span className="muted small">not available yet</span>}
                </label>
              ))}
            </div>
            {fieldErrors.scope?.[0] && <span className="field-error">{fieldErrors.scope[0]}</span>}
          </fieldset>
          {generate.error && !generate.error.data?.fieldErrors && (
            <p className="field-error" role="alert">
              {generate.error.message}
            </p>
          )}
          <div className="row">
            <button
              type="submit"
              className="btn btn-primary"
              disabled={generate.isPending || scope.length === 0}
            >
              {generate.isPending ? 'Queuing…' : 'Generate package'}
            </button>
            <span className="muted small">
              Generated in the background; the package is kept here with its manifest hash.
            </span>
          </div>
        </form>
      </div>

      <div className="card" data-testid="evidence-packages" aria-busy={list.isPending}>
        <h2>Packages</h2>
        {list.isPending ? (
          <p className="muted" role="status">
            Loading packages…
          </p>
        ) : list.error && !list.data ? (
          <p className="field-error" role="alert">
            Could not load the packages: {list.error.message}
          </p>
        ) : packages.length === 0 ? (
          <EmptyState title="No evidence packages yet">
            Choose a period and what to include above, then generate the first one.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table aria-label="Evidence packages">
              <thead>
                <tr>
                  <th>Period</th>
                  <th>Scope</th>
                  <th>Requested</th>
                  <th>Status</th>
                  <th>Manifest SHA-256</th>
                  <th>Size</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {packages.map((p) => (
                  <tr key={p.id} data-testid="evidence-package">
                    <td style={{ whiteSpace: 'nowrap' }}>
                      {p.periodFrom} → {p.periodTo}
                    </td>
                    <td className="small">
                      {p.scope.map((s) => EVIDENCE_SECTION_LABELS[s]).join(', ')}
                    </td>
                    <td className="small">
                      {p.requestedBy}
                      <div className="muted">{formatDateTime(p.requestedAt)}</div>
                    </td>
                    <td>
                      <span className={STATUS_BADGE[p.status]}>{p.status}</span>
                      {(p.status === 'running' || p.status === 'queued') && (
                        <div className="small muted" style={{ minWidth: 140 }}>
                          <progress value={p.progress} max={100} aria-label="Progress" />{' '}
                          {p.progress}%<div>{p.progressNote}</div>
                        </div>
                      )}
                      {p.status === 'failed' && p.error && (
                        <div className="small field-error">{p.error}</div>
                      )}
                      {p.status === 'ready' && p.generatedAt && (
                        <div className="small muted">
                          {formatDateTime(p.generatedAt)} · {p.fileCount} files, {p.rowCount} rows
                        </div>
                      )}
                    </td>
                    <td className="mono small" title={p.manifestSha256 ?? undefined}>
                      {p.manifestSha256 ? `${p.manifestSha256.slice(0, 16)}…` : '—'}
                    </td>
                    <td className="small">{describeBytes(p.sizeBytes)}</td>
                    <td>
                      {p.status === 'ready' && (
                        <a
                          className="btn btn-small"
                          href={`/api/evidence/${p.id}/download`}
                          download
                        >
                          Download
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
