import { describe, expect, it } from 'vitest';
import { parseEnv, productionStartProblems } from './env';

describe('production start-up', () => {
  it('refuses a production server with no public address, and only in production', () => {
    expect(productionStartProblems(parseEnv({ NODE_ENV: 'production' }))).toEqual([
      expect.stringMatching(/NEXTAUTH_URL must be set in production/),
    ]);
    expect(
      productionStartProblems(
        parseEnv({ NODE_ENV: 'production', NEXTAUTH_URL: 'https://vigil.example.com' }),
      ),
    ).toEqual([]);
    expect(productionStartProblems(parseEnv({ NODE_ENV: 'development' }))).toEqual([]);
  });
});
