import { describe, expect, it } from 'vitest';
import { credentialsSchema } from './inputs';

describe('sign-in credentials', () => {
  it('normalizes the email', () => {
    expect(credentialsSchema.parse({ email: ' Admin@ACME.test ', password: 'x' }).email).toBe(
      'admin@acme.test',
    );
  });

  it.each([
    [{ email: 123, password: 'x' }],
    [{ email: 'a@b.co', password: '' }],
    [{ email: 'not an email', password: 'long enough password' }],
    [{ email: 'a@b.co', password: 'x'.repeat(5000) }],
    [{ email: undefined, password: undefined }],
  ])('refuses malformed credentials %j', (input) => {
    expect(credentialsSchema.safeParse(input).success).toBe(false);
  });
});
