import { describe, expect, it } from 'vitest';
import { errorFields } from '@/server/domain/observability/log-fields';
import { captureLogs, log } from './logger';
import { runWithRequestContext } from './request-context';

describe('log', () => {
  it('writes JSON lines with the request context and redacts sensitive fields', async () => {
    const { lines } = await captureLogs(async () => {
      runWithRequestContext({ requestId: 'r-1', route: '/api/x', method: 'GET' }, () =>
        log.info(
          {
            event: 'test',
            authorization: 'Bearer top-secret',
            user: { email: 'ada@example.com', id: 'u-1' },
            req: { headers: { cookie: 'sid=abc' } },
            nested: { deeper: { password: 'hunter2', token: 'tok-123' } },
          },
          'hello',
        ),
      );
      log.info({ event: 'outside' });
    });
    const [inside, outside] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(inside).toMatchObject({
      level: 'info',
      msg: 'hello',
      requestId: 'r-1',
      route: '/api/x',
      authorization: '[redacted]',
      user: { email: '[redacted]', id: 'u-1' },
      req: '[redacted]',
      nested: { deeper: { password: '[redacted]', token: '[redacted]' } },
    });
    expect(outside).not.toHaveProperty('requestId');
    for (const secret of ['top-secret', 'ada@example.com', 'sid=abc', 'hunter2', 'tok-123'])
      expect(lines.join('')).not.toContain(secret);
  });

  it('reduces an error to its class and SQLSTATE', () => {
    const driver = Object.assign(new Error('duplicate key (email)=(ada@example.com)'), {
      code: '23505',
    });
    expect(errorFields(driver)).toEqual({ err: 'Error', sqlState: '23505' });
    expect(errorFields(Object.assign(new Error('wrapped'), { cause: driver }))).toEqual({
      err: 'Error',
      sqlState: '23505',
    });
    expect(errorFields(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toEqual({
      err: 'Error',
    });
    expect(errorFields('a string')).toEqual({ err: 'string' });
  });
});
