import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { getDatabaseHandle, type Tx } from './client';
import type { TenantScope } from './tenant';

/**
 * The read-only transactions shared by the reads of one page render.
 *
 * Why: a page render makes many tRPC calls, and each `withTenant` was its own transaction: BEGIN,
 * the tenant settings, the queries, COMMIT. On a vendor page (compliance officer) that was 41
 * statements, 21 of them BEGIN, settings and COMMIT around 7 calls plus the session's own 5
 * (counted with log_statement = all by bench/pages-ab.ts; docs/BENCHMARKS.md "Pages: thin and
 * parallel"); each is a round trip and socket writes, which cost CPU on this VM. Trimming the
 * per-call overhead cannot go below 3 statements per call (the settings are already one
 * statement, and postgres.js sends BEGIN and COMMIT on their own), so the render's calls share
 * transactions instead: the server caller (server/trpc/server-caller.ts) holds one SharedReads
 * per request and runs its query procedures inside it (server/trpc/init.ts), and every
 * `withTenant` for the same member and organization reads through it.
 *
 * Width 2, not 1: one transaction is one backend, so a page's queries run one after another.
 * On the overview the top-people query takes 110–240 ms at 10,000 people, and every other read
 * of the page queued behind it: with one client, one transaction measured 12–25 % slower than
 * two on the overview in three A/B runs (docs/BENCHMARKS.md), for 3 statements fewer per page
 * (vendor page: 41 before, 23 with one, 26 with two). VIGIL_SHARED_READS sets the width; 0 or
 * `off` turns sharing off.
 *
 * Safety:
 * - The tenant, user, role and read-only mode are set with set_config(…, true) in the
 *   transaction, exactly as `withTenant` does: transaction-local, so nothing outlives the
 *   transaction and it is safe behind PgBouncer in transaction pooling mode. Nothing is set for
 *   the session.
 * - Opened lazily by a read and committed as soon as no read is in flight on it (on the next
 *   turn of the event loop), so a connection is held only while the render is reading, is never
 *   left open when a render stops half-way, and a read that starts later opens a new one.
 * - Read-only (`transaction_read_only`), so a procedure that writes fails there and is re-run in
 *   a transaction of its own, as before. Any database error does the same: the transaction may
 *   be aborted, so sharing stops for the rest of the render, and reads that failed on it run
 *   again on their own. Errors that are not the database's (not found, refused) propagate
 *   unchanged; sharing stops after them too, to be safe.
 * - Only the scope it was opened for shares it; another tenant or user gets its own transaction.
 * - PostgreSQL only. PGlite runs in-process (no round trips to save) on one connection, where a
 *   held transaction would make every other request wait behind this render.
 * - Statements stay READ COMMITTED: each still sees everything committed before it started, as
 *   when every call had its own transaction.
 */
interface Slot {
  open: Promise<Tx>;
  finish: ((commit: boolean) => void) | null;
  inflight: number;
  closing: NodeJS.Immediate | null;
}

export class SharedReads {
  private scope: TenantScope | null = null;
  private slots: Slot[] = [];
  private stopped = false;
  private readonly width: number;
  /** Transactions opened; tests read it. */
  opened = 0;

  constructor(
    private readonly own: <T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>) => Promise<T>,
    private readonly options: { anyDriver?: boolean; width?: number } = {},
  ) {
    this.width = options.width ?? sharedReadsWidth();
    if (this.width < 1) this.stopped = true;
  }

  /** Runs `fn` with every `withTenant` inside it reading through this shared transaction. */
  enter<T>(fn: () => Promise<T>): Promise<T> {
    return storage.run(this, fn);
  }

  async run<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.stopped || (this.scope && !sameScope(this.scope, scope))) return this.own(scope, fn);
    this.scope ??= scope;
    const slot = this.pick(scope);
    slot.inflight++;
    if (slot.closing) clearImmediate(slot.closing);
    slot.closing = null;
    let tx: Tx;
    try {
      tx = await slot.open;
    } catch {
      // Could not open (or PGlite): every read takes its own transaction, as before.
      this.stopped = true;
      this.slots = this.slots.filter((s) => s !== slot);
      slot.inflight--;
      return this.own(scope, fn);
    }
    try {
      return await fn(tx);
    } catch (error) {
      this.stopped = true;
      if (!isDatabaseError(error)) throw error;
      if (sqlState(error) === READ_ONLY_TRANSACTION)
        console.warn('[db] a page read wrote; it runs again in a transaction of its own');
    } finally {
      this.release(slot);
    }
    // A database error (a write refused as read-only, or an aborted transaction): run it again
    // on its own; a real error fails there the same way.
    return this.own(scope, fn);
  }

  /** An idle open transaction, else a new one while under the width, else the least busy. */
  private pick(scope: TenantScope): Slot {
    const idle = this.slots.find((s) => s.inflight === 0);
    if (idle) return idle;
    if (this.slots.length < this.width) {
      const slot: Slot = {
        open: null as unknown as Promise<Tx>,
        finish: null,
        inflight: 0,
        closing: null,
      };
      slot.open = this.begin(scope, slot);
      this.slots.push(slot);
      return slot;
    }
    return this.slots.reduce((a, b) => (b.inflight < a.inflight ? b : a));
  }

  private async begin(scope: TenantScope, slot: Slot): Promise<Tx> {
    const handle = await getDatabaseHandle();
    if (handle.driver !== 'postgres' && !this.options.anyDriver)
      throw new Error('shared reads are for PostgreSQL');
    return new Promise<Tx>((resolve, reject) => {
      let started = false;
      handle.db
        .transaction(async (tx) => {
          await tx.execute(
            sql`select set_config('app.org_id', ${scope.orgId}, true), set_config('app.user_id', ${scope.userId ?? ''}, true), set_config('role', 'vigil_app', true), set_config('transaction_read_only', 'on', true)`,
          );
          const commit = new Promise<boolean>((done) => (slot.finish = done));
          started = true;
          this.opened++;
          resolve(tx);
          if (!(await commit)) throw ROLLBACK;
        })
        .catch((error: unknown) => {
          if (!started) reject(error instanceof Error ? error : new Error(String(error)));
          else if (error !== ROLLBACK)
            console.error('[db] shared read transaction did not close cleanly:', errorName(error));
        });
    });
  }

  private release(slot: Slot): void {
    slot.inflight--;
    if (slot.inflight > 0) return;
    // Closed on the next turn, so a read that follows straight on reuses the transaction.
    slot.closing = setImmediate(() => {
      slot.closing = null;
      if (slot.inflight > 0) return;
      this.slots = this.slots.filter((s) => s !== slot);
      slot.finish?.(!this.stopped);
      slot.finish = null;
    });
  }
}

/**
 * How many transactions one render may read through at once: VIGIL_SHARED_READS (0 or `off`
 * turns sharing off), by default DEFAULT_WIDTH.
 */
function sharedReadsWidth(): number {
  const value = process.env.VIGIL_SHARED_READS;
  if (value === undefined || value === '') return DEFAULT_WIDTH;
  if (value === 'off') return 0;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_WIDTH;
}

const DEFAULT_WIDTH = 2;
const ROLLBACK = new Error('shared reads: rollback');
const READ_ONLY_TRANSACTION = '25006';
const storage = new AsyncLocalStorage<SharedReads>();

/** The shared reads of the render this code runs in, if any. */
export function currentSharedReads(): SharedReads | undefined {
  return storage.getStore();
}

function sameScope(a: TenantScope, b: TenantScope): boolean {
  return a.orgId === b.orgId && (a.userId ?? null) === (b.userId ?? null);
}

/** A query failed or the connection did: drizzle wraps those, the driver names its own. */
function isDatabaseError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== 'object') return false;
    const { name, code, cause } = e as { name?: unknown; code?: unknown; cause?: unknown };
    if (name === 'DrizzleQueryError' || name === 'PostgresError') return true;
    if (typeof code === 'string' && (/^[0-9A-Z]{5}$/.test(code) || code.startsWith('CONNECTION_')))
      return true;
    e = cause;
  }
  return false;
}

function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = cause;
  }
  return undefined;
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
