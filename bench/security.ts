/**
 * The probe findings' figures (docs/SECURITY.md, docs/BENCHMARKS.md §Security findings), as
 * ratios within one run:
 *   - F5: sign-in with a wrong password for an existing member against an unknown email (median
 *     of alternating attempts; throttles and failure counts reset between attempts, untimed);
 *   - F1: a gzip body of one event and 16 MiB of newlines (the probe's 9.8 s case) read to the
 *     end through ingest; and a 2 GiB flood refused at the API's line budget, with the
 *     longest time a setImmediate callback waited meanwhile (how long other requests would).
 */
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { withSystem } from '@/db/tenant';
import { credentialsSchema } from '@/server/domain/auth/inputs';
import { signInWithPassword } from '@/server/services/auth/sessions';
import { ingestEvents, type IngestActor } from '@/server/services/ingest/ingest-events';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchSignInTiming(
  email: string,
  attempts: number,
): Promise<{ wrongMs: number; unknownMs: number }> {
  const wrong: number[] = [];
  const unknown: number[] = [];
  const reset = () =>
    withSystem(async (tx) => {
      await tx.execute(sql`delete from auth_throttle`);
      await tx.execute(sql`update users set failed_login_count = 0, locked_until = null`);
    });
  const attempt = async (who: string) => {
    await reset();
    const t0 = performance.now();
    await signInWithPassword(
      credentialsSchema.parse({ email: who, password: 'not the password at all' }),
      { requestId: null, ip: '192.0.2.1' },
    );
    return performance.now() - t0;
  };
  await attempt('warm-up@bench.test');
  for (let i = 0; i < attempts; i++) {
    wrong.push(await attempt(email));
    unknown.push(await attempt(`nobody-${i}@bench.test`));
  }
  return { wrongMs: median(wrong), unknownMs: median(unknown) };
}

export async function benchNewlineFlood(
  actor: IngestActor,
): Promise<{ flood16Seconds: number; refuseSeconds: number; longestWaitMs: number }> {
  const event = JSON.stringify({
    event_id: 'flood-1',
    occurred_at: '2026-11-01T10:00:00Z',
    actor: 'ada@bench.test',
    system: 'Support Console',
    action: 'customer.view',
  });
  // The probe's 16 MiB of newlines, read to the end (line budget raised past it), to compare
  // with its 9.8 s; with the API's default budget it is refused, as the 2 GiB body below.
  const flood16 = gzipSync(`${event}\n${'\n'.repeat(16 * 1024 * 1024)}`);
  let t0 = performance.now();
  await ingestEvents(actor, 'ndjson', [flood16], { channel: 'api', limits: { maxLines: 2e7 } });
  const flood16Seconds = (performance.now() - t0) / 1000;

  // 2 GiB of newlines (a ~2 MB body), refused at the default line budget of the API.
  const slice = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x0a));
  const head = gzipSync(`${event.replace('flood-1', 'flood-2')}\n`);
  const body = [head, ...Array.from({ length: 32 }, () => slice)];
  let longestWaitMs = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const at = performance.now();
    longestWaitMs = Math.max(longestWaitMs, at - last);
    last = at;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  t0 = performance.now();
  await ingestEvents(actor, 'ndjson', body, { channel: 'api' }).catch(() => undefined);
  const refuseSeconds = (performance.now() - t0) / 1000;
  running = false;
  return { flood16Seconds, refuseSeconds, longestWaitMs };
}
