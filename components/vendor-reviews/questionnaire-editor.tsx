'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox, Input, Options, Select } from '@/components/ui/controls';
import { FieldError } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
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
  const [questions, setQuestions] = useState<Question[]>(initial);
  const [draft, setDraft] = useState('');
  const save = useFormMutation(trpc.vendorReviews.updateQuestionnaire.mutationOptions(), {
    refresh: true,
  });
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
      <ol className="stack flush indent" data-testid="questionnaire-editor">
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
              <div className="stack gap-4">
                <Input
                  aria-label={`Question ${i + 1}`}
                  value={q.prompt}
                  maxLength={500}
                  onChange={(e) => update(i, { prompt: e.target.value })}
                  aria-invalid={problems[i] ? true : undefined}
                />
                <FieldError message={problems[i]} />
                <div className="row small">
                  <Select
                    aria-label={`Answer type for question ${i + 1}`}
                    value={q.kind}
                    onChange={(e) => update(i, { kind: e.target.value as QuestionKind })}
                  >
                    <Options values={QUESTION_KINDS} labelOf={(k) => KIND_LABELS[k]} />
                  </Select>
                  <Checkbox
                    checked={q.required}
                    onChange={(e) => update(i, { required: e.target.checked })}
                    label="Required"
                  />
                  <Button size="small" disabled={i === 0} onClick={() => move(i, -1)}>
                    Up
                  </Button>
                  <Button
                    size="small"
                    disabled={i === questions.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    Down
                  </Button>
                  <Button
                    variant="danger"
                    size="small"
                    disabled={questions.length === 1}
                    onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}
                  >
                    Remove
                  </Button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <>
          <div className="row">
            <Input
              aria-label="New question"
              placeholder="Add a question, e.g. Are backups encrypted and tested?"
              value={draft}
              maxLength={500}
              className="grow"
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <Button onClick={add} disabled={draft.trim().length < 5}>
              Add question
            </Button>
          </div>
          <div className="row">
            <Button
              variant="primary"
              type="submit"
              busy={save.pending}
              busyLabel="Saving…"
              disabled={invalid}
            >
              Save questionnaire
            </Button>
            <Button onClick={() => setQuestions(DEFAULT_REVIEW_QUESTIONS)}>
              Restore the default questions
            </Button>
            {save.done && (
              <Badge tone="ok" role="status">
                Saved: new reviews ask these questions
              </Badge>
            )}
            <FormMessage message={save.message} inline />
          </div>
        </>
      )}
    </form>
  );
}
