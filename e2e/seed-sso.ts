import { closeDatabase, getDatabaseHandle } from '@/db/client';
import { addUserCliSchema } from '@/server/domain/tenancy/inputs';
import { createOrganizationSchema } from '@/server/domain/tenancy/organization-inputs';
import { addUserAsOperator, setMemberStatus } from '@/server/services/tenancy/members';
import { createOrganization } from '@/server/services/tenancy/organizations';
import { SSO_ORG, SSO_PASSWORD, SSO_USERS } from './sso-stand-ins';

/**
 * The SSO specs' own organization, beside the demo (which they leave alone): an admin, a member
 * and a disabled member, all with operator-vouched emails as `vigil user add --password` makes
 * them. Run by the web server command after the demo seed.
 */
async function main() {
  await getDatabaseHandle();
  const { org } = await createOrganization(
    createOrganizationSchema.parse({ slug: SSO_ORG.slug, name: SSO_ORG.name }),
  );
  const ids: Record<string, string> = {};
  for (const user of Object.values(SSO_USERS)) {
    const result = await addUserAsOperator(
      org.id,
      addUserCliSchema.parse({ ...user, password: SSO_PASSWORD }),
    );
    if (result.kind !== 'invited') ids[user.email] = result.userId;
  }
  await setMemberStatus(
    {
      orgId: org.id,
      userId: ids[SSO_USERS.admin.email]!,
      email: SSO_USERS.admin.email,
      role: 'admin',
      requestId: null,
      ip: null,
    },
    { userId: ids[SSO_USERS.disabled.email]!, status: 'disabled' },
  );
}

main()
  .then(() => closeDatabase())
  .catch(async (error: unknown) => {
    console.error(error);
    await closeDatabase().catch(() => undefined);
    process.exit(1);
  });
