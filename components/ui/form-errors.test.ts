import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldMessage, firstPerPath, formLevelMessage, issuesOf } from './form-errors';

const schema = z.object({
  name: z.string().min(2, 'Too short'),
  identifiers: z
    .array(z.object({ value: z.string().min(1, 'Empty identifier') }))
    .max(3, 'Too many'),
});

function issues(input: unknown) {
  const checked = schema.safeParse(input);
  return checked.success ? [] : issuesOf(checked.error.issues);
}

describe('form errors', () => {
  it('joins issue paths with dots and keeps the first message per path', () => {
    const found = issues({ name: '', identifiers: [{ value: '' }, { value: '' }] });
    expect(found.map((i) => i.path)).toEqual([
      'name',
      'identifiers.0.value',
      'identifiers.1.value',
    ]);
    expect(firstPerPath([...found, { path: 'name', message: 'Later' }]).name).toBe('Too short');
  });

  it('shows at a field the client problem at its path or below it, else the server one', () => {
    const found = issues({ name: 'ok', identifiers: [{ value: '' }] });
    expect(fieldMessage('identifiers', found, {})).toBe('Empty identifier');
    expect(fieldMessage('identifiers.0.value', found, {})).toBe('Empty identifier');
    // A path that only shares a prefix is not "below".
    expect(fieldMessage('ident', found, {})).toBeUndefined();
    expect(fieldMessage('name', found, { name: ['Taken', 'Other'] })).toBe('Taken');
    expect(fieldMessage('name', [], {})).toBeUndefined();
  });

  it('keeps the form-level message off while a listed field shows its own', () => {
    const error = { message: 'Reason is required' };
    expect(formLevelMessage(null, {})).toBeNull();
    expect(formLevelMessage(error, { reason: ['Required'] })).toBe('Reason is required');
    expect(formLevelMessage(error, { reason: ['Required'] }, ['reason'])).toBeNull();
    expect(formLevelMessage(error, { reason: [] }, ['reason'])).toBe('Reason is required');
    expect(formLevelMessage(error, {}, ['reason'])).toBe('Reason is required');
  });
});
