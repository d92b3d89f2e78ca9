'use client';

import Link from 'next/link';
import { useState } from 'react';
import {
  EscalateForm,
  type AssigneeOption,
  type CaseOption,
} from '@/components/cases/escalate-form';
import { PersonName } from '@/components/privacy/person-name';
import { formatDateTime } from '@/components/ui/format';
import { Table } from '@/components/ui/table';
import { CASE_SEVERITIES, type CaseSeverity } from '@/server/domain/cases/case';
import { kindLabel, SeverityBadge } from './labels';

export interface QueueSignal {
  id: string;
  kind: string;
  severity: CaseSeverity;
  explanation: string;
  windowEnd: Date;
  person: { id: string | null; fullName: string };
  vendor: { id: string; name: string } | null;
}

/** The queue's table; investigators tick signals and escalate them into one case. */
export function SignalQueue({
  items,
  escalation,
}: {
  items: QueueSignal[];
  /** Present when the viewer may escalate the signals shown. */
  escalation: { openCases: CaseOption[]; assignees: AssigneeOption[] } | null;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const chosen = items.filter((i) => selected.has(i.id));
  const worst = chosen.reduce<CaseSeverity>(
    (w, s) => (CASE_SEVERITIES.indexOf(s.severity) > CASE_SEVERITIES.indexOf(w) ? s.severity : w),
    'low',
  );
  const names = [...new Set(chosen.map((c) => c.person.fullName))];
  const kinds = kindLabel([...new Set(chosen.map((c) => c.kind))].join(', '));
  return (
    <>
      <Table testId="signals">
        <thead>
          <tr>
            {escalation && (
              <th className="select-cell">
                <span className="visually-hidden">Select</span>
              </th>
            )}
            <th>Signal</th>
            <th>Person</th>
            <th>Severity</th>
            <th>When</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id}>
              {escalation && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${kindLabel(s.kind)} about ${s.person.fullName}`}
                    checked={selected.has(s.id)}
                    onChange={() => toggle(s.id)}
                  />
                </td>
              )}
              <td className="signal-cell">
                <Link href={`/signals/${s.id}`} className="strong">
                  {kindLabel(s.kind)}
                </Link>
                <div className="muted small">{s.explanation}</div>
              </td>
              <td>
                <PersonName person={s.person} />
                {s.vendor && <div className="muted small">{s.vendor.name}</div>}
              </td>
              <td>
                <SeverityBadge severity={s.severity} />
              </td>
              <td className="small">{formatDateTime(s.windowEnd)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      {escalation && chosen.length > 0 && (
        <div className="card stack mt-12" data-testid="escalate-selected">
          <h2 className="flush">
            Escalate {chosen.length} {chosen.length === 1 ? 'signal' : 'signals'}
          </h2>
          <EscalateForm
            key={chosen.map((c) => c.id).join(',')}
            signalIds={chosen.map((c) => c.id)}
            aboutPersonIds={chosen.flatMap((c) => (c.person.id ? [c.person.id] : []))}
            defaultTitle={`${kinds}: ${names.join(', ')}`.slice(0, 200)}
            defaultSeverity={worst}
            openCases={escalation.openCases}
            assignees={escalation.assignees}
          />
        </div>
      )}
    </>
  );
}
