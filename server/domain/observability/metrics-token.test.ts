import { describe, expect, it } from 'vitest';
import { metricsAccess } from './metrics-token';

const TOKEN = 'scrape-token-0123456789abcdef0123';

describe('metricsAccess', () => {
  it('is disabled without a configured token, whatever the caller sends', () => {
    expect(metricsAccess(undefined, `Bearer ${TOKEN}`)).toBe('disabled');
    expect(metricsAccess('', null)).toBe('disabled');
  });

  it('allows exactly the configured bearer token', () => {
    expect(metricsAccess(TOKEN, `Bearer ${TOKEN}`)).toBe('allowed');
    expect(metricsAccess(TOKEN, `bearer ${TOKEN}`)).toBe('allowed');
  });

  it('refuses a missing, wrong, partial or differently-schemed token', () => {
    expect(metricsAccess(TOKEN, null)).toBe('unauthorized');
    expect(metricsAccess(TOKEN, 'Bearer wrong')).toBe('unauthorized');
    expect(metricsAccess(TOKEN, `Bearer ${TOKEN.slice(0, -1)}`)).toBe('unauthorized');
    expect(metricsAccess(TOKEN, `Bearer ${TOKEN}x`)).toBe('unauthorized');
    expect(metricsAccess(TOKEN, `Basic ${TOKEN}`)).toBe('unauthorized');
    expect(metricsAccess(TOKEN, TOKEN)).toBe('unauthorized');
  });
});
