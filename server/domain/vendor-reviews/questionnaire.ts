import { z } from 'zod';

/**
 * The vendor review questionnaire (docs/PRODUCT.md §Vendor reviews): a default question set every
 * organization starts with, editable per organization; a review keeps the questions it was
 * started with, so later edits never change what a reviewer answered.
 */
export const QUESTION_KINDS = ['yes_no', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const questionSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, 'Question ids are 1–40 lower-case letters, digits or underscores'),
  prompt: z
    .string()
    .trim()
    .min(5, 'Write the question (at least 5 characters)')
    .max(500, 'Questions stop at 500 characters'),
  kind: z.enum(QUESTION_KINDS, 'Choose yes / no or free text'),
  required: z.boolean().default(true),
});
export type Question = z.infer<typeof questionSchema>;

export const questionSetSchema = z
  .array(questionSchema)
  .min(1, 'Keep at least one question')
  .max(60, 'At most 60 questions')
  .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, {
    message: 'Two questions share an id',
  });

export const DEFAULT_REVIEW_QUESTIONS: Question[] = [
  {
    id: 'security_contact',
    prompt: 'Who is the vendor’s security contact, and how are incidents reported to us?',
    kind: 'text',
    required: true,
  },
  {
    id: 'independent_audit',
    prompt: 'Does the vendor hold a current independent audit (SOC 2 Type II, ISO 27001)?',
    kind: 'yes_no',
    required: true,
  },
  {
    id: 'background_checks',
    prompt: 'Are all staff with access to our systems or data background-checked before access?',
    kind: 'yes_no',
    required: true,
  },
  {
    id: 'mfa_everywhere',
    prompt: 'Is multi-factor authentication enforced for every account that reaches our systems?',
    kind: 'yes_no',
    required: true,
  },
  {
    id: 'access_offboarding',
    prompt: 'Is access removed within one business day when vendor staff leave or change roles?',
    kind: 'yes_no',
    required: true,
  },
  {
    id: 'data_location',
    prompt: 'Where is our data stored and processed (countries, sub-processors)?',
    kind: 'text',
    required: true,
  },
  {
    id: 'anti_bribery_training',
    prompt:
      'Are staff trained to recognise and report approaches offering money for data or access?',
    kind: 'yes_no',
    required: true,
  },
  {
    id: 'incidents_last_year',
    prompt: 'Any security incidents or regulatory findings in the last 12 months? Describe them.',
    kind: 'text',
    required: false,
  },
];

/** Answers by question id: `yes` / `no` for yes-no questions, free text otherwise. */
export const answersSchema = z.record(
  z.string().regex(/^[a-z0-9_]{1,40}$/),
  z.string().trim().max(5000, 'Answers stop at 5000 characters'),
);
export type Answers = z.infer<typeof answersSchema>;

/** Reads a stored question set; an organization without one uses the default. */
export function readQuestionSet(stored: unknown): Question[] {
  const parsed = questionSetSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_REVIEW_QUESTIONS;
}

/** Keeps answers to the review's questions only, with yes-no answers checked. */
export function cleanAnswers(
  questions: readonly Question[],
  answers: Answers,
): { ok: true; answers: Answers } | { ok: false; message: string } {
  const out: Answers = {};
  for (const q of questions) {
    const value = answers[q.id]?.trim() ?? '';
    if (value === '') continue;
    if (q.kind === 'yes_no' && value !== 'yes' && value !== 'no')
      return { ok: false, message: `Answer “${q.prompt}” with yes or no.` };
    out[q.id] = value;
  }
  const unknown = Object.keys(answers).filter((id) => !questions.some((q) => q.id === id));
  if (unknown.length > 0)
    return { ok: false, message: 'Some answers are for questions this review does not ask.' };
  return { ok: true, answers: out };
}

/** Required questions still without an answer (submitting for decision needs none). */
export function unansweredQuestions(questions: readonly Question[], answers: Answers): Question[] {
  return questions.filter((q) => q.required && !answers[q.id]?.trim());
}

/** A stable id for a new question from its prompt, unique within the set. */
export function questionIdFor(prompt: string, taken: readonly string[]): string {
  const base =
    prompt
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 32) || 'question';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}_${n}`;
  return id;
}
