'use client';

import Link from 'next/link';
import { useState, type ChangeEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage, Note } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { Table } from '@/components/ui/table';
import { useFormMutation } from '@/components/ui/use-form-mutation';

const MAX_BYTES = 5 * 1024 * 1024;

/**
 * "Import STIX / MISP": a preview (dry run) of what the file adds, then the import; any rejected
 * object blocks it (docs/IMPOSTORS.md §Importing indicators).
 */
export function ImportIndicators() {
  const trpc = useTRPC();
  const preview = useFormMutation(trpc.screening.importIndicators.mutationOptions());
  const commit = useFormMutation(trpc.screening.importIndicators.mutationOptions(), {
    refresh: true,
  });
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [source, setSource] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);

  const sourceInput = () => (source.trim() ? source.trim() : undefined);
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
      setFileError('The file is larger than 5 MB; split it.');
      return;
    }
    const text = await chosen.text();
    setFile({ name: chosen.name, text });
    preview.mutate({ text, source: sourceInput(), dryRun: true });
  }

  const report = commit.data ?? preview.data;
  const adds = report ? report.created + report.updated : 0;
  return (
    <div className="stack">
      <div className="form-grid form-grid-top">
        <Field
          label="Source name"
          hint="How matches name it, e.g. “community: hiring defence”. Blank: the producer named in the file."
        >
          <Input
            value={source}
            maxLength={200}
            onChange={(e) => {
              setSource(e.target.value);
              reset();
            }}
            placeholder="community: …"
          />
        </Field>
        <Field label="STIX 2.1 bundle or MISP event (JSON, up to 5 MB)">
          <Input
            type="file"
            accept=".json,application/json,application/stix+json"
            onChange={onFile}
            data-testid="indicators-file"
          />
        </Field>
      </div>
      <Note>
        Indicators become watchlist entries under the source name; hashed identifiers match people
        whose identifier hashes alike. A file with any rejected object imports nothing.
      </Note>
      <FormMessage message={fileError ?? preview.message ?? commit.message} />
      {preview.pending && <p className="muted">Checking {file?.name}…</p>}
      {report && (
        <div className="stack" data-testid="indicators-report">
          <div className="row">
            <Badge tone="ok">{report.created} created</Badge>
            <Badge tone="brand">{report.updated} updated</Badge>
            <Badge>{report.duplicates} duplicates</Badge>
            <Badge>{report.ignored} ignored</Badge>
            <Badge tone={report.rejected.length ? 'danger' : 'neutral'}>
              {report.rejected.length} rejected
            </Badge>
          </div>
          {report.rejected.length > 0 && (
            <Table testId="indicators-rejected">
              <thead>
                <tr>
                  <th>Object</th>
                  <th>Reason</th>
                </tr>
              </thead>
              <tbody>
                {report.rejected.map((r) => (
                  <tr key={`${r.id}|${r.reason}`}>
                    <td className="small mono">{r.id}</td>
                    <td className="small">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {commit.data ? (
            <Alert tone="ok" role="status">
              Imported: {commit.data.created} created, {commit.data.updated} updated,{' '}
              {commit.data.duplicates} duplicates.{' '}
              {commit.data.newMatches === 0 ? (
                'Screening found no new matches.'
              ) : (
                <>
                  Screening found {commit.data.newMatches} new match
                  {commit.data.newMatches === 1 ? '' : 'es'}:{' '}
                  <Link href="/screening">review them</Link>.
                </>
              )}
            </Alert>
          ) : report.rejected.length ? (
            <Alert tone="error" role="alert">
              Nothing can be imported until every rejected object is fixed or removed.
            </Alert>
          ) : (
            <div className="row">
              <Button
                variant="primary"
                busy={commit.pending}
                busyLabel="Importing…"
                disabled={!file || adds === 0}
                onClick={() =>
                  file && commit.mutate({ text: file.text, source: sourceInput(), dryRun: false })
                }
              >
                {adds === 0
                  ? 'Nothing new to import'
                  : `Import ${adds} entr${adds === 1 ? 'y' : 'ies'}`}
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
