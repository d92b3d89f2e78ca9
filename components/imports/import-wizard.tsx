'use client';

import Link from 'next/link';
import { useState, type ChangeEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage, Note } from '@/components/ui/alert';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { Table } from '@/components/ui/table';
import { useFormMutation } from '@/components/ui/use-form-mutation';

const KINDS = {
  vendors: {
    label: 'Vendors',
    columns:
      'name, country, services, tier, status, data_categories, contract_start, contract_end, owner_email',
  },
  systems: {
    label: 'Systems',
    columns:
      'name, criticality, data_classification, owner_email, privileges (name:sensitivity;…), aliases (names in the logs;…)',
  },
  people: {
    label: 'People',
    columns:
      'email, full_name, type, vendor, department, title, manager_email, location, country, timezone, work_mode, start_date, end_date, external_ids (kind:value;…), phone, background_check, identity_verified_on',
  },
  grants: {
    label: 'Grants',
    columns:
      'person_email, system, privilege, starts_at, expires_at, justification, approved_by_email (existing access, recorded as imported)',
  },
  watchlist: {
    label: 'Watchlist',
    columns: 'name, aliases, emails, phones, github, linkedin, telegram, wallets, source, notes',
  },
  tickets: {
    label: 'Tickets',
    columns:
      'ticket_id, system, assignee_email, resource_ids (customer or record ids;…), opened_at, closed_at, status (open, pending, solved, closed)',
  },
} as const;
type Kind = keyof typeof KINDS;

const MAX_BYTES = 10 * 1024 * 1024;
const ACTION_TONE: Record<'create' | 'update' | 'unchanged' | 'reject', Tone> = {
  create: 'ok',
  update: 'brand',
  unchanged: 'neutral',
  reject: 'danger',
};

export function ImportWizard() {
  const trpc = useTRPC();
  const [kind, setKind] = useState<Kind>('vendors');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const preview = useFormMutation(trpc.imports.run.mutationOptions());
  const commit = useFormMutation(trpc.imports.run.mutationOptions(), { refresh: true });

  function reset() {
    preview.reset();
    commit.reset();
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    reset();
    setFileError(null);
    setFile(null);
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    if (chosen.size > MAX_BYTES) {
      setFileError('The file is larger than 10 MB; split it.');
      return;
    }
    const text = await chosen.text();
    if (!text.trim()) {
      setFileError('The file is empty.');
      return;
    }
    setFile({ name: chosen.name, text });
    preview.mutate({ kind, csv: text, dryRun: true });
  }

  const report = commit.data ?? preview.data;
  const valid = preview.data ? preview.data.created + preview.data.updated : 0;
  return (
    <div className="stack">
      <div className="card stack">
        <div className="form-grid">
          <Field label="What to import">
            <Select
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as Kind);
                setFile(null);
                reset();
              }}
            >
              {(Object.keys(KINDS) as Kind[]).map((k) => (
                <option key={k} value={k}>
                  {KINDS[k].label}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label={
              kind === 'watchlist'
                ? 'CSV or JSON file (UTF-8, up to 10 MB)'
                : kind === 'tickets'
                  ? 'CSV, NDJSON or JSON file (UTF-8, up to 10 MB)'
                  : 'CSV file (UTF-8, header row, up to 10 MB)'
            }
          >
            <Input
              key={kind}
              type="file"
              accept={
                kind === 'watchlist'
                  ? '.csv,text/csv,.json,application/json'
                  : kind === 'tickets'
                    ? '.csv,text/csv,.ndjson,.jsonl,.json,application/json,application/x-ndjson'
                    : '.csv,text/csv'
              }
              onChange={onFile}
              data-testid="import-file"
            />
          </Field>
        </div>
        <Note>
          Columns, in any order: <code>{KINDS[kind].columns}</code>. Multi-valued cells are
          separated by <code>;</code>, dates are YYYY-MM-DD, blank cells leave existing values as
          they are. Importing the same file twice changes nothing.{' '}
          <a href={`/api/import/templates/${kind}`} download data-testid="import-template">
            Download a {KINDS[kind].label.toLowerCase()} template
          </a>{' '}
          with every column and an example row.
          {kind === 'watchlist' &&
            ' A watchlist may also be a JSON array of objects with these keys. Importing one re-screens every person against the whole list.'}
          {kind === 'tickets' &&
            ' Times are ISO 8601 with an offset (or a date). Tickets may also be NDJSON or a JSON array with these keys. Each row is the ticket as it stands now; detection checks cited tickets against them.'}
        </Note>
        <FormMessage message={fileError} />
        <FormMessage message={preview.message ?? commit.message} />
        {preview.pending && <p className="muted">Checking {file?.name}…</p>}
      </div>

      {report && (
        <div className="card stack" data-testid="import-report">
          <div className="card-header">
            <h2>{commit.data ? 'Imported' : `Preview of ${file?.name ?? 'the file'}`}</h2>
            <div className="row">
              <Badge tone="ok">{report.created} to create</Badge>
              <Badge tone="brand">{report.updated} to update</Badge>
              <Badge>{report.unchanged} unchanged</Badge>
              <Badge tone={report.rejected.length ? 'danger' : 'neutral'}>
                {report.rejected.length} rejected
              </Badge>
            </div>
          </div>
          {commit.data ? (
            <Alert tone="ok" role="status">
              Done: {commit.data.created} created, {commit.data.updated} updated,{' '}
              {commit.data.unchanged} unchanged
              {commit.data.rejected.length
                ? `, ${commit.data.rejected.length} rejected rows skipped`
                : ''}
              . Every change is in the audit log.
              {commit.data.newMatches !== undefined && (
                <>
                  {' '}
                  {commit.data.newMatches === 0 ? (
                    'Screening found no new matches.'
                  ) : (
                    <>
                      Screening found {commit.data.newMatches} new match
                      {commit.data.newMatches === 1 ? '' : 'es'}:{' '}
                      <Link href="/screening">review them</Link>.
                    </>
                  )}
                </>
              )}
            </Alert>
          ) : (
            <div className="row">
              <Button
                variant="primary"
                busy={commit.pending}
                busyLabel="Importing…"
                disabled={!file || valid === 0}
                onClick={() => file && commit.mutate({ kind, csv: file.text, dryRun: false })}
              >
                {`Confirm import of ${valid} row${valid === 1 ? '' : 's'}`}
              </Button>
              <Button
                onClick={() => {
                  setFile(null);
                  reset();
                }}
              >
                Cancel
              </Button>
              {report.rejected.length > 0 && (
                <span className="muted small">
                  Rejected rows are skipped; fix them and import the file again.
                </span>
              )}
            </div>
          )}
          <Table>
            <thead>
              <tr>
                <th>Line</th>
                <th>Row</th>
                <th>Outcome</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={`${r.line}-${r.key}`} data-testid={`import-row-${r.line}`}>
                  <td className="mono">{r.line}</td>
                  <td>{r.key}</td>
                  <td>
                    <Badge tone={ACTION_TONE[r.action]}>{r.action}</Badge>
                  </td>
                  <td className="small">
                    {r.reason ? (
                      <span className="field-error">{r.reason}</span>
                    ) : r.changes.length ? (
                      `changes: ${r.changes.join(', ')}`
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </div>
  );
}
