'use client';

import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
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
  { prefix: 'halfLifeDays', title: 'Decay', hint: 'Signal points halve every this many days.' },
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
    title: 'Access boost (compromise)',
    hint: 'Signals weigh ×(1 + boost) for the most sensitive active grant; 0–1.',
  },
  {
    prefix: 'exposure',
    title: 'Exposure (bribery)',
    hint: 'Sensitive access and records touched.',
  },
  { prefix: 'screening', title: 'Screening (bribery)', hint: 'Points per screening gap.' },
  { prefix: 'attestations', title: 'Attestations (bribery)', hint: 'Points each.' },
  {
    prefix: 'vendorGaps',
    title: "The person's vendor (bribery)",
    hint: 'Control gaps of the vendor they work for.',
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
  const router = useRouter();
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
  const save = useMutation(
    trpc.risk.updateWeights.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        router.refresh();
      },
    }),
  );

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
      <div className="card row" style={{ justifyContent: 'space-between', gap: 12 }}>
        <span className="small">
          {changed === 0
            ? 'All weights are at their documented defaults.'
            : `${changed} weight${changed === 1 ? '' : 's'} differ from the defaults (highlighted).`}
        </span>
        <span className="row" style={{ gap: 8 }}>
          <button
            type="button"
            className="btn"
            onClick={() =>
              setValues(Object.fromEntries(leaves(defaults).map((l) => [l.path, String(l.value)])))
            }
            disabled={readOnly}
          >
            Reset to defaults
          </button>
          <button
            type="button"
            className="btn"
            onClick={onPreview}
            disabled={!parsed.success || preview.isFetching}
            data-testid="preview-weights"
          >
            {preview.isFetching ? 'Previewing…' : 'Preview'}
          </button>
          {!readOnly && (
            <button
              type="submit"
              className="btn btn-primary"
              disabled={!parsed.success || save.isPending}
              data-testid="save-weights"
            >
              {save.isPending ? 'Saving…' : 'Save weights'}
            </button>
          )}
        </span>
      </div>
      {!parsed.success && (
        <div className="alert alert-error" role="alert">
          Fix the highlighted weights:{' '}
          {[...errors]
            .slice(0, 3)
            .map(([k, m]) => `${k}: ${m}`)
            .join('; ')}
        </div>
      )}
      {save.error && (
        <div className="alert alert-error" role="alert">
          {save.error.message}
        </div>
      )}
      {saved && (
        <div className="alert alert-ok" role="status" data-testid="weights-saved">
          Saved. Scores are being recomputed with the new weights.
        </div>
      )}
      {preview.error && (
        <div className="alert alert-error" role="alert">
          {preview.error.message}
        </div>
      )}
      {p && (
        <section className="card" aria-labelledby="preview-heading" data-testid="weights-preview">
          <div className="card-header">
            <h2 id="preview-heading">Preview: the top {p.after.length} before and after</h2>
            <span className="muted small">
              {p.entered.length} enter, {p.left.length} leave, {p.movedUp.length} move up,{' '}
              {p.movedDown.length} move down
            </span>
          </div>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>Now</th>
                  <th style={{ textAlign: 'right' }}>Risk</th>
                  <th>With these weights</th>
                  <th style={{ textAlign: 'right' }}>Risk</th>
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
                      <td style={{ textAlign: 'right' }}>{b?.risk.toFixed(1)}</td>
                      <td>{a ? name(a.personId) : ''}</td>
                      <td style={{ textAlign: 'right' }}>{a?.risk.toFixed(1)}</td>
                      <td className="small">
                        {entered ? (
                          <span className="badge badge-warn">new in top</span>
                        ) : up ? (
                          <span className="badge badge-danger">↑ from {up.from}</span>
                        ) : down ? (
                          <span className="badge badge-ok">↓ from {down.from}</span>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {p.left.length > 0 && (
            <p className="muted small">
              Leave the top:{' '}
              {p.left.map((l) => `${name(l.personId)} (${l.risk.toFixed(1)})`).join(', ')}
            </p>
          )}
        </section>
      )}
      <fieldset
        disabled={readOnly || save.isPending}
        className="stack"
        style={{ border: 'none', padding: 0 }}
      >
        {grouped.map((s) => (
          <section className="card" key={s.prefix} aria-labelledby={`w-${s.prefix}`}>
            <div className="card-header">
              <h2 id={`w-${s.prefix}`}>{s.title}</h2>
              <span className="muted small">{s.hint}</span>
            </div>
            <div className="weights-grid">
              {s.items.map((path) => {
                const leaf = path.slice(s.prefix.length + 1) || path;
                const d = defaultOf.get(path);
                const differs = Number(values[path]) !== d;
                const error = errors.get(path);
                return (
                  <label key={path} className={differs ? 'weight differs' : 'weight'}>
                    <span className="small">{words(leaf)}</span>
                    <input
                      type="number"
                      step="any"
                      name={path}
                      value={values[path]}
                      onChange={(e) => set(path, e.target.value)}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${path}-error` : undefined}
                    />
                    <span className="muted small">default {d}</span>
                    {error && (
                      <span className="field-error" id={`${path}-error`}>
                        {error}
                      </span>
                    )}
                  </label>
                );
              })}
            </div>
          </section>
        ))}
      </fieldset>
    </form>
  );
}
