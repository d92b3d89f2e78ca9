'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Textarea } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { templateSchema, type AttestationTemplate } from '@/server/domain/attestations/template';
import { Markdown } from './markdown';
import { TemplateQuestionFields, type DraftQuestion } from './template-question-fields';
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
  const save = useFormMutation(trpc.attestations.saveTemplate.mutationOptions(), {
    onSuccess: ({ id }) => router.push(`/attestations/templates/${id}?saved=1`),
    refresh: true,
  });
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
      <Field label="Title">
        <Input
          name="title"
          value={title}
          maxLength={160}
          onChange={(e) => setTitle(e.target.value)}
        />
      </Field>
      <div className="grid cols-2">
        <Field label="Body (markdown)">
          <Textarea
            name="body"
            rows={14}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            className="code-input"
          />
        </Field>
        <div>
          <div className="small muted">Preview, as signers see it</div>
          <div className="card mt-4" data-testid="markdown-preview">
            <Markdown source={body} />
          </div>
        </div>
      </div>
      <h2 className="editor-heading">Questions</h2>
      {questions.map((q, n) => (
        <TemplateQuestionFields
          key={n}
          n={n}
          question={q}
          questions={questions}
          onPatch={(over) => patch(n, over)}
          onMoveUp={() =>
            setQuestions((qs) => {
              const next = [...qs];
              [next[n - 1], next[n]] = [next[n]!, next[n - 1]!];
              return next;
            })
          }
          onRemove={() => setQuestions((qs) => qs.filter((_, i) => i !== n))}
        />
      ))}
      <div className="row">
        <Button
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
        </Button>
      </div>
      {(submitted || issues.length > 0) && issues.length > 0 && (
        <Alert tone="error" role="alert" testId="template-issues">
          Fix before saving:
          <ul className="flush mt-4">
            {issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        </Alert>
      )}
      <FormMessage message={save.message} />
      <div className="row">
        <Button variant="primary" type="submit" busy={save.pending} busyLabel="Saving…">
          {templateId ? 'Save as a new version' : 'Create template'}
        </Button>
      </div>
    </form>
  );
}
