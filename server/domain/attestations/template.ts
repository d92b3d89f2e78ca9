import { z } from 'zod';

/**
 * Attestation templates (docs/PRODUCT.md §Attestation templates): a markdown body and questions.
 * A question may say which answers disclose something compliance must hear about (an approach,
 * an offer, a conflict); such an answer raises an `attestation_disclosure` signal.
 */
export const QUESTION_KINDS = ['yes_no', 'text', 'choice'] as const;
export const DISCLOSURE_KINDS = ['approach', 'offer', 'conflict', 'control_gap'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

const questionId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Question ids are lower-case letters, digits and _');

export const questionSchema = z
  .strictObject({
    id: questionId,
    kind: z.enum(QUESTION_KINDS),
    prompt: z
      .string()
      .trim()
      .min(5, 'Write the question (at least 5 characters)')
      .max(500, 'Keep the question under 500 characters'),
    required: z.boolean().default(true),
    options: z.array(z.string().trim().min(1).max(120)).min(2).max(12).optional(),
    /** The answers that disclose, and what they disclose. */
    discloses: z
      .strictObject({
        when: z.array(z.string().min(1).max(120)).min(1),
        kind: z.enum(DISCLOSURE_KINDS),
      })
      .optional(),
    /** A text question shown only when this yes/no question was answered "yes" (details). */
    detailsFor: questionId.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.kind === 'choice' && !q.options)
      ctx.addIssue({ code: 'custom', message: `${q.id}: a choice question needs options` });
    if (q.kind !== 'choice' && q.options)
      ctx.addIssue({ code: 'custom', message: `${q.id}: only choice questions have options` });
    const allowed = q.kind === 'yes_no' ? ['yes', 'no'] : (q.options ?? null);
    for (const a of q.discloses?.when ?? [])
      if (allowed && !allowed.includes(a))
        ctx.addIssue({ code: 'custom', message: `${q.id}: "${a}" is not a possible answer` });
    if (q.kind === 'text' && q.discloses)
      ctx.addIssue({ code: 'custom', message: `${q.id}: free text cannot disclose by value` });
  });
export type Question = z.output<typeof questionSchema>;

export const templateSchema = z
  .strictObject({
    title: z.string().trim().min(3, 'Give the template a title').max(160, 'Title is too long'),
    body: z
      .string()
      .trim()
      .min(10, 'Write the text people read (at least 10 characters)')
      .max(20_000, 'Keep the text under 20,000 characters'),
    questions: z
      .array(questionSchema)
      .min(1, 'Ask at least one question')
      .max(40, 'At most 40 questions'),
  })
  .superRefine((t, ctx) => {
    const ids = new Set<string>();
    for (const q of t.questions) {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', message: `Duplicate question id ${q.id}` });
      ids.add(q.id);
    }
    for (const q of t.questions)
      if (q.detailsFor && !t.questions.some((o) => o.id === q.detailsFor && o.kind === 'yes_no'))
        ctx.addIssue({
          code: 'custom',
          message: `${q.id}: detailsFor must name a yes/no question`,
        });
  });
export type AttestationTemplate = z.output<typeof templateSchema>;
export type Answers = Record<string, string>;

/** Checks answers against the template: every required question answered with a valid value. */
export function validateAnswers(
  template: AttestationTemplate,
  answers: Readonly<Record<string, unknown>>,
): { ok: true; answers: Answers } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const clean: Answers = {};
  for (const key of Object.keys(answers))
    if (!template.questions.some((q) => q.id === key)) errors[key] = 'Not a question of this form';
  for (const q of template.questions) {
    const raw = answers[q.id];
    const value = typeof raw === 'string' ? raw.trim() : '';
    // Details are needed only when the question they explain was answered yes.
    const needed =
      q.required && (!q.detailsFor || (answers[q.detailsFor] as string | undefined) === 'yes');
    if (value === '') {
      if (needed) errors[q.id] = 'Answer this question';
      continue;
    }
    if (raw !== undefined && typeof raw !== 'string') errors[q.id] = 'Answer with text';
    else if (q.kind === 'yes_no' && value !== 'yes' && value !== 'no')
      errors[q.id] = 'Answer yes or no';
    else if (q.kind === 'choice' && !q.options!.includes(value))
      errors[q.id] = 'Pick one of the options';
    else if (value.length > 4000) errors[q.id] = 'Keep the answer under 4,000 characters';
    else clean[q.id] = value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers: clean };
}

export interface Disclosure {
  questionId: string;
  kind: DisclosureKind;
  prompt: string;
  answer: string;
  /** The text the person wrote to explain it, when the form asked for one. */
  details: string | null;
}

/** The answers that disclose an approach, offer, conflict or control gap. */
export function findDisclosures(template: AttestationTemplate, answers: Answers): Disclosure[] {
  const out: Disclosure[] = [];
  for (const q of template.questions) {
    const answer = answers[q.id];
    if (!q.discloses || answer === undefined || !q.discloses.when.includes(answer)) continue;
    const detailsQuestion = template.questions.find((d) => d.detailsFor === q.id);
    out.push({
      questionId: q.id,
      kind: q.discloses.kind,
      prompt: q.prompt,
      answer,
      details: detailsQuestion ? (answers[detailsQuestion.id] ?? null) : null,
    });
  }
  return out;
}
