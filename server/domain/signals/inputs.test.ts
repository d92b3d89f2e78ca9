import { describe, expect, it } from 'vitest';
import { triageSignalSchema } from './inputs';

describe('signal triage input', () => {
  const signalId = '00000000-0000-4000-8000-000000000001';

  it('needs a reason of at least 5 characters to dismiss, none to acknowledge or reopen', () => {
    expect(triageSignalSchema.safeParse({ signalId, action: 'dismiss' }).success).toBe(false);
    expect(
      triageSignalSchema.safeParse({ signalId, action: 'dismiss', reason: '  ok  ' }).success,
    ).toBe(false);
    expect(
      triageSignalSchema.parse({ signalId, action: 'dismiss', reason: ' known VPN ' }).reason,
    ).toBe('known VPN');
    expect(triageSignalSchema.safeParse({ signalId, action: 'acknowledge' }).success).toBe(true);
    expect(triageSignalSchema.safeParse({ signalId, action: 'reopen' }).success).toBe(true);
  });
});
