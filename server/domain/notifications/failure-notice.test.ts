import { describe, expect, it } from 'vitest';
import { failureNotice } from './failure-notice';

const base = 'https://vigil.example.com';

describe('failureNotice', () => {
  it('says what failed and why, and makes a relative link absolute', () => {
    const n = failureNotice(base, {
      what: 'Webhook https://siem.example.com/hook',
      detail: 'HTTP 500\nInternal error',
      link: '/settings/webhooks',
    });
    expect(n).toMatchObject({ category: 'delivery_failures', kind: 'delivery.failed' });
    expect(n.subject).toBe('Delivery failing: Webhook https://siem.example.com/hook');
    expect(n.lines[1]).toBe('Last error: HTTP 500 Internal error');
    expect(n.link).toBe(`${base}/settings/webhooks`);
  });
});
