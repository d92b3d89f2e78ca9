'use client';

import { useRouter } from 'next/navigation';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { labelledBar } from './labelled-bar';

// Distinguishable on white and in grey print; kinds past the palette share the last colour.
const PALETTE = ['#1f4fd1', '#b42318', '#8a5a00', '#137333', '#7c3aed', '#0e7490', '#9ca3af'];
const MAX_SERIES = 6;

export interface SignalsOverTimeData {
  kinds: string[];
  days: { day: string; total: number; byKind: Record<string, number> }[];
}

const words = (kind: string) => kind.replaceAll('_', ' ');

/**
 * Signals per day, stacked by kind (the six commonest; the rest as "other"). Clicking a bar
 * opens the signal queue filtered to that day and kind: the rows behind the bar.
 */
export function SignalsOverTimeChart({ data }: { data: SignalsOverTimeData }) {
  const router = useRouter();
  const shown = data.kinds.slice(0, MAX_SERIES);
  const rest = new Set(data.kinds.slice(MAX_SERIES));
  const rows = data.days.map((d) => {
    const row: Record<string, number | string> = { day: d.day.slice(5), date: d.day };
    for (const k of shown) row[k] = d.byKind[k] ?? 0;
    if (rest.size > 0)
      row.other = Object.entries(d.byKind)
        .filter(([k]) => rest.has(k))
        .reduce((a, [, n]) => a + n, 0);
    return row;
  });
  const series = rest.size > 0 ? [...shown, 'other'] : shown;
  const open = (date: string, kind: string) => {
    const q = new URLSearchParams({ status: 'all', day: date });
    if (kind !== 'other') q.set('kind', kind);
    router.push(`/signals?${q.toString()}`);
  };
  return (
    <div className="chart chart-280" data-testid="signals-over-time">
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value, name) => [value, words(String(name))]} />
          <Legend formatter={(value: string) => words(value)} wrapperStyle={{ fontSize: 12 }} />
          {series.map((kind, i) => (
            <Bar
              key={kind}
              dataKey={kind}
              stackId="signals"
              fill={PALETTE[Math.min(i, PALETTE.length - 1)]}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(bar) => {
                const date = (bar.payload as { date?: string } | undefined)?.date;
                if (date) open(date, kind);
              }}
              shape={labelledBar((row) => ({
                id: `bar-${kind}-${String(row.date)}`,
                name: `${words(kind)} on ${String(row.date)}`,
              }))}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
