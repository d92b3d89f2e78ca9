import { BaselineChart } from '@/components/signals/baseline-chart';
import { dayLabel, num } from '@/server/domain/signals/words';
import type { Guarded } from '@/server/trpc/page-guard';
import type { SignalBaseline } from './types';

type Daily = Extract<SignalBaseline, { type: 'daily' }>;

/** The chart's text alternative: what a sighted reader takes from it, in one sentence. */
function summarise(b: Daily): string {
  const today = b.days.find((d) => d.signal)!;
  const own =
    b.person.median !== null
      ? `against their median of ${num(b.person.median, 1)} over ${num(b.person.activeDays)} active days`
      : 'with no activity of theirs in the 30 days before';
  const peers = b.peers
    ? `; peers’ median ${num(b.peers.median, 1)} and p99 ${num(b.peers.p99, 1)} (${num(b.peers.members)} people, same ${b.peers.basis})`
    : '; no peer group of 5 or more to compare with';
  return `${b.title}: ${num(today.value)} ${b.unit} on ${dayLabel(b.signalDay, true)}, ${own}${peers}.`;
}

/** Streams the person's days against their own and their peers' baselines (volume-type kinds). */
export async function BaselinePanel({ baseline }: { baseline: Promise<Guarded<SignalBaseline>> }) {
  const r = await baseline;
  if (!r.ok)
    return (
      <section className="card mt-16" aria-labelledby="baseline-heading">
        <h2 id="baseline-heading">Against their usual days</h2>
        <p className="muted flush">{r.message}</p>
      </section>
    );
  if (r.data.type !== 'daily') return null;
  const b = r.data;
  const summary = summarise(b);
  return (
    <section className="card stack mt-16" aria-labelledby="baseline-heading">
      <h2 id="baseline-heading">Against their usual days</h2>
      <p className="small flush" data-testid="baseline-summary">
        {summary}
      </p>
      <BaselineChart data={b} summary={summary} />
      {!b.peers && (
        <p className="muted small flush">
          {b.peerGroup
            ? `Peers are the people of the same ${b.peerGroup.basis}; ${num(b.peerGroup.activeMembers)} of them (this person included) were active in these 30 days, fewer than the 5 a peer group needs.`
            : 'This person has neither a vendor nor a department, so there is no peer group to compare with.'}
        </p>
      )}
      {b.peers?.sampled && (
        <p className="muted small flush">
          Peers’ figures come from the first 200 people of the {b.peers.basis} (a large group).
        </p>
      )}
      <table className="visually-hidden">
        <caption>
          {b.title}, {b.timezone ?? 'UTC'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">{b.unit}</th>
          </tr>
        </thead>
        <tbody>
          {b.days.map((d) => (
            <tr key={d.day}>
              <th scope="row">
                {dayLabel(d.day, true)}
                {d.signal ? ' (the signal’s day)' : ''}
              </th>
              <td>{num(d.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
