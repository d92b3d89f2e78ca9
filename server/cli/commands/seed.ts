import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { slugSchema } from '@/server/domain/tenancy/settings';
import { command, print, usage } from '../args';
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
    if (size === 'large' && process.stderr.isTTY)
      process.stderr.write('Seeding the large demo (a minute or two on the embedded database)…\n');
    const result = await seedDemo(slug, size);
    const lines = result.created
      ? [
          `Seeded ${result.org.name} (${result.org.slug}). Sign in with any of these (password ${DEMO_PASSWORD}):`,
          ...result.users.map((u) => `  ${u.role.padEnd(10)} ${u.email}`),
        ]
      : [`${result.org.name} (${result.org.slug}) is already seeded; nothing changed.`];
    print(out, lines.join('\n'), result);
  },
});
