import Link from 'next/link';
import { formatPrecision } from '@/components/cases/labels';
import { kindLabel } from '@/components/signals/labels';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Detectors' };

export default async function DetectorsPage() {
  const caller = await serverCaller();
  const stats = await guarded(() => caller.signals.detectors());
  if (!stats.ok) return <Refusal message={stats.message} />;
  const rows = [...stats.data].sort((a, b) => b.total - a.total || a.kind.localeCompare(b.kind));
  return (
    <>
      <PageHeader
        title="Detectors"
        description={
          <>
            How often each detector is right: precision is confirmed ÷ (confirmed + dismissed).
            Signals count as confirmed when their case closes substantiated, and as dismissed when
            triage dismisses them or their case closes unsubstantiated.{' '}
            <Link href="/signals">Signal queue</Link>
          </>
        }
      />
      <section className="card">
        <div className="table-wrap">
          <table data-testid="detectors">
            <thead>
              <tr>
                <th>Detector</th>
                <th className="num">Open</th>
                <th className="num">In a case</th>
                <th className="num">Confirmed</th>
                <th className="num">Dismissed</th>
                <th className="num">Total</th>
                <th className="num">Precision</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.kind} data-testid={`detector-${d.kind}`}>
                  <td>
                    <Link href={`/signals?kind=${d.kind}`}>{kindLabel(d.kind)}</Link>
                    <div className="muted small mono">{d.kind}</div>
                  </td>
                  <td className="num">{d.open}</td>
                  <td className="num">{d.inCase}</td>
                  <td className="num">{d.confirmed}</td>
                  <td className="num">{d.dismissed}</td>
                  <td className="num">{d.total}</td>
                  <td className="num strong" data-testid="precision">
                    {formatPrecision(d.precision)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
