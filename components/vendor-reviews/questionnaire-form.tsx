'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
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
  const router = useRouter();
  const [answers, setAnswers] = useState<Answers>(initial);
  const [dirty, setDirty] = useState(false);
  const save = useMutation(
    trpc.vendorReviews.saveAnswers.mutationOptions({
      onSuccess: () => {
        setDirty(false);
        router.refresh();
      },
    }),
  );
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
      <ol className="stack" style={{ paddingLeft: 18, margin: 0, gap: 14 }}>
        {questions.map((q) => {
          const value = answers[q.id] ?? '';
          return (
            <li key={q.id} data-testid={`question-${q.id}`}>
              <div style={{ fontWeight: 600 }}>
                {q.prompt}
                {!q.required && <span className="muted small"> (optional)</span>}
              </div>
              {readOnly ? (
                <div className={value ? '' : 'muted'} style={{ whiteSpace: 'pre-line' }}>
                  {value
                    ? q.kind === 'yes_no'
                      ? value === 'yes'
                        ? 'Yes'
                        : 'No'
                      : value
                    : 'Not answered'}
                </div>
              ) : q.kind === 'yes_no' ? (
                <div
                  className="row"
                  role="radiogroup"
                  aria-label={q.prompt}
                  style={{ marginTop: 4 }}
                >
                  {(['yes', 'no'] as const).map((v) => (
                    <label key={v} className="check small">
                      <input
                        type="radio"
                        name={q.id}
                        value={v}
                        checked={value === v}
                        onChange={() => set(q.id, v)}
                      />
                      {v === 'yes' ? 'Yes' : 'No'}
                    </label>
                  ))}
                </div>
              ) : (
                <textarea
                  name={q.id}
                  aria-label={q.prompt}
                  rows={2}
                  maxLength={5000}
                  style={{ width: '100%', maxWidth: 720, marginTop: 4 }}
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
          <button className="btn btn-primary" type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save answers'}
          </button>
          <span className={`small ${missing > 0 ? 'muted' : ''}`} data-testid="unanswered">
            {missing === 0
              ? 'Every required question is answered.'
              : `${missing} required ${missing === 1 ? 'question' : 'questions'} left.`}
          </span>
          {dirty && !save.isPending && <span className="badge badge-warn">Unsaved changes</span>}
          {save.isSuccess && !dirty && (
            <span className="badge badge-ok" role="status">
              Saved
            </span>
          )}
          {save.error && (
            <span className="field-error" role="alert">
              {save.error.message}
            </span>
          )}
        </div>
      )}
    </form>
  );
}
