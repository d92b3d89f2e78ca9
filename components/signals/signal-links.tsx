import Link from 'next/link';
import { PERSON_TYPE_LABELS } from '@/components/people/labels';
import { PersonName } from '@/components/privacy/person-name';
import { kindLabel, SeverityBadge, SIGNAL_STATUS_LABELS } from '@/components/signals/labels';
import { Alert } from '@/components/ui/alert';
import type { ChainPartRow } from '@/server/domain/signals/describe-chain';
import type { TicketMismatchRow } from '@/server/domain/signals/describe-tickets';
import { describeWindow } from '@/server/domain/signals/window';

// What a signal's page links to (docs/PRODUCT.md §The signal page): a chain's parts, a reused
// identifier's other holders, a ticket mismatch's lookups. Times at the person's local time and
// in UTC, as the rest of the page.

function When({ start, end, timezone }: { start: Date; end: Date; timezone: string | null }) {
  const w = describeWindow(start, end, timezone);
  return (
    <>
      <strong>{w.local ?? w.utc}</strong>
      {w.local && <span className="muted small"> · {w.utc}</span>}
    </>
  );
}

/** "Parts of this incident": each part in time order, its role, what it is and its own page. */
export function ChainParts({ rows, timezone }: { rows: ChainPartRow[]; timezone: string | null }) {
  if (rows.length === 0) return null;
  return (
    <section className="card stack mt-16" aria-labelledby="parts-heading">
      <h2 id="parts-heading">Parts of this incident</h2>
      <ol className="timeline" data-testid="chain-parts">
        {rows.map((r, i) => (
          <li key={`${r.kind}-${i}`} data-testid="chain-part">
            <div className="row">
              <span className="badge">{r.role}</span>
              {r.signalId ? (
                <Link href={`/signals/${r.signalId}`} className="strong">
                  {kindLabel(r.kind)}
                </Link>
              ) : (
                <span className="strong">{kindLabel(r.kind)}</span>
              )}
              <SeverityBadge severity={r.severity} />
              {r.status && r.status !== 'open' && (
                <span className="muted small">{SIGNAL_STATUS_LABELS[r.status] ?? r.status}</span>
              )}
            </div>
            {r.what && <div className="small">{r.what}</div>}
            <div className="small">
              <When start={r.windowStart} end={r.windowEnd} timezone={timezone} />
            </div>
            {!r.signalId && <div className="muted small">Its own signal is no longer stored.</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}

export interface ChainLink {
  id: string;
  title: string;
  severity: string;
  windowStart: Date;
}

/** "Part of incident: …", on each part's page. */
export function PartOfChains({ chains }: { chains: ChainLink[] }) {
  if (chains.length === 0) return null;
  return (
    <Alert as="p" tone="warn" className="small flush" testId="signal-chains">
      Part of incident:{' '}
      {chains.map((c, i) => (
        <span key={c.id}>
          {i > 0 && ', '}
          <Link href={`/signals/${c.id}`}>{c.title}</Link> <SeverityBadge severity={c.severity} />
        </span>
      ))}
    </Alert>
  );
}

export interface Holder {
  what: 'person' | 'entry';
  /** Null for a pseudonymized person (docs/PRIVACY.md §Pseudonymized investigation). */
  id: string | null;
  name: string;
  type: string;
}

/** "Also held by": the other people, with their type, and the watchlist entries, with their list. */
export function AlsoHeldBy({
  identifier,
  holders,
  unresolved,
}: {
  identifier: string;
  holders: Holder[];
  /** Holders the signal names that are not (any more) in the organization, or beyond the 50 kept. */
  unresolved: number;
}) {
  if (holders.length === 0 && unresolved === 0) return null;
  return (
    <section className="card stack mt-16" aria-labelledby="holders-heading">
      <h2 id="holders-heading">Also held by</h2>
      <p className="small muted flush">Everyone else on file with the same {identifier}.</p>
      <ul className="plain-list stack gap-6" data-testid="also-held-by">
        {holders.map((h) => (
          <li key={`${h.what}-${h.id ?? h.name}`}>
            {h.what === 'person' ? (
              <>
                <PersonName person={{ id: h.id, fullName: h.name }} />{' '}
                <span className="badge">
                  {(PERSON_TYPE_LABELS as Record<string, string>)[h.type] ?? h.type}
                </span>
              </>
            ) : (
              <>
                <Link href={`/screening/watchlist#entry-${h.id}`}>{h.name}</Link>{' '}
                <span className="badge badge-danger">watchlist · {h.type}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      {unresolved > 0 && (
        <p className="small muted flush">
          And {unresolved} more not listed here (no longer on file, or beyond the first 50).
        </p>
      )}
    </section>
  );
}

/** "Lookups outside their ticket": ticket → is about → but opened, in time order. */
export function TicketMismatches({
  rows,
  total,
  timezone,
}: {
  rows: TicketMismatchRow[];
  total: number;
  timezone: string | null;
}) {
  if (rows.length === 0) return null;
  return (
    <section className="card stack mt-16" aria-labelledby="mismatch-heading">
      <h2 id="mismatch-heading">Lookups outside their ticket</h2>
      <div className="table-wrap">
        <table data-testid="ticket-mismatches">
          <thead>
            <tr>
              <th>Time</th>
              <th>Ticket</th>
              <th>Is about</th>
              <th>But opened</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.ticket}-${i}`}>
                <td className="small">
                  <When start={r.at} end={r.at} timezone={timezone} />
                </td>
                <td className="mono small">{r.ticket}</td>
                <td className="small">{r.about ?? <span className="muted">not recorded</span>}</td>
                <td className="mono small strong">{r.opened}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > rows.length && (
        <p className="small muted flush">
          The first {rows.length} of {total}; the evidence below lists their events.
        </p>
      )}
    </section>
  );
}
