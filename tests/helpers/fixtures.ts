import { addUserCliSchema } from '@/server/domain/tenancy/inputs';
import { createOrganizationSchema } from '@/server/domain/tenancy/organization-inputs';
import type { Role } from '@/server/domain/tenancy/roles';
import { startUserSession } from '@/server/services/auth/sessions';
import type { OrgActor } from '@/server/services/shared/actor';
import { addUserAsOperator } from '@/server/services/tenancy/members';
import {
  createOrganization,
  getOrganization,
  updateOrganization,
} from '@/server/services/tenancy/organizations';
import { createCaller } from '@/server/trpc/root';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestOrg {
  id: string;
  slug: string;
  name: string;
  users: Record<Role, { id: string; email: string }>;
}

/**
 * An organization with one member per role, created through the real services. New
 * organizations pseudonymize investigations (docs/PRIVACY.md); tests about something else that
 * read people by name in signals or risk pass `{ pseudonymize: false }`.
 */
export async function createTestOrg(
  slug: string,
  options: { pseudonymize?: boolean } = {},
): Promise<TestOrg> {
  const { org } = await createOrganization(
    createOrganizationSchema.parse({ slug, name: `Org ${slug}` }),
  );
  const users = {} as TestOrg['users'];
  for (const role of ['admin', 'compliance', 'manager', 'auditor'] as const) {
    const email = `${role}@${slug}.test`;
    const result = await addUserAsOperator(
      org.id,
      addUserCliSchema.parse({ email, role, password: TEST_PASSWORD }),
    );
    if (result.kind === 'invited') throw new Error('expected an account');
    users[role] = { id: result.userId, email };
  }
  const made = { id: org.id, slug, name: org.name, users };
  if (options.pseudonymize === false) {
    const admin = actorFor(made, 'admin');
    const { name, settings } = await getOrganization(admin);
    await updateOrganization(admin, {
      name,
      settings: { ...settings, investigation: { ...settings.investigation, pseudonymize: false } },
    });
  }
  return made;
}

export function actorFor(org: TestOrg, role: Role): OrgActor {
  const user = org.users[role];
  return {
    orgId: org.id,
    userId: user.id,
    email: user.email,
    role,
    requestId: 'test',
    ip: '127.0.0.1',
  };
}

export async function callerFor(org: TestOrg, role: Role, orgId: string = org.id) {
  const userId = org.users[role].id;
  const { sessionId, sessionVersion } = await startUserSession(userId);
  return createCaller({
    session: { userId, orgId, sessionVersion, sessionId },
    meta: { requestId: 'test', ip: '127.0.0.1' },
  });
}

export const anonymousCaller = () =>
  createCaller({ session: null, meta: { requestId: 'test', ip: '127.0.0.1' } });
