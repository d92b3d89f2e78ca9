'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage, Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/controls';
import { useFormMutation } from '@/components/ui/use-form-mutation';

const CONFIRMED = 'confirmed impostor';

/** Saves text as a file in the browser. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/stix+json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * "Export STIX bundle": every source or the chosen ones, and hashed (docs/IMPOSTORS.md §Exported
 * bundles). When the organization shares hashed only, the clear option is not offered.
 */
export function ExportIndicators({
  sources,
  hashedOnly,
}: {
  sources: string[];
  hashedOnly: boolean;
}) {
  const trpc = useTRPC();
  const exporter = useFormMutation(trpc.screening.exportIndicators.mutationOptions(), {
    onSuccess: (result) =>
      download(
        `vigil-indicators-${new Date().toISOString().slice(0, 10)}${result.hashed ? '-hashed' : ''}.json`,
        `${JSON.stringify(result.bundle, null, 2)}\n`,
      ),
  });
  // What is unticked, so a source that appears after a refresh (an import) starts ticked.
  const [excluded, setExcluded] = useState<string[]>([]);
  const options = [...sources, CONFIRMED];
  const chosen = options.filter((s) => !excluded.includes(s));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    exporter.mutate({
      sources: excluded.length === 0 ? undefined : chosen,
      includeConfirmed: chosen.includes(CONFIRMED),
      hashed: hashedOnly || form.get('hashed') === 'on',
    });
  }
  const toggle = (s: string, on: boolean) =>
    setExcluded((x) => (on ? x.filter((y) => y !== s) : [...x, s]));

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Export STIX bundle">
      <fieldset className="stack bare">
        <legend className="strong">Sources</legend>
        <div className="row">
          {options.map((s) => (
            <Checkbox
              key={s}
              name="source"
              value={s}
              checked={chosen.includes(s)}
              onChange={(e) => toggle(s, e.target.checked)}
              label={s === CONFIRMED ? 'Confirmed impostors among staff' : s}
            />
          ))}
        </div>
      </fieldset>
      <Checkbox
        name="hashed"
        defaultChecked
        disabled={hashedOnly}
        label={
          hashedOnly
            ? 'Hashed: SHA-256 of each identifier only (this organization shares hashed only)'
            : 'Hashed: SHA-256 of each identifier only, no names or sources'
        }
      />
      <Note>
        A STIX 2.1 bundle of indicators, one per profile, with patterns over normalized identifiers.
        Work accounts are never shared; profiles with only a name are left out.
      </Note>
      <FormMessage message={exporter.message} />
      {exporter.data && (
        <Alert tone="ok" role="status" testId="export-result">
          Exported {exporter.data.indicators} indicator
          {exporter.data.indicators === 1 ? '' : 's'}
          {exporter.data.hashed ? ' (hashed)' : ''}
          {exporter.data.skipped ? `; ${exporter.data.skipped} without identifiers left out` : ''}.
        </Alert>
      )}
      <div>
        <Button
          type="submit"
          variant="primary"
          busy={exporter.pending}
          busyLabel="Exporting…"
          disabled={chosen.length === 0}
        >
          Export STIX bundle
        </Button>
      </div>
    </form>
  );
}
