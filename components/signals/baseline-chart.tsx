'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export interface BaselineChartData {
  title: string;
  unit: string;
  timezone: string | null;
  signalDay: string;
  days: { day: string; value: number; signal: boolean }[];
  person: { median: number | null; activeDays: number };
  peers: { basis: string; members: number; median: number; p99: number; sampled: boolean } | null;
}

// Distinguishable on white and in grey print (the overview charts' palette).
const COLORS = {
  day: '#9db4e8',
  signal: '#b42318',
  own: '#1f4fd1',
  peersMedian: '#137333',
  peersP99: '#8a5a00',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const short = (day: string) => `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]}`;
const fmt = (n: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(n);

/**
 * The signal's day against the person's 30 days before it, their median and their peers' median
 * and p99 (docs/PRODUCT.md §Signals and triage). A day far above the lines would flatten them, so
 * past 10× the highest line the scale is square-root, and the axis says so.
 */
export function BaselineChart({ data, summary }: { data: BaselineChartData; summary: string }) {
  const lines = [
    data.person.median !== null
      ? { key: 'own', label: 'Their median', value: data.person.median, color: COLORS.own }
      : null,
    data.peers
      ? {
          key: 'peersMedian',
          label: 'Peers’ median',
          value: data.peers.median,
          color: COLORS.peersMedian,
        }
      : null,
    data.peers
      ? {
          key: 'peersP99',
          label: 'Peers’ busiest 1% (p99)',
          value: data.peers.p99,
          color: COLORS.peersP99,
        }
      : null,
  ].filter((l): l is NonNullable<typeof l> => l !== null);
  const top = Math.max(0, ...data.days.map((d) => d.value));
  const highestLine = Math.max(1, ...lines.map((l) => l.value));
  const squeezed = top > 10 * highestLine;
  const rows = data.days.map((d) => ({ ...d, label: short(d.day) }));
  const zone = data.timezone ?? 'UTC';
  return (
    <figure className="baseline-figure" data-testid="baseline-chart">
      <figcaption className="baseline-caption">
        <strong>{data.title}</strong>
        <span className="muted small"> · 30 days before and the signal’s day, in {zone}</span>
      </figcaption>
      <div className="chart chart-280" role="img" aria-label={summary}>
        <ResponsiveContainer>
          <BarChart data={rows} margin={{ top: 12, right: 12, bottom: 24, left: 8 }}>
            <CartesianGrid stroke="#eef0f3" vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fontSize: 12, fill: '#5b6675' }}
              interval="preserveStartEnd"
              minTickGap={16}
              label={{
                value: `Day (${zone})`,
                position: 'insideBottom',
                offset: -16,
                fontSize: 12,
                fill: '#5b6675',
              }}
            />
            <YAxis
              scale={squeezed ? 'sqrt' : 'linear'}
              domain={[0, 'auto']}
              allowDecimals={false}
              tick={{ fontSize: 12, fill: '#5b6675' }}
              tickFormatter={(v: number) => fmt(v)}
              label={{
                value: squeezed ? `${data.unit} (square-root scale)` : data.unit,
                angle: -90,
                position: 'insideLeft',
                offset: 4,
                style: { textAnchor: 'middle' },
                fontSize: 12,
                fill: '#5b6675',
              }}
              width={64}
            />
            <Tooltip
              formatter={(value) => [fmt(Number(value)), data.unit]}
              labelFormatter={(label) => String(label)}
            />
            <Bar dataKey="value" name={data.unit} isAnimationActive={false}>
              {rows.map((r) => (
                <Cell key={r.day} fill={r.signal ? COLORS.signal : COLORS.day} />
              ))}
            </Bar>
            {lines.map((l) => (
              <ReferenceLine
                key={l.key}
                y={l.value}
                stroke={l.color}
                strokeWidth={2}
                strokeDasharray={l.key === 'own' ? undefined : '6 4'}
                ifOverflow="extendDomain"
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="chart-legend small" aria-hidden="true">
        <li>
          <span className="swatch" style={{ background: COLORS.signal }} /> The signal’s day
        </li>
        <li>
          <span className="swatch" style={{ background: COLORS.day }} /> Their other days
        </li>
        {lines.map((l) => (
          <li key={l.key}>
            <span
              className={l.key === 'own' ? 'swatch swatch-line' : 'swatch swatch-dashed'}
              style={{ borderColor: l.color }}
            />{' '}
            {l.label} ({fmt(l.value)})
          </li>
        ))}
      </ul>
    </figure>
  );
}
