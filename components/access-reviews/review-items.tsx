'use client';

import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input, Radio } from '@/components/ui/controls';
import { Field, FieldError } from '@/components/ui/field';
import { formatDate } from '@/components/ui/format';
import { ReasonField } from '@/components/ui/reason-field';
import { Table } from '@/components/ui/table';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import {
  REVIEW_DECISIONS,
  DECISION_LABELS,
  type ReviewDecision,
} from '@/server/domain/access-reviews/campaign';
import { decideItemsSchema } from '@/server/domain/access-reviews/inputs';
import { isoDay } from '@/server/domain/time';
import type { AppRouter } from '@/server/trpc/root';
import { BasisLabel, DecisionBadge, RemediationNote } from './labels';
import { RevokeConfirmation } from './revoke-confirmation';

export type ReviewItem = inferRouterOutputs<AppRouter>['accessReviews']['inbox']['items'][number];

const SENSITIVITY_BADGES: Record<string, string> = {
  low: '',
  medium: 'badge-brand',
  high: 'badge-warn',
  critical: 'badge-danger',
};
const BAND_BADGES: Record<string, string> = {
  low: 'badge-ok',
  medium: 'badge-warn',
  high: 'badge-danger',
  critical: 'badge-danger',
};

const tomorrow = () => isoDay(new Date(Date.now() + 86_400_000));
const itemLabel = (i: ReviewItem) => `${i.person.name} · ${i.system.name} ${i.privilege}`;

/** Open signals, watchlist matches, contract end, last use on this system, risk band. */
function RiskContext({ item, linksSignals }: { item: ReviewItem; linksSignals: boolean }) {
  const r = item.risk;
  if (!r) return null;
  const today = isoDay(new Date());
  return (
    <ul className="plain-list small" data-testid="risk-context">
      <li>
        {r.openSignals === 0 ? (
          <span className="muted">No open signals</span>
        ) : (
          // The queue filtered to them where the role reads signals; else their page's activity.
          <Link
            href={
              linksSignals
                ? `/signals?personId=${item.person.id}`
                : `/people/${item.person.id}#timeline-heading`
            }
            className="text-danger"
          >
            {r.openSignals} open signal{r.openSignals === 1 ? '' : 's'}
          </Link>
        )}
      </li>
      {(r.watchlistOpen > 0 || r.watchlistConfirmed > 0) && (
        <li className="text-danger">
          Watchlist:{' '}
          {[
            r.watchlistConfirmed > 0 ? `${r.watchlistConfirmed} confirmed` : null,
            r.watchlistOpen > 0 ? `${r.watchlistOpen} open` : null,
          ]
            .filter(Boolean)
            .join(', ')}
        </li>
      )}
      {r.contractEnd && (
        <li className={r.contractEnd < today ? 'text-danger' : undefined}>
          Contract {r.contractEnd < today ? 'ended' : 'ends'} {formatDate(r.contractEnd)}
        </li>
      )}
      <li>
        {r.lastActivity ? `Last used ${formatDate(r.lastActivity)}` : 'Never used on this system'}
        {r.unused && r.daysSinceActivity !== null && (
          <Badge tone="warn" className="ml-6">
            Unused {r.daysSinceActivity} days
          </Badge>
        )}
        {r.unused && r.daysSinceActivity === null && (
          <Badge tone="warn" className="ml-6">
            Unused
          </Badge>
        )}
      </li>
      {r.band && (
        <li>
          Risk <span className={`badge ${BAND_BADGES[r.band] ?? ''}`}>{r.band}</span>
        </li>
      )}
    </ul>
  );
}

/**
 * The reviewer inbox table: tick items, then keep / revoke / shorten them with one rationale
 * (required for revoke and shorten). Items the viewer may not decide have no checkbox.
 */
export function ReviewItems({
  items,
  showReviewer,
  linksSignals,
  canDecide,
}: {
  items: ReviewItem[];
  showReviewer: boolean;
  linksSignals: boolean;
  canDecide: boolean;
}) {
  const trpc = useTRPC();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [decision, setDecision] = useState<ReviewDecision>('keep');
  const [rationale, setRationale] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [done, setDone] = useState<string | null>(null);
  // A revocation waits for a second, explicit confirmation naming who loses what.
  const [confirming, setConfirming] = useState(false);
  const decidable = items.filter((i) => canDecide && i.canDecide);
  const ids = [...selected].filter((id) => decidable.some((i) => i.id === id));
  const decide = useFormMutation(trpc.accessReviews.decide.mutationOptions(), {
    fields: ['rationale', 'expiresOn', 'itemIds'],
    refresh: true,
    onSuccess: (r) => {
      setDone(
        `Recorded ${r.decided} decision${r.decided === 1 ? '' : 's'}${r.revoked ? `; ${r.revoked} grant${r.revoked === 1 ? '' : 's'} revoked` : ''}${r.completed.length ? '; the campaign is complete' : ''}.`,
      );
      setSelected(new Set());
      // Each batch starts from the safe choice again: a revoke never carries over.
      setDecision('keep');
      setConfirming(false);
      setRationale('');
      setExpiresOn('');
    },
  });
  const toggle = (id: string) => {
    setConfirming(false);
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const allSelected = decidable.length > 0 && ids.length === decidable.length;
  const input = () => ({
    itemIds: ids,
    decision,
    rationale,
    expiresOn: decision === 'modify' && expiresOn ? expiresOn : undefined,
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    // A revoke is checked (rationale) before it is confirmed, and recorded only once confirmed.
    if (decision !== 'revoke') decide.mutate(input());
    else if (decide.validate(decideItemsSchema, input())) setConfirming(true);
  }
  const record = () => decide.mutate(input());
  return (
    <>
      <Table testId="review-items">
        <thead>
          <tr>
            {canDecide && (
              <th className="select-cell">
                <input
                  type="checkbox"
                  aria-label="Select every item I may decide"
                  checked={allSelected}
                  disabled={decidable.length === 0}
                  onChange={() => {
                    setConfirming(false);
                    setSelected(allSelected ? new Set() : new Set(decidable.map((i) => i.id)));
                  }}
                />
              </th>
            )}
            <th>Access under review</th>
            <th>Risk context</th>
            {showReviewer && <th>Reviewer</th>}
            <th>Decision</th>
            <th>Campaign</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} data-testid="review-item" data-item={itemLabel(i)}>
              {canDecide && (
                <td>
                  {i.canDecide ? (
                    <input
                      type="checkbox"
                      aria-label={`Select ${itemLabel(i)}`}
                      checked={selected.has(i.id)}
                      onChange={() => toggle(i.id)}
                    />
                  ) : (
                    <span className="muted small" title={i.decideRefusal ?? undefined}>
                      —
                    </span>
                  )}
                </td>
              )}
              <td className="review-access-cell">
                <Link href={`/people/${i.person.id}`} className="strong">
                  {i.person.name}
                </Link>
                {i.vendor && <span className="muted small"> · {i.vendor.name}</span>}
                <div>
                  {i.system.name} · <span className="mono">{i.privilege}</span>{' '}
                  <span className={`badge ${SENSITIVITY_BADGES[i.sensitivity] ?? ''}`}>
                    {i.sensitivity}
                  </span>
                </div>
                <div className="muted small">
                  {i.expiresAt ? `Ends ${formatDate(i.expiresAt)}` : 'No end date'}
                  {i.approver ? ` · approved by ${i.approver}` : ''}
                </div>
                <div className="muted small" title={i.justification}>
                  “
                  {i.justification.length > 90
                    ? `${i.justification.slice(0, 90)}…`
                    : i.justification}
                  ”
                </div>
              </td>
              <td className="review-risk-cell">
                <RiskContext item={i} linksSignals={linksSignals} />
              </td>
              {showReviewer && (
                <td className="small">
                  {i.reviewer ? (i.reviewer.name ?? i.reviewer.email) : null}
                  <div>
                    <BasisLabel basis={i.reviewerBasis} />
                  </div>
                </td>
              )}
              <td className="small review-decision-cell">
                <DecisionBadge decision={i.decision} newExpiresAt={i.newExpiresAt} />
                {i.overdue && (
                  <Badge tone="danger" className="ml-6">
                    Overdue{i.escalatedAt ? ', escalated' : ''}
                  </Badge>
                )}
                {i.rationale && <div>“{i.rationale}”</div>}
                {i.decidedBy && (
                  <div className="muted">
                    {i.decidedBy}, {formatDate(i.decidedAt)}
                  </div>
                )}
                <RemediationNote
                  decision={i.decision}
                  executedAt={i.remediation.executedAt}
                  verifiedAt={i.remediation.verifiedAt}
                  result={i.remediation.result}
                />
              </td>
              <td className="small">
                {showReviewer ? (
                  <Link href={`/reviews/campaigns/${i.campaign.id}`}>{i.campaign.name}</Link>
                ) : (
                  i.campaign.name
                )}
                <div className="muted">Due {formatDate(i.campaign.dueDate)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {canDecide && decidable.length > 0 && (
        <form className="stack mt-16" aria-label="Decide selected items" onSubmit={onSubmit}>
          <div className="row" role="radiogroup" aria-label="Decision">
            <strong>{ids.length} selected</strong>
            {REVIEW_DECISIONS.map((d) => (
              <Radio
                key={d}
                name="decision"
                value={d}
                checked={decision === d}
                onChange={() => {
                  setConfirming(false);
                  setDecision(d);
                }}
                label={`${DECISION_LABELS[d]}${d === 'modify' ? ' (earlier end date)' : ''}`}
              />
            ))}
          </div>
          {decision === 'modify' && (
            <Field
              label="New end date"
              error={decide.fieldError('expiresOn')}
              className="date-field"
            >
              <Input
                type="date"
                value={expiresOn}
                min={tomorrow()}
                onChange={(e) => setExpiresOn(e.target.value)}
              />
            </Field>
          )}
          <ReasonField
            label={decision === 'keep' ? 'Rationale (optional for keep)' : 'Rationale'}
            name="rationale"
            value={rationale}
            onChange={setRationale}
            placeholder={
              decision === 'revoke'
                ? 'Why this access should end now (kept with the decision and the revocation)'
                : 'Why this access is still needed, or why it should end sooner'
            }
            error={decide.fieldError('rationale')}
          />
          <FieldError message={decide.fieldError('itemIds')} />
          <FormMessage message={decide.message} />
          {done && (
            <Alert tone="ok" role="status">
              {done}
            </Alert>
          )}
          {confirming && decision === 'revoke' && ids.length > 0 && (
            <RevokeConfirmation
              labels={decidable.filter((i) => ids.includes(i.id)).map(itemLabel)}
              busy={decide.pending}
              onConfirm={record}
              onCancel={() => setConfirming(false)}
            />
          )}
          <div className="row">
            <Button
              variant={decision === 'revoke' ? 'danger' : 'primary'}
              type="submit"
              busy={decide.pending}
              busyLabel="Recording…"
              disabled={ids.length === 0 || (confirming && decision === 'revoke')}
            >
              {`${DECISION_LABELS[decision]} ${ids.length || ''} selected`.replace('  ', ' ')}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
