import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { slugSchema } from '@/server/domain/tenancy/settings';
import { command, print, usage } from '../args';
import { startProgress, type Progress } from '../progress';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo';

/** `vigil seed [--org S] [--size small|large]`: the demo organization, once. */
export const seed = command({
  args: z
    .object({
      size: z
        .enum(['small', 'large'], { message: "--size must be 'small' or 'large'" })
        .default('small'),
      org: slugSchema.default('acme'),
    })
    .refine(
      ({ size, org }) => size !== 'large' || org === 'acme',
      usage('--size large builds on the acme demo: leave out --org'),
    ),
  input: ({ values }) => ({ size: values.size, org: values.org }),
  handler: async ({ size, org: slug }, out) => {
    await getDatabaseHandle();
    let progress: Progress | null = null;
    const result = await seedDemo(slug, size, (done, total, note) =>
      (progress ??= startProgress(out, `Seeding the ${size} demo`, total, 'steps')).update(
        done,
        note,
      ),
    );
    (progress as Progress | null)?.finish();
    const lines = result.created
      ? [
          `Seeded ${result.org.name} (${result.org.slug}). Sign in with any of these (password ${DEMO_PASSWORD}):`,
          ...result.users.map((u) => `  ${u.role.padEnd(10)} ${u.email}`),
        ]
      : [`${result.org.name} (${result.org.slug}) is already seeded; nothing changed.`];
    print(out, lines.join('\n'), result);
  },
});
