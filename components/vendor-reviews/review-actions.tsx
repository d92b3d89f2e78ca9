'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Radio, Textarea } from '@/components/ui/controls';
import { Field, FieldError } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { REVIEW_DECISIONS, type ReviewDecision } from '@/server/domain/vendor-reviews/cadence';
import { DECISION_LABELS } from './labels';

export function SubmitReview({ reviewId, unanswered }: { reviewId: string; unanswered: number }) {
  const trpc = useTRPC();
  const submit = useFormMutation(trpc.vendorReviews.submit.mutationOptions(), { refresh: true });
  return (
    <div className="stack gap-6">
      <div className="row">
        <Button
          variant="primary"
          data-testid="submit-review"
          busy={submit.pending}
          busyLabel="Submitting…"
          disabled={unanswered > 0}
          onClick={() => submit.mutate({ reviewId })}
        >
          Submit for decision
        </Button>
        <FormMessage message={submit.message} inline />
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
  const [decision, setDecision] = useState<ReviewDecision | ''>('');
  const [conditions, setConditions] = useState('');
  const [rationale, setRationale] = useState('');
  const [attempted, setAttempted] = useState(false);
  const decide = useFormMutation(trpc.vendorReviews.decide.mutationOptions(), {
    fields: ['conditions', 'rationale'],
    refresh: true,
  });
  const show = (typed: string) => attempted || typed.length > 0;
  const conditionsError =
    decision === 'approved_with_conditions' && show(conditions) && conditions.trim().length < MIN
      ? 'Write the conditions the vendor must meet (at least 5 characters)'
      : decide.fieldError('conditions');
  const rationaleError =
    decision === 'rejected' && show(rationale) && rationale.trim().length < MIN
      ? 'Explain the rejection (at least 5 characters)'
      : decide.fieldError('rationale');
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
      <fieldset className="row bare">
        <legend className="small strong mb-6">Decision</legend>
        {REVIEW_DECISIONS.map((d) => (
          <Radio
            key={d}
            labelClassName="small"
            name="decision"
            value={d}
            checked={decision === d}
            onChange={() => setDecision(d)}
            label={DECISION_LABELS[d]}
          />
        ))}
      </fieldset>
      {attempted && !decision && <FieldError message="Choose a decision" />}
      {blocked && (
        <Alert tone="warn" as="p" className="small flush">
          {seriousOpenFindings} high or critical{' '}
          {seriousOpenFindings === 1 ? 'finding is' : 'findings are'} still open: approve with
          conditions that cover them, or remediate them first.
        </Alert>
      )}
      {decision === 'approved_with_conditions' && (
        <Field label="Conditions" error={conditionsError}>
          <Textarea
            name="conditions"
            rows={3}
            maxLength={5000}
            value={conditions}
            onChange={(e) => setConditions(e.target.value)}
            placeholder="What the vendor must do, by when; kept on the review and the vendor"
          />
        </Field>
      )}
      {decision !== '' && (
        <Field
          label={decision === 'rejected' ? 'Rationale' : 'Rationale (optional)'}
          error={rationaleError}
        >
          <Textarea
            name="rationale"
            rows={2}
            maxLength={5000}
            value={rationale}
            onChange={(e) => setRationale(e.target.value)}
            placeholder="Why this decision; kept in the audit log"
          />
        </Field>
      )}
      <div className="row">
        <Button
          variant="primary"
          type="submit"
          busy={decide.pending}
          busyLabel="Recording…"
          disabled={blocked}
          data-testid="record-decision"
        >
          Record decision
        </Button>
        <FormMessage message={decide.message} inline />
      </div>
    </form>
  );
}

export function SendBackReview({ reviewId }: { reviewId: string }) {
  const trpc = useTRPC();
  const [reason, setReason] = useState('');
  const send = useFormMutation(trpc.vendorReviews.sendBack.mutationOptions(), {
    refresh: true,
    onSuccess: () => setReason(''),
  });
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
        <Field label="What needs changing" error={error}>
          <Textarea
            name="reason"
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
        <div className="row">
          <Button type="submit" disabled={send.pending || reason.trim().length < MIN}>
            Send back
          </Button>
          <FormMessage message={send.message} inline />
        </div>
      </form>
    </details>
  );
}
