'use client';

import { skipToken, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { Panel } from '@/components/ui/panel';
import { Table } from '@/components/ui/table';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { riskWeightsSchema, type RiskWeights } from '@/server/domain/risk/weights';

type Leaf = { path: string; value: number };

/** Every numeric leaf of the weights, as dotted paths (`severityPoints.critical`). */
function leaves(obj: unknown, prefix = ''): Leaf[] {
  if (typeof obj === 'number') return [{ path: prefix, value: obj }];
  if (obj && typeof obj === 'object')
    return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

function unflatten(values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, raw] of Object.entries(values)) {
    const keys = path.split('.');
    let node = out;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = raw.trim() === '' ? Number.NaN : Number(raw);
  }
  return out;
}

// Section headings in the order of docs/RISK.md; a leaf belongs to the longest matching prefix.
const SECTIONS: { prefix: string; title: string; hint: string }[] = [
  {
    prefix: 'halfLifeDays',
    title: 'Decay',
    hint: 'Signal points halve every this many days: from triage for incident-grade signals (untriaged ones do not fade), from the event for the others.',
  },
  {
    prefix: 'learnedRoutineShare',
    title: 'Learned routines',
    hint: 'Share of its points (0–1) a signal keeps once detection found it was the first run of a routine, such as the first weeks of a weekly export.',
  },
  {
    prefix: 'saturation',
    title: 'Saturation',
    hint: 'The raw total that scores 63 (score = 100·(1 − e^(−raw/k))); larger is gentler.',
  },
  {
    prefix: 'severityPoints',
    title: 'Signal points by severity',
    hint: 'Before decay; multiplied by the kind weights below.',
  },
  {
    prefix: 'signalKinds.compromise',
    title: 'Signal kinds: insider compromise',
    hint: 'Multiplier per kind, 0–3.',
  },
  {
    prefix: 'signalKinds.bribery',
    title: 'Signal kinds: bribery',
    hint: 'Multiplier per kind, 0–3. Only data-harvesting behaviour counts by default.',
  },
  {
    prefix: 'accessBoost',
    title: 'Access boost',
    hint: 'Evidence weighs ×(1 + boost) for the most sensitive active grant; 0–1. Part of the exposure multiplier.',
  },
  {
    prefix: 'exposure',
    title: 'Exposure',
    hint: 'Access, records and vendor tier bound what evidence is worth: they multiply it (records and vendor-tier boosts, the whole boost capped at max boost) and add at most a small base (base cap, raw points, soft) of standing points (by sensitivity, records).',
  },
  {
    prefix: 'holds',
    title: 'Holds',
    hint: 'Score floors: an untriaged incident-grade signal keeps compromise at the incident floor, an open strong-identifier or confirmed watchlist match keeps bribery at the watchlist floor; other evidence adds on top.',
  },
  {
    prefix: 'screening',
    title: 'Screening (bribery)',
    hint: 'Points each. Identity and pending checks are part of the capped base; failed or consider checks and watchlist matches are evidence.',
  },
  {
    prefix: 'attestations',
    title: 'Attestations (bribery)',
    hint: 'Points each. Overdue ones are part of the capped base; a disclosure is evidence.',
  },
  {
    prefix: 'vendorGaps',
    title: "The person's vendor (bribery)",
    hint: 'Control gaps of the vendor they work for; part of the capped base.',
  },
  {
    prefix: 'vendor',
    title: 'Vendor risk',
    hint: 'Roll-up of people (max and quantile weights add up to at most 1) and vendor factors.',
  },
];

function sectionOf(path: string): string {
  return SECTIONS.filter((s) => path === s.prefix || path.startsWith(`${s.prefix}.`)).sort(
    (a, b) => b.prefix.length - a.prefix.length,
  )[0]!.prefix;
}

const words = (s: string) =>
  s
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\./g, ': ');

export function RiskWeightsForm({
  weights,
  defaults,
  readOnly,
}: {
  weights: RiskWeights;
  defaults: RiskWeights;
  readOnly: boolean;
}) {
  const trpc = useTRPC();
  const defaultOf = useMemo(
    () => new Map(leaves(defaults).map((l) => [l.path, l.value])),
    [defaults],
  );
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(leaves(weights).map((l) => [l.path, String(l.value)])),
  );
  const [previewInput, setPreviewInput] = useState<{
    weights: Record<string, unknown>;
    top: number;
  } | null>(null);
  const [saved, setSaved] = useState(false);

  const parsed = useMemo(() => riskWeightsSchema.safeParse(unflatten(values)), [values]);
  const errors = useMemo(() => {
    const m = new Map<string, string>();
    if (!parsed.success) for (const i of parsed.error.issues) m.set(i.path.join('.'), i.message);
    return m;
  }, [parsed]);

  const preview = useQuery({
    ...trpc.risk.previewWeights.queryOptions(previewInput ?? skipToken),
    staleTime: Infinity,
    retry: false,
  });
  const save = useFormMutation(trpc.risk.updateWeights.mutationOptions(), {
    refresh: true,
    onSuccess: () => setSaved(true),
  });

  const set = (path: string, v: string) => {
    setSaved(false);
    setValues((old) => ({ ...old, [path]: v }));
  };
  const changed = [...Object.entries(values)].filter(
    ([p, v]) => Number(v) !== defaultOf.get(p),
  ).length;

  function onPreview() {
    if (!parsed.success) return;
    setPreviewInput({ weights: unflatten(values), top: 10 });
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!parsed.success || readOnly) return;
    setSaved(false);
    save.mutate({ weights: unflatten(values) });
  }

  const grouped = SECTIONS.map((s) => ({
    ...s,
    items: Object.keys(values).filter((p) => sectionOf(p) === s.prefix),
  }));
  const p = preview.data;
  const name = (id: string) => p?.names[id] ?? id.slice(0, 8);

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Risk weights">
      <div className="card row justify-between gap-12">
        <span className="small">
          {changed === 0
            ? 'All weights are at their documented defaults.'
            : `${changed} weight${changed === 1 ? '' : 's'} differ from the defaults (highlighted).`}
        </span>
        <span className="row gap-8">
          <Button
            onClick={() =>
              setValues(Object.fromEntries(leaves(defaults).map((l) => [l.path, String(l.value)])))
            }
            disabled={readOnly}
          >
            Reset to defaults
          </Button>
          <Button
            onClick={onPreview}
            busy={preview.isFetching}
            busyLabel="Previewing…"
            disabled={!parsed.success}
            data-testid="preview-weights"
          >
            Preview
          </Button>
          {!readOnly && (
            <Button
              variant="primary"
              type="submit"
              busy={save.pending}
              busyLabel="Saving…"
              disabled={!parsed.success}
              data-testid="save-weights"
            >
              Save weights
            </Button>
          )}
        </span>
      </div>
      {!parsed.success && (
        <Alert tone="error" role="alert">
          Fix the highlighted weights:{' '}
          {[...errors]
            .slice(0, 3)
            .map(([k, m]) => `${k}: ${m}`)
            .join('; ')}
        </Alert>
      )}
      <FormMessage message={save.message} />
      {saved && (
        <Alert tone="ok" role="status" testId="weights-saved">
          Saved. Scores are being recomputed with the new weights.
        </Alert>
      )}
      <FormMessage message={preview.error?.message} />
      {p && (
        <Panel
          title={`Preview: the top ${p.after.length} before and after`}
          titleId="preview-heading"
          testId="weights-preview"
          aside={
            <span className="muted small">
              {p.entered.length} enter, {p.left.length} leave, {p.movedUp.length} move up,{' '}
              {p.movedDown.length} move down
            </span>
          }
        >
          <Table>
            <thead>
              <tr>
                <th>#</th>
                <th>Now</th>
                <th className="text-right">Risk</th>
                <th>With these weights</th>
                <th className="text-right">Risk</th>
                <th>Move</th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: Math.max(p.before.length, p.after.length) }, (_, i) => {
                const b = p.before[i];
                const a = p.after[i];
                const up = a && p.movedUp.find((m) => m.personId === a.personId);
                const down = a && p.movedDown.find((m) => m.personId === a.personId);
                const entered = a && p.entered.some((e) => e.personId === a.personId);
                return (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    <td>{b ? name(b.personId) : ''}</td>
                    <td className="text-right">{b?.risk.toFixed(1)}</td>
                    <td>{a ? name(a.personId) : ''}</td>
                    <td className="text-right">{a?.risk.toFixed(1)}</td>
                    <td className="small">
                      {entered ? (
                        <Badge tone="warn">new in top</Badge>
                      ) : up ? (
                        <Badge tone="danger">↑ from {up.from}</Badge>
                      ) : down ? (
                        <Badge tone="ok">↓ from {down.from}</Badge>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          {p.left.length > 0 && (
            <p className="muted small">
              Leave the top:{' '}
              {p.left.map((l) => `${name(l.personId)} (${l.risk.toFixed(1)})`).join(', ')}
            </p>
          )}
        </Panel>
      )}
      <fieldset disabled={readOnly || save.pending} className="stack bare">
        {grouped.map((s) => (
          <Panel
            key={s.prefix}
            title={s.title}
            titleId={`w-${s.prefix}`}
            aside={<span className="muted small">{s.hint}</span>}
          >
            <div className="weights-grid">
              {s.items.map((path) => {
                const leaf = path.slice(s.prefix.length + 1) || path;
                const d = defaultOf.get(path);
                const differs = Number(values[path]) !== d;
                const error = errors.get(path);
                return (
                  <Field
                    key={path}
                    label={<span className="small">{words(leaf)}</span>}
                    hint={`default ${d}`}
                    error={error}
                    className={differs ? 'weight differs' : 'weight'}
                  >
                    <Input
                      type="number"
                      step="any"
                      name={path}
                      value={values[path]}
                      onChange={(e) => set(path, e.target.value)}
                    />
                  </Field>
                );
              })}
            </div>
          </Panel>
        ))}
      </fieldset>
    </form>
  );
}
