'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import {
  DEFAULT_REVIEW_QUESTIONS,
  questionIdFor,
  QUESTION_KINDS,
  type Question,
  type QuestionKind,
} from '@/server/domain/vendor-reviews/questionnaire';

const KIND_LABELS: Record<QuestionKind, string> = { yes_no: 'Yes / no', text: 'Free text' };

/** Edits the organization's vendor review questions; started reviews keep the set they began with. */
export function QuestionnaireEditor({
  initial,
  readOnly,
}: {
  initial: Question[];
  readOnly: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [questions, setQuestions] = useState<Question[]>(initial);
  const [draft, setDraft] = useState('');
  const save = useMutation(
    trpc.vendorReviews.updateQuestionnaire.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const problems = questions.map((q) =>
    q.prompt.trim().length < 5 ? 'Write the question (at least 5 characters)' : null,
  );
  const invalid = problems.some(Boolean) || questions.length === 0;

  const update = (i: number, change: Partial<Question>) =>
    setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...change } : q)));
  const move = (i: number, by: number) =>
    setQuestions((qs) => {
      const next = [...qs];
      const [q] = next.splice(i, 1);
      next.splice(i + by, 0, q!);
      return next;
    });
  function add() {
    if (draft.trim().length < 5) return;
    setQuestions((qs) => [
      ...qs,
      {
        id: questionIdFor(
          draft,
          qs.map((q) => q.id),
        ),
        prompt: draft.trim(),
        kind: 'yes_no',
        required: true,
      },
    ]);
    setDraft('');
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!invalid) save.mutate({ questions });
  }

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Review questionnaire">
      <ol
        className="stack"
        style={{ paddingLeft: 18, margin: 0 }}
        data-testid="questionnaire-editor"
      >
        {questions.map((q, i) => (
          <li key={q.id}>
            {readOnly ? (
              <div>
                {q.prompt}{' '}
                <span className="muted small">
                  ({KIND_LABELS[q.kind]}
                  {q.required ? ', required' : ', optional'})
                </span>
              </div>
            ) : (
              <div className="stack" style={{ gap: 4 }}>
                <input
                  aria-label={`Question ${i + 1}`}
                  value={q.prompt}
                  maxLength={500}
                  onChange={(e) => update(i, { prompt: e.target.value })}
                  aria-invalid={problems[i] ? true : undefined}
                />
                {problems[i] && <span className="field-error">{problems[i]}</span>}
                <div className="row small">
                  <select
                    aria-label={`Answer type for question ${i + 1}`}
                    value={q.kind}
                    onChange={(e) => update(i, { kind: e.target.value as QuestionKind })}
                  >
                    {QUESTION_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {KIND_LABELS[k]}
                      </option>
                    ))}
                  </select>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={q.required}
                      onChange={(e) => update(i, { required: e.target.checked })}
                    />
                    Required
                  </label>
                  <button
                    className="btn btn-small"
                    type="button"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    Up
                  </button>
                  <button
                    className="btn btn-small"
                    type="button"
                    disabled={i === questions.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    Down
                  </button>
                  <button
                    className="btn btn-small btn-danger"
                    type="button"
                    disabled={questions.length === 1}
                    onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}
                  >
                    Remove
                  </button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <>
          <div className="row">
            <input
              aria-label="New question"
              placeholder="Add a question, e.g. Are backups encrypted and tested?"
              value={draft}
              maxLength={500}
              style={{ flex: 1 }}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <button className="btn" type="button" onClick={add} disabled={draft.trim().length < 5}>
              Add question
            </button>
          </div>
          <div className="row">
            <button className="btn btn-primary" type="submit" disabled={save.isPending || invalid}>
              {save.isPending ? 'Saving…' : 'Save questionnaire'}
            </button>
            <button
              className="btn"
              type="button"
              onClick={() => setQuestions(DEFAULT_REVIEW_QUESTIONS)}
            >
              Restore the default questions
            </button>
            {save.isSuccess && (
              <span className="badge badge-ok" role="status">
                Saved: new reviews ask these questions
              </span>
            )}
            {save.error && (
              <span className="field-error" role="alert">
                {save.error.message}
              </span>
            )}
          </div>
        </>
      )}
    </form>
  );
}
