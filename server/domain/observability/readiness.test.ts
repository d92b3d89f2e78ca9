import { describe, expect, it } from 'vitest';
import { queueStatsOf, readinessOf } from './readiness';

const queue = { due: 2, scheduled: 1, running: 0, oldestDueAgeSeconds: 4.2 };

describe('readinessOf', () => {
  it('is ready with the database up, whatever the replica says', () => {
    const ready = readinessOf({
      database: { ok: true, latencyMs: 3.4, queue },
      replica: { status: 'down' },
    });
    expect(ready.httpStatus).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      database: 'ok',
      databaseLatencyMs: 3,
      queue,
      replica: { status: 'down' },
    });
  });

  it('answers 503 without the database', () => {
    const ready = readinessOf({ database: { ok: false }, replica: null });
    expect(ready.httpStatus).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', database: 'down', queue: null });
  });
});

describe('queueStatsOf', () => {
  it('reads grouped rows, defaulting absent states to zero', () => {
    expect(
      queueStatsOf([
        { state: 'due', n: '3', oldest: '12.345' },
        { state: 'running', n: 1, oldest: null },
      ]),
    ).toEqual({ due: 3, scheduled: 0, running: 1, oldestDueAgeSeconds: 12.3 });
    expect(queueStatsOf([])).toEqual({
      due: 0,
      scheduled: 0,
      running: 0,
      oldestDueAgeSeconds: 0,
    });
  });
});
