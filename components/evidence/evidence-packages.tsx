'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button, buttonClass } from '@/components/ui/button';
import { Checkbox, Input } from '@/components/ui/controls';
import { CopyButton } from '@/components/ui/copy-button';
import { EmptyState } from '@/components/ui/empty-state';
import { Field, FieldError } from '@/components/ui/field';
import { formatDateTime } from '@/components/ui/format';
import { Table } from '@/components/ui/table';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { EVIDENCE_SECTION_LABELS, type EvidenceSection } from '@/server/domain/evidence/sections';
import { isoDay } from '@/server/domain/time';

export interface SectionOption {
  section: EvidenceSection;
  label: string;
  available: boolean;
}

const STATUS_TONE: Record<'queued' | 'running' | 'ready' | 'failed', Tone> = {
  queued: 'neutral',
  running: 'brand',
  ready: 'ok',
  failed: 'danger',
};

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
  const generate = useFormMutation(trpc.evidence.generate.mutationOptions(), {
    fields: ['from', 'to', 'scope'],
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.evidence.list.queryKey() }),
  });
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
            <Field label="From" error={generate.fieldError('from')}>
              <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
            </Field>
            <Field label="To" error={generate.fieldError('to')}>
              <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
            </Field>
          </div>
          <fieldset className="bare">
            <legend>Include</legend>
            <div className="stack gap-4">
              {sections.map((s) => (
                <Checkbox
                  key={s.section}
                  checked={s.available && scope.includes(s.section)}
                  disabled={!s.available}
                  onChange={(e) => toggle(s.section, e.target.checked)}
                  label={
                    <>
                      {s.label}
                      {!s.available && <span className="muted small">not available yet</span>}
                    </>
                  }
                />
              ))}
            </div>
            <FieldError message={generate.fieldError('scope')} />
          </fieldset>
          {generate.message && (
            <p className="field-error" role="alert">
              {generate.message}
            </p>
          )}
          <div className="row">
            <Button
              variant="primary"
              type="submit"
              busy={generate.pending}
              busyLabel="Queuing…"
              disabled={scope.length === 0}
            >
              Generate package
            </Button>
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
          <Table aria-label="Evidence packages">
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
                  <td className="nowrap">
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
                    <Badge tone={STATUS_TONE[p.status]}>{p.status}</Badge>
                    {(p.status === 'running' || p.status === 'queued') && (
                      <div className="small muted progress-cell">
                        <progress value={p.progress} max={100} aria-label="Progress" /> {p.progress}
                        %<div>{p.progressNote}</div>
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
                  <td className="small" data-testid="manifest-hash">
                    {p.manifestSha256 ? (
                      // The whole hash, wrapped: auditors compare it character by character.
                      <>
                        <div className="mono small hash-wrap mb-6">{p.manifestSha256}</div>
                        <CopyButton value={p.manifestSha256} label="Copy the manifest hash" />
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="small">{describeBytes(p.sizeBytes)}</td>
                  <td>
                    {p.status === 'ready' && (
                      <a
                        className={buttonClass({ size: 'small' })}
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
          </Table>
        )}
      </div>
    </>
  );
}
