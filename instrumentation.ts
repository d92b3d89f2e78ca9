/**
 * Runs once when the server starts: validates configuration and opens the database, which
 * applies pending migrations, so a bad setting or a locked embedded database fails at start-up
 * rather than on the first request. Then starts the job worker (expiries, revocations).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv, productionStartProblems } = await import('@/server/env');
  const env = getEnv();
  // The build runs in production mode too; only a server that will answer requests must refuse.
  const problems =
    process.env.NEXT_PHASE === 'phase-production-build' ? [] : productionStartProblems(env);
  if (problems.length > 0) {
    // Thrown, Next.js would log it and serve 500s; a misconfigured server must not run at all.
    console.error(`Invalid configuration: ${problems.join('; ')}`);
    process.exit(1);
  }
  const { getDatabaseHandle } = await import('@/db/client');
  await getDatabaseHandle();
  if (env.VIGIL_WORKER === 'on') {
    const { startBackgroundWorker } = await import('@/server/jobs/worker');
    startBackgroundWorker(env.VIGIL_WORKER_INTERVAL_SECONDS * 1000);
  }
}
