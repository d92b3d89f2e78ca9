import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './default-templates';
import { findDisclosures, templateSchema, validateAnswers } from './template';

const antiBribery = DEFAULT_TEMPLATES.anti_bribery;

describe('attestation templates', () => {
  it('ships four valid default templates', () => {
    expect(Object.keys(DEFAULT_TEMPLATES).sort()).toEqual([
      'acceptable_use',
      'anti_bribery',
      'conflict_of_interest',
      'vendor_security_controls',
    ]);
    for (const t of Object.values(DEFAULT_TEMPLATES))
      expect(t.questions.some((q) => q.discloses)).toBe(true);
  });

  it('refuses a malformed template with the reason', () => {
    const bad = templateSchema.safeParse({
      title: 'Bad',
      body: 'A body long enough',
      questions: [
        { id: 'a', kind: 'choice', prompt: 'Pick one please' },
        {
          id: 'a',
          kind: 'yes_no',
          prompt: 'Again the same id',
          discloses: { when: ['maybe'], kind: 'offer' },
        },
        { id: 'b', kind: 'text', prompt: 'Details here', detailsFor: 'zzz' },
      ],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message).join(' | ');
    expect(messages).toMatch(/needs options/);
    expect(messages).toMatch(/"maybe" is not a possible answer/);
    expect(messages).toMatch(/Duplicate question id a/);
    expect(messages).toMatch(/detailsFor must name a yes\/no question/);
  });
});

describe('validateAnswers', () => {
  const clean = { read_policy: 'yes', approached: 'no', offered: 'no' };

  it('accepts complete answers; details are needed only after a yes', () => {
    expect(validateAnswers(antiBribery, clean)).toEqual({ ok: true, answers: clean });
    const yes = validateAnswers(antiBribery, { ...clean, approached: 'yes' });
    expect(yes).toEqual({ ok: false, errors: { approached_details: 'Answer this question' } });
  });

  it('names every bad answer and refuses unknown keys', () => {
    const r = validateAnswers(antiBribery, {
      read_policy: 'maybe',
      approached: 7,
      extra: 'x',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      extra: 'Not a question of this form',
      read_policy: 'Answer yes or no',
      approached: 'Answer this question',
      offered: 'Answer this question',
    });
    const choice = validateAnswers(DEFAULT_TEMPLATES.vendor_security_controls, {
      background_checks: 'Everyone',
      offboarding_24h: 'yes',
      subcontracting: 'no',
    });
    expect(choice).toEqual({ ok: false, errors: { background_checks: 'Pick one of the options' } });
  });
});

describe('findDisclosures', () => {
  it('reports an approach with its details, and nothing for a clean form', () => {
    expect(
      findDisclosures(antiBribery, { read_policy: 'yes', approached: 'no', offered: 'no' }),
    ).toEqual([]);
    const found = findDisclosures(antiBribery, {
      read_policy: 'yes',
      approached: 'yes',
      approached_details: 'Telegram recruiter offered $2,000 for a customer export',
      offered: 'no',
    });
    expect(found).toEqual([
      expect.objectContaining({
        questionId: 'approached',
        kind: 'approach',
        answer: 'yes',
        details: 'Telegram recruiter offered $2,000 for a customer export',
      }),
    ]);
  });

  it('treats a control gap answer as a disclosure too', () => {
    const found = findDisclosures(DEFAULT_TEMPLATES.vendor_security_controls, {
      background_checks: 'Some',
      offboarding_24h: 'yes',
      subcontracting: 'no',
    });
    expect(found.map((d) => [d.questionId, d.kind])).toEqual([
      ['background_checks', 'control_gap'],
    ]);
  });
});
