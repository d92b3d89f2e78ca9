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

const BANDS = ['low', 'medium', 'high', 'critical'] as const;
type Band = (typeof BANDS)[number];

export interface RiskDistributionData {
  people: Record<Band, number>;
  vendors: Record<Band, number>;
}

/**
 * People and vendors per risk band. Clicking a bar opens the list behind it: people or vendors
 * in that band, highest risk first.
 */
export function RiskDistributionChart({ data }: { data: RiskDistributionData }) {
  const router = useRouter();
  const rows = BANDS.map((band) => ({
    band,
    label: band[0]!.toUpperCase() + band.slice(1),
    people: data.people[band],
    vendors: data.vendors[band],
  }));
  const open = (subject: 'people' | 'vendors', band: string) =>
    router.push(subject === 'people' ? `/people?band=${band}&sort=risk` : `/vendors?band=${band}`);
  return (
    <div className="chart chart-300" data-testid="risk-distribution">
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {(['people', 'vendors'] as const).map((subject) => (
            <Bar
              key={subject}
              dataKey={subject}
              name={subject === 'people' ? 'People' : 'Vendors'}
              fill={subject === 'people' ? '#1f4fd1' : '#8a5a00'}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(bar) => {
                const band = (bar.payload as { band?: string } | undefined)?.band;
                if (band) open(subject, band);
              }}
              shape={labelledBar((row) => ({
                id: `bar-${subject}-${String(row.band)}`,
                name: `${subject === 'people' ? 'People' : 'Vendors'} in the ${String(row.band)} band`,
              }))}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
