'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { REVIEW_DECISIONS, type ReviewDecision } from '@/server/domain/vendor-reviews/cadence';
import { DECISION_LABELS } from './labels';

export function SubmitReview({ reviewId, unanswered }: { reviewId: string; unanswered: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const submit = useMutation(
    trpc.vendorReviews.submit.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <div className="stack" style={{ gap: 6 }}>
      <div className="row">
        <button
          className="btn btn-primary"
          type="button"
          data-testid="submit-review"
          disabled={submit.isPending || unanswered > 0}
          onClick={() => submit.mutate({ reviewId })}
        >
          {submit.isPending ? 'Submitting…' : 'Submit for decision'}
        </button>
        {submit.error && (
          <span className="field-error" role="alert">
            {submit.error.message}
          </span>
        )}
      </div>
      <span className="muted small">
        {unanswered > 0
          ? `Answer and save the ${unanswered} remaining required ${unanswered === 1 ? 'question' : 'questions'} first.`
          : 'The questionnaire and evidence freeze; findings stay open for remediation.'}
      </span>
    </div>
  );
}

const MIN = 5;

/** The approver's form: the decision, conditions or rationale, validated as they type. */
export function DecideReview({
  reviewId,
  seriousOpenFindings,
}: {
  reviewId: string;
  seriousOpenFindings: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [decision, setDecision] = useState<ReviewDecision | ''>('');
  const [conditions, setConditions] = useState('');
  const [rationale, setRationale] = useState('');
  const [attempted, setAttempted] = useState(false);
  const decide = useMutation(
    trpc.vendorReviews.decide.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const server: Record<string, string[] | undefined> = decide.error?.data?.fieldErrors ?? {};
  const show = (typed: string) => attempted || typed.length > 0;
  const conditionsError =
    decision === 'approved_with_conditions' && show(conditions) && conditions.trim().length < MIN
      ? 'Write the conditions the vendor must meet (at least 5 characters)'
      : server.conditions?.[0];
  const rationaleError =
    decision === 'rejected' && show(rationale) && rationale.trim().length < MIN
      ? 'Explain the rejection (at least 5 characters)'
      : server.rationale?.[0];
  const blocked = decision === 'approved' && seriousOpenFindings > 0;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempted(true);
    if (!decision) return;
    if (decision === 'approved_with_conditions' && conditions.trim().length < MIN) return;
    if (decision === 'rejected' && rationale.trim().length < MIN) return;
    decide.mutate({ reviewId, decision, conditions, rationale });
  }

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Decide" data-testid="decide-form">
      <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="small" style={{ fontWeight: 600, marginBottom: 6 }}>
          Decision
        </legend>
        {REVIEW_DECISIONS.map((d) => (
          <label key={d} className="check small">
            <input
              type="radio"
              name="decision"
              value={d}
              checked={decision === d}
              onChange={() => setDecision(d)}
            />
            {DECISION_LABELS[d]}
          </label>
        ))}
      </fieldset>
      {attempted && !decision && <span className="field-error">Choose a decision</span>}
      {blocked && (
        <p className="alert alert-warn small" style={{ margin: 0 }}>
          {seriousOpenFindings} high or critical{' '}
          {seriousOpenFindings === 1 ? 'finding is' : 'findings are'} still open: approve with
          conditions that cover them, or remediate them first.
        </p>
      )}
      {decision === 'approved_with_conditions' && (
        <label>
          Conditions
          <textarea
            name="conditions"
            rows={3}
            maxLength={5000}
            value={conditions}
            onChange={(e) => setConditions(e.target.value)}
            placeholder="What the vendor must do, by when; kept on the review and the vendor"
            aria-invalid={conditionsError ? true : undefined}
          />
          {conditionsError && <span className="field-error">{conditionsError}</span>}
        </label>
      )}
      {decision !== '' && (
        <label>
          {decision === 'rejected' ? 'Rationale' : 'Rationale (optional)'}
          <textarea
            name="rationale"
            rows={2}
            maxLength={5000}
            value={rationale}
            onChange={(e) => setRationale(e.target.value)}
            placeholder="Why this decision; kept in the audit log"
            aria-invalid={rationaleError ? true : undefined}
          />
          {rationaleError && <span className="field-error">{rationaleError}</span>}
        </label>
      )}
      <div className="row">
        <button
          className="btn btn-primary"
          type="submit"
          disabled={decide.isPending || blocked}
          data-testid="record-decision"
        >
          {decide.isPending ? 'Recording…' : 'Record decision'}
        </button>
        {decide.error && !server.conditions && !server.rationale && (
          <span className="field-error" role="alert">
            {decide.error.message}
          </span>
        )}
      </div>
    </form>
  );
}

export function SendBackReview({ reviewId }: { reviewId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [reason, setReason] = useState('');
  const send = useMutation(
    trpc.vendorReviews.sendBack.mutationOptions({
      onSuccess: () => {
        setReason('');
        router.refresh();
      },
    }),
  );
  const error =
    reason.length > 0 && reason.trim().length < MIN
      ? 'Say what needs changing (at least 5 characters)'
      : undefined;
  return (
    <details>
      <summary className="small">Send back to the reviewer</summary>
      <form
        className="stack"
        aria-label="Send back"
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length >= MIN) send.mutate({ reviewId, reason });
        }}
      >
        <label>
          What needs changing
          <textarea
            name="reason"
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error ? true : undefined}
          />
          {error && <span className="field-error">{error}</span>}
        </label>
        <div className="row">
          <button
            className="btn"
            type="submit"
            disabled={send.isPending || reason.trim().length < MIN}
          >
            Send back
          </button>
          {send.error && (
            <span className="field-error" role="alert">
              {send.error.message}
            </span>
          )}
        </div>
      </form>
    </details>
  );
}
