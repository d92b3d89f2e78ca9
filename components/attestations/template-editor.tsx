'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import {
  DISCLOSURE_KINDS,
  QUESTION_KINDS,
  templateSchema,
  type AttestationTemplate,
} from '@/server/domain/attestations/template';
import { Markdown } from './markdown';

interface DraftQuestion {
  id: string;
  kind: (typeof QUESTION_KINDS)[number];
  prompt: string;
  required: boolean;
  options: string;
  disclosesWhen: string;
  disclosesKind: '' | (typeof DISCLOSURE_KINDS)[number];
  detailsFor: string;
}

const KIND_LABELS = { yes_no: 'Yes / no', text: 'Text', choice: 'Choice' } as const;
const list = (s: string) =>
  s
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean);

function toDraft(t: AttestationTemplate): DraftQuestion[] {
  return t.questions.map((q) => ({
    id: q.id,
    kind: q.kind,
    prompt: q.prompt,
    required: q.required,
    options: (q.options ?? []).join(', '),
    disclosesWhen: (q.discloses?.when ?? []).join(', '),
    disclosesKind: q.discloses?.kind ?? '',
    detailsFor: q.detailsFor ?? '',
  }));
}

function fromDraft(title: string, body: string, qs: DraftQuestion[]) {
  return {
    title,
    body,
    questions: qs.map((q) => ({
      id: q.id.trim(),
      kind: q.kind,
      prompt: q.prompt,
      required: q.required,
      ...(q.kind === 'choice' ? { options: list(q.options) } : {}),
      ...(q.disclosesKind && q.kind !== 'text'
        ? { discloses: { when: list(q.disclosesWhen), kind: q.disclosesKind } }
        : {}),
      ...(q.kind === 'text' && q.detailsFor ? { detailsFor: q.detailsFor } : {}),
    })),
  };
}

/** Edit a template: markdown body with preview, and the questions; checked as you type. */
export function TemplateEditor({
  templateId,
  initial,
}: {
  templateId?: string;
  initial: AttestationTemplate;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState(initial.body);
  const [questions, setQuestions] = useState<DraftQuestion[]>(toDraft(initial));
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation(
    trpc.attestations.saveTemplate.mutationOptions({
      onSuccess: ({ id }) => {
        router.push(`/attestations/templates/${id}?saved=1`);
        router.refresh();
      },
    }),
  );
  const candidate = fromDraft(title, body, questions);
  const checked = templateSchema.safeParse(candidate);
  const issues = checked.success
    ? []
    : checked.error.issues.map((i) => {
        // "Question 2: …" rather than "questions.1.prompt: …".
        const [field, n] = i.path;
        const where =
          field === 'questions' && typeof n === 'number'
            ? `Question ${n + 1}: `
            : typeof field === 'string' && field !== 'questions'
              ? `${field[0]!.toUpperCase()}${field.slice(1)}: `
              : '';
        return `${where}${i.message}`;
      });

  const patch = (n: number, over: Partial<DraftQuestion>) =>
    setQuestions((qs) => qs.map((q, i) => (i === n ? { ...q, ...over } : q)));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (!checked.success) return;
    save.mutate({ templateId, template: checked.data });
  }

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Template">
      <label>
        Title
        <input
          name="title"
          value={title}
          maxLength={160}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <div className="grid cols-2">
        <label>
          Body (markdown)
          <textarea
            name="body"
            rows={14}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            style={{ fontFamily: 'var(--mono, monospace)' }}
          />
        </label>
        <div>
          <div className="small muted">Preview, as signers see it</div>
          <div className="card mt-4" data-testid="markdown-preview">
            <Markdown source={body} />
          </div>
        </div>
      </div>
      <h2 style={{ fontSize: '1rem', margin: '8px 0 0' }}>Questions</h2>
      {questions.map((q, n) => (
        <fieldset key={n} className="card stack" aria-label={`Question ${n + 1}`}>
          <div className="form-grid">
            <label>
              Id
              <input value={q.id} onChange={(e) => patch(n, { id: e.target.value })} />
            </label>
            <label>
              Kind
              <select
                value={q.kind}
                onChange={(e) => patch(n, { kind: e.target.value as DraftQuestion['kind'] })}
              >
                {QUESTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={q.required}
                onChange={(e) => patch(n, { required: e.target.checked })}
              />
              Required
            </label>
          </div>
          <label>
            Question
            <input value={q.prompt} onChange={(e) => patch(n, { prompt: e.target.value })} />
          </label>
          {q.kind === 'choice' && (
            <label>
              Options (comma-separated)
              <input value={q.options} onChange={(e) => patch(n, { options: e.target.value })} />
            </label>
          )}
          {q.kind !== 'text' ? (
            <div className="form-grid">
              <label>
                Discloses
                <select
                  value={q.disclosesKind}
                  onChange={(e) =>
                    patch(n, { disclosesKind: e.target.value as DraftQuestion['disclosesKind'] })
                  }
                >
                  <option value="">Nothing</option>
                  {DISCLOSURE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {k.replace('_', ' ')}
                    </option>
                  ))}
                </select>
              </label>
              {q.disclosesKind && (
                <label>
                  When answered (comma-separated)
                  <input
                    value={q.disclosesWhen}
                    onChange={(e) => patch(n, { disclosesWhen: e.target.value })}
                    placeholder={q.kind === 'yes_no' ? 'yes' : 'one of the options'}
                  />
                </label>
              )}
            </div>
          ) : (
            <label>
              Details for (shown only after a yes to)
              <select
                value={q.detailsFor}
                onChange={(e) => patch(n, { detailsFor: e.target.value })}
              >
                <option value="">Always shown</option>
                {questions
                  .filter((o) => o.kind === 'yes_no' && o.id)
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.id}
                    </option>
                  ))}
              </select>
            </label>
          )}
          <div className="row">
            <button
              type="button"
              className="btn btn-small"
              disabled={n === 0}
              onClick={() =>
                setQuestions((qs) => {
                  const next = [...qs];
                  [next[n - 1], next[n]] = [next[n]!, next[n - 1]!];
                  return next;
                })
              }
            >
              Move up
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger"
              onClick={() => setQuestions((qs) => qs.filter((_, i) => i !== n))}
            >
              Remove
            </button>
          </div>
        </fieldset>
      ))}
      <div className="row">
        <button
          type="button"
          className="btn"
          onClick={() =>
            setQuestions((qs) => [
              ...qs,
              {
                id: `question_${qs.length + 1}`,
                kind: 'yes_no',
                prompt: '',
                required: true,
                options: '',
                disclosesWhen: '',
                disclosesKind: '',
                detailsFor: '',
              },
            ])
          }
        >
          Add a question
        </button>
      </div>
      {(submitted || issues.length > 0) && issues.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="template-issues">
          Fix before saving:
          <ul className="flush mt-4">
            {issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        </div>
      )}
      {save.error && (
        <div className="alert alert-error" role="alert">
          {save.error.message}
        </div>
      )}
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : templateId ? 'Save as a new version' : 'Create template'}
        </button>
      </div>
    </form>
  );
}
