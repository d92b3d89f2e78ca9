import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { runDueJobs, scheduleRecurringJobs } from '@/server/jobs/worker';
import { deadJobs, jobCounts } from '@/server/services/jobs/queue';
import { HandledError, command, print } from '../args';

/** `vigil jobs run`: schedule the recurring jobs, then run every due job once. */
export const jobsRun = command({
  args: z.object({}),
  input: () => ({}),
  handler: async (_args, out) => {
    await getDatabaseHandle();
    await scheduleRecurringJobs();
    const result = await runDueJobs({ workerId: `cli-${process.pid}` });
    print(
      out,
      `${result.claimed} job(s) run: ${result.done} done, ${result.retried} to retry, ${result.dead} dead`,
      result,
    );
    if (result.dead > 0)
      throw new HandledError('Some jobs ran out of attempts; see `vigil jobs status`.');
  },
});

/** `vigil jobs status`: jobs counted by status, and the dead ones. */
export const jobsStatus = command({
  args: z.object({}),
  input: () => ({}),
  handler: async (_args, out) => {
    await getDatabaseHandle();
    const counts = await jobCounts();
    const dead = await deadJobs();
    const lines = [
      Object.entries(counts)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ') || 'No jobs.',
      ...dead.map(
        (d) => `  dead #${d.id} ${d.kind} after ${d.attempts} attempt(s): ${d.lastError ?? ''}`,
      ),
    ];
    print(out, lines.join('\n'), { counts, dead });
  },
});
