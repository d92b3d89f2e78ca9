import { describe, expect, it } from 'vitest';
import { isSensitiveAction } from './sensitive-action';

describe('isSensitiveAction', () => {
  it.each<[string, string | null, boolean]>([
    ['customer.view', null, true],
    ['customer.export', null, true],
    ['document.download', 'kyc-123', true],
    ['secretsmanager.amazonaws.com:GetSecretValue', null, true],
    ['login', null, false],
    ['user.session.start', null, false],
    ['ticket.view', 'cust-42', true],
    ['ticket.view', 'T-42', false],
  ])('%s on %s → %s', (action, resource, expected) => {
    expect(isSensitiveAction(action, resource)).toBe(expected);
  });
});
