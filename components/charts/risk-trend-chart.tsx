'use client';

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export interface TrendSeries {
  key: string;
  label: string;
  color: string;
}

/**
 * Daily risk scores (risk_history) as lines on the 0–100 scale, with the band thresholds of
 * docs/RISK.md §Person scores drawn in (medium 40, high 70, critical 90).
 */
export function RiskTrendChart({
  data,
  series,
  label,
}: {
  data: Record<string, string | number | null>[];
  series: TrendSeries[];
  /** Accessible name of the chart. */
  label: string;
}) {
  if (data.length === 0)
    return (
      <p className="muted small flush">
        No history yet: a point is added each day the scores are computed.
      </p>
    );
  return (
    <div role="img" aria-label={label} data-testid="risk-trend-chart" className="chart">
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="#eef0f3" vertical={false} />
          <XAxis
            dataKey="day"
            tick={{ fontSize: 12, fill: '#5b6675' }}
            tickFormatter={(d: string) => d.slice(5)}
            minTickGap={24}
          />
          <YAxis
            domain={[0, 100]}
            ticks={[0, 40, 70, 90, 100]}
            tick={{ fontSize: 12, fill: '#5b6675' }}
          />
          <ReferenceLine y={40} stroke="#e3c26b" strokeDasharray="3 3" />
          <ReferenceLine y={70} stroke="#e0904a" strokeDasharray="3 3" />
          <ReferenceLine y={90} stroke="#b42318" strokeDasharray="3 3" />
          <Tooltip
            formatter={(value) => (typeof value === 'number' ? value.toFixed(1) : String(value))}
          />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s) => (
            <Line
              key={s.key}
              type="linear"
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={2}
              dot={data.length < 20}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
