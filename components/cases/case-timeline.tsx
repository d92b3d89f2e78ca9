import type { ReactNode } from 'react';
import { kindLabel } from '@/components/signals/labels';
import { formatDateTime } from '@/components/ui/format';
import type { CaseEventData, CaseEventKind } from '@/server/domain/cases/case';
import { CASE_STATUS_LABELS, OUTCOME_LABELS } from './labels';

export interface TimelineEvent {
  id: string;
  kind: CaseEventKind;
  at: Date;
  body: string | null;
  data: CaseEventData;
  actorEmail: string | null;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const names = (v: unknown, key: string): string[] =>
  Array.isArray(v) ? v.map((x) => str(obj(x)[key])).filter(Boolean) : [];
const label = (s: string) => CASE_STATUS_LABELS[s as keyof typeof CASE_STATUS_LABELS] ?? s;

function subjects(d: CaseEventData): string {
  const parts: string[] = [];
  const sigs = names(d.signals, 'kind');
  if (sigs.length)
    parts.push(
      `${sigs.length} ${sigs.length === 1 ? 'signal' : 'signals'} (${[...new Set(sigs)].map(kindLabel).join(', ')})`,
    );
  const ppl = names(d.people, 'name');
  if (ppl.length) parts.push(ppl.join(', '));
  const vs = names(d.vendors, 'name');
  if (vs.length) parts.push(vs.join(', '));
  return parts.length > 1
    ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
    : (parts[0] ?? '');
}

/** One sentence per timeline entry; actions say what they did to what, and the result. */
function describe(e: TimelineEvent): ReactNode {
  const d = e.data;
  switch (e.kind) {
    case 'opened': {
      const s = subjects(d);
      return (
        <>
          Opened the case ({str(d.severity)}){s ? ` about ${s}` : ''}
          {d.assignee ? `, assigned to ${str(d.assignee)}` : ''}.
        </>
      );
    }
    case 'subjects_added':
      return <>Added {subjects(d) || 'nothing new'}.</>;
    case 'note':
      return <>Added a note.</>;
    case 'assigned':
      return d.to ? <>Assigned the case to {str(d.to)}.</> : <>Unassigned the case.</>;
    case 'status_changed':
      return (
        <>
          Moved the case from {label(str(d.from))} to {label(str(d.to))}.
        </>
      );
    case 'closed':
      return (
        <>
          Closed the case as{' '}
          <strong>
            {OUTCOME_LABELS[str(d.outcome) as keyof typeof OUTCOME_LABELS] ?? str(d.outcome)}
          </strong>
          ; {num(d.signalsDecided)} {num(d.signalsDecided) === 1 ? 'signal' : 'signals'} marked{' '}
          {str(d.signalStatus)}.
        </>
      );
    case 'action': {
      const t = obj(d.target);
      const r = obj(d.result);
      if (d.action === 'revoke_grant')
        return (
          <>
            <strong>Revoked access</strong>: {str(t.person)}&apos;s {str(t.privilege)} on{' '}
            {str(t.system)} — {str(r.from)} → {str(r.status)}.
          </>
        );
      if (d.action === 'suspend_vendor')
        return (
          <>
            <strong>Suspended vendor</strong> {str(t.vendor)} ({str(r.from)} → {str(r.status)});{' '}
            {num(r.revokedGrants)} live {num(r.revokedGrants) === 1 ? 'grant' : 'grants'} revoked.
          </>
        );
      if (d.action === 'rescreen_person')
        return (
          <>
            <strong>Re-screened</strong> {str(t.person)} against the watchlist: {num(r.newMatches)}{' '}
            new {num(r.newMatches) === 1 ? 'match' : 'matches'}, {num(r.openMatches)} awaiting
            review.
          </>
        );
      return <>Took an action ({str(d.action)}).</>;
    }
  }
}

export function CaseTimeline({ events }: { events: TimelineEvent[] }) {
  return (
    <ol className="timeline" data-testid="case-timeline">
      {events.map((e) => (
        <li key={e.id} data-kind={e.kind} className="stack gap-4">
          <div className="small muted">
            {formatDateTime(e.at)} · {e.actorEmail ?? 'system'}
          </div>
          <div>{describe(e)}</div>
          {e.body && <blockquote className="small flush pre-wrap">{e.body}</blockquote>}
        </li>
      ))}
    </ol>
  );
}
