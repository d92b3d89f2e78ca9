'use client';

import { Button } from '@/components/ui/button';
import { Checkbox, Input, Options, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { DISCLOSURE_KINDS, QUESTION_KINDS } from '@/server/domain/attestations/template';

/** A question as the template editor holds it: lists as typed, split on save. */
export interface DraftQuestion {
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

/** One question of a template: id, kind, prompt, options, what it discloses or details. */
export function TemplateQuestionFields({
  n,
  question: q,
  questions,
  onPatch,
  onMoveUp,
  onRemove,
}: {
  /** Its index (0-based). */
  n: number;
  question: DraftQuestion;
  /** Every question, for "details for". */
  questions: DraftQuestion[];
  onPatch: (over: Partial<DraftQuestion>) => void;
  onMoveUp: () => void;
  onRemove: () => void;
}) {
  return (
    <fieldset className="card stack" aria-label={`Question ${n + 1}`}>
      <div className="form-grid">
        <Field label="Id">
          <Input value={q.id} onChange={(e) => onPatch({ id: e.target.value })} />
        </Field>
        <Field label="Kind">
          <Select
            value={q.kind}
            onChange={(e) => onPatch({ kind: e.target.value as DraftQuestion['kind'] })}
          >
            <Options values={QUESTION_KINDS} labelOf={(k) => KIND_LABELS[k]} />
          </Select>
        </Field>
        <Checkbox
          checked={q.required}
          onChange={(e) => onPatch({ required: e.target.checked })}
          label="Required"
        />
      </div>
      <Field label="Question">
        <Input value={q.prompt} onChange={(e) => onPatch({ prompt: e.target.value })} />
      </Field>
      {q.kind === 'choice' && (
        <Field label="Options (comma-separated)">
          <Input value={q.options} onChange={(e) => onPatch({ options: e.target.value })} />
        </Field>
      )}
      {q.kind !== 'text' ? (
        <div className="form-grid">
          <Field label="Discloses">
            <Select
              value={q.disclosesKind}
              onChange={(e) =>
                onPatch({ disclosesKind: e.target.value as DraftQuestion['disclosesKind'] })
              }
            >
              <option value="">Nothing</option>
              <Options values={DISCLOSURE_KINDS} labelOf={(k) => k.replace('_', ' ')} />
            </Select>
          </Field>
          {q.disclosesKind && (
            <Field label="When answered (comma-separated)">
              <Input
                value={q.disclosesWhen}
                onChange={(e) => onPatch({ disclosesWhen: e.target.value })}
                placeholder={q.kind === 'yes_no' ? 'yes' : 'one of the options'}
              />
            </Field>
          )}
        </div>
      ) : (
        <Field label="Details for (shown only after a yes to)">
          <Select value={q.detailsFor} onChange={(e) => onPatch({ detailsFor: e.target.value })}>
            <option value="">Always shown</option>
            {questions
              .filter((o) => o.kind === 'yes_no' && o.id)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.id}
                </option>
              ))}
          </Select>
        </Field>
      )}
      <div className="row">
        <Button size="small" disabled={n === 0} onClick={onMoveUp}>
          Move up
        </Button>
        <Button variant="danger" size="small" onClick={onRemove}>
          Remove
        </Button>
      </div>
    </fieldset>
  );
}
