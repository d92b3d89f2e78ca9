/**
 * `npm run bench`: measures the foundation's hot paths on the database in DATABASE_URL (a fresh
 * database is created and dropped on that server) or, when unset, on in-memory PGlite.
 *   - audit append: one change per transaction, as the app writes them
 *   - audit verify: recomputing the whole chain
 *   - session resolution: the per-request membership/role read every tRPC call makes
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { closeDatabase, installDatabaseHandle, openDatabase } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { appendAudit, verifyAuditChainAsSystem } from '@/server/services/audit-service';
import { resolveSession, startUserSession } from '@/server/services/auth-service';
import { addUserAsOperator } from '@/server/services/member-service';
import { createOrganization } from '@/server/services/org-service';

const APPENDS = Number(process.env.BENCH_AUDIT_APPENDS ?? 5000);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 2000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const base = process.env.DATABASE_URL;
  let dropDatabase = async () => {};
  if (base) {
    const { default: postgres } = await import('postgres');
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    const name = `vigil_bench_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    installDatabaseHandle(await openDatabase({ url: url.toString() }));
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    installDatabaseHandle(await openDatabase({ dataDir: 'memory' }));
  }
  const driver = base ? 'PostgreSQL' : 'PGlite (in-memory)';
  try {
    const { org } = await createOrganization({ slug: 'bench', name: 'Bench Org' });
    const added = await addUserAsOperator(org.id, {
      email: 'bench@bench.test',
      role: 'admin',
      password: 'bench password 123',
    });
    if (added.kind === 'invited') throw new Error('expected a user');
    const scope = { orgId: org.id, userId: added.userId };

    let t0 = performance.now();
    for (let i = 0; i < APPENDS; i++) {
      await withTenant(scope, (tx) =>
        appendAudit(tx, {
          orgId: org.id,
          actor: { type: 'user', id: added.userId, label: 'bench@bench.test' },
          action: 'bench.change',
          entityType: 'bench',
          entityId: String(i),
          before: { n: i - 1 },
          after: { n: i, note: 'x'.repeat(64) },
          requestId: `r${i}`,
          ip: '127.0.0.1',
        }),
      );
    }
    const appendSeconds = (performance.now() - t0) / 1000;

    t0 = performance.now();
    const verified = await verifyAuditChainAsSystem(org.id);
    const verifySeconds = (performance.now() - t0) / 1000;
    if (!verified.ok) throw new Error('chain did not verify');

    const session = await startUserSession(added.userId);
    const latencies: number[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const s = performance.now();
      await resolveSession({ userId: added.userId, orgId: org.id, ...session });
      latencies.push(performance.now() - s);
    }
    latencies.sort((a, b) => a - b);

    const rows = [
      [
        'audit append (1 change per transaction)',
        `${APPENDS} entries`,
        `${(APPENDS / appendSeconds).toFixed(0)} entries/s`,
      ],
      [
        'audit verify (whole chain)',
        `${verified.entries} entries`,
        `${(verified.entries / verifySeconds).toFixed(0)} entries/s`,
      ],
      [
        'session resolution per request',
        `${SESSIONS} calls`,
        `p50 ${percentile(latencies, 50).toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms`,
      ],
    ];
    console.log(
      `\nVigil foundation benchmark on ${driver}, node ${process.version}, ${new Date().toISOString()}\n`,
    );
    console.log('| path | size | result |\n|---|---|---|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } finally {
    await closeDatabase();
    await dropDatabase();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
