import { describe, expect, it } from 'vitest';
import {
  cleanAnswers,
  DEFAULT_REVIEW_QUESTIONS,
  questionIdFor,
  questionSetSchema,
  readQuestionSet,
  unansweredQuestions,
} from './questionnaire';

describe('vendor review questionnaire', () => {
  it('ships a valid default set', () => {
    expect(questionSetSchema.safeParse(DEFAULT_REVIEW_QUESTIONS).success).toBe(true);
    expect(readQuestionSet(null)).toBe(DEFAULT_REVIEW_QUESTIONS);
    expect(readQuestionSet([{ id: 'BAD ID' }])).toBe(DEFAULT_REVIEW_QUESTIONS);
  });

  it('refuses duplicate ids and an empty set', () => {
    const q = { id: 'a', prompt: 'A question?', kind: 'text' as const, required: true };
    expect(questionSetSchema.safeParse([q, q]).success).toBe(false);
    expect(questionSetSchema.safeParse([]).success).toBe(false);
  });

  it('keeps answers to asked questions and checks yes/no', () => {
    const qs = DEFAULT_REVIEW_QUESTIONS;
    expect(cleanAnswers(qs, { mfa_everywhere: 'yes', data_location: '  ' })).toEqual({
      ok: true,
      answers: { mfa_everywhere: 'yes' },
    });
    expect(cleanAnswers(qs, { mfa_everywhere: 'maybe' }).ok).toBe(false);
    expect(cleanAnswers(qs, { not_asked: 'x' }).ok).toBe(false);
  });

  it('lists required questions without answers', () => {
    const all = Object.fromEntries(DEFAULT_REVIEW_QUESTIONS.map((q) => [q.id, 'yes']));
    expect(unansweredQuestions(DEFAULT_REVIEW_QUESTIONS, all)).toEqual([]);
    const { incidents_last_year: _optional, mfa_everywhere: _m, ...rest } = all;
    expect(unansweredQuestions(DEFAULT_REVIEW_QUESTIONS, rest).map((q) => q.id)).toEqual([
      'mfa_everywhere',
    ]);
  });

  it('derives unique ids from prompts', () => {
    expect(questionIdFor('Do you encrypt backups?', [])).toBe('do_you_encrypt_backups');
    expect(questionIdFor('Do you encrypt backups?', ['do_you_encrypt_backups'])).toBe(
      'do_you_encrypt_backups_2',
    );
    expect(questionIdFor('???', [])).toBe('question');
  });
});
