import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { createOrganizationSchema } from '@/server/domain/tenancy/organization-inputs';
import { createOrganization } from '@/server/services/tenancy/organizations';
import { command, print } from '../args';

/** `vigil org create --slug S --name N`: idempotent on slug. */
export const orgCreate = command({
  args: z.object({ organization: createOrganizationSchema }),
  input: ({ values }) => ({ organization: { slug: values.slug, name: values.name } }),
  handler: async ({ organization }, out) => {
    await getDatabaseHandle();
    const { org, created } = await createOrganization(organization);
    print(out, `${created ? 'Created' : 'Exists'}: ${org.name} (${org.slug})`, {
      id: org.id,
      slug: org.slug,
      name: org.name,
      created,
    });
  },
});
