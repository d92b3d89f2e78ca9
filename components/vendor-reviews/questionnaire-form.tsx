'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Radio, Textarea } from '@/components/ui/controls';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import type { Answers, Question } from '@/server/domain/vendor-reviews/questionnaire';

/** The review's questionnaire: answered in place while the review is in progress. */
export function QuestionnaireForm({
  reviewId,
  questions,
  initial,
  readOnly,
}: {
  reviewId: string;
  questions: Question[];
  initial: Answers;
  readOnly: boolean;
}) {
  const trpc = useTRPC();
  const [answers, setAnswers] = useState<Answers>(initial);
  const [dirty, setDirty] = useState(false);
  const save = useFormMutation(trpc.vendorReviews.saveAnswers.mutationOptions(), {
    refresh: true,
    onSuccess: () => setDirty(false),
  });
  const missing = questions.filter((q) => q.required && !answers[q.id]?.trim()).length;
  const set = (id: string, value: string) => {
    setAnswers((a) => ({ ...a, [id]: value }));
    setDirty(true);
  };
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ reviewId, answers });
  }

  return (
    <form
      className="stack"
      onSubmit={onSubmit}
      aria-label="Questionnaire"
      data-testid="questionnaire"
    >
      <ol className="stack flush question-list">
        {questions.map((q) => {
          const value = answers[q.id] ?? '';
          return (
            <li key={q.id} data-testid={`question-${q.id}`}>
              <div className="strong">
                {q.prompt}
                {!q.required && <span className="muted small"> (optional)</span>}
              </div>
              {readOnly ? (
                <div className={value ? 'pre-line' : 'muted pre-line'}>
                  {value
                    ? q.kind === 'yes_no'
                      ? value === 'yes'
                        ? 'Yes'
                        : 'No'
                      : value
                    : 'Not answered'}
                </div>
              ) : q.kind === 'yes_no' ? (
                <div className="row mt-4" role="radiogroup" aria-label={q.prompt}>
                  {(['yes', 'no'] as const).map((v) => (
                    <Radio
                      key={v}
                      labelClassName="small"
                      name={q.id}
                      value={v}
                      checked={value === v}
                      onChange={() => set(q.id, v)}
                      label={v === 'yes' ? 'Yes' : 'No'}
                    />
                  ))}
                </div>
              ) : (
                <Textarea
                  name={q.id}
                  aria-label={q.prompt}
                  rows={2}
                  maxLength={5000}
                  className="answer-text"
                  value={value}
                  onChange={(e) => set(q.id, e.target.value)}
                />
              )}
            </li>
          );
        })}
      </ol>
      {!readOnly && (
        <div className="row">
          <Button variant="primary" type="submit" busy={save.pending} busyLabel="Saving…">
            Save answers
          </Button>
          <span className={`small ${missing > 0 ? 'muted' : ''}`} data-testid="unanswered">
            {missing === 0
              ? 'Every required question is answered.'
              : `${missing} required ${missing === 1 ? 'question' : 'questions'} left.`}
          </span>
          {dirty && !save.pending && <Badge tone="warn">Unsaved changes</Badge>}
          {save.done && !dirty && (
            <Badge tone="ok" role="status">
              Saved
            </Badge>
          )}
          <FormMessage message={save.message} inline />
        </div>
      )}
    </form>
  );
}
