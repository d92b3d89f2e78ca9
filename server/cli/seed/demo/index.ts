import type { Role } from '@/server/domain/tenancy/roles';
import { orgSettingsSchema } from '@/server/domain/tenancy/settings';
import { createApiKey } from '@/server/services/auth/api-keys';
import { setRevealPermission } from '@/server/services/privacy/reveal-commands';
import { addUserAsOperator } from '@/server/services/tenancy/members';
import { createOrganization, updateOrganization } from '@/server/services/tenancy/organizations';
import { seedAccess } from './access';
import { seedCurrentReview } from './access-reviews';
import { seedActivity } from './activity';
import { seedAttestations } from './attestations';
import { seedCandidates } from './candidates';
import { seedCase } from './case';
import { seedEvidence } from './evidence';
import { seedInventory } from './inventory';
import { seedRisk } from './risk';
import { seedAtScale } from './scale';
import { demoActor } from './shared';
import { seedVendorReviews } from './vendor-reviews';

/** Demo credentials the README lists; for the embedded demo database only. */
export const DEMO_PASSWORD = 'vigil-demo-2026';

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@acme.test', name: 'Ada Okafor', role: 'admin' },
  { email: 'compliance@acme.test', name: 'Chen Wei', role: 'compliance' },
  { email: 'manager@acme.test', name: 'Mateo Silva', role: 'manager' },
  { email: 'auditor@acme.test', name: 'Priya Raman', role: 'auditor' },
];

export interface SeedResult {
  org: { slug: string; name: string };
  created: boolean;
  users: { email: string; role: Role }[];
}

/**
 * Idempotent: a second run finds the organization and changes nothing. `large` adds a workforce
 * of LARGE_SEED's size to the demo organization (scale.ts). The parts run in this order because
 * each builds on the ones before it (access on the inventory, the case on detected signals).
 */
export async function seedDemo(
  slug = 'acme',
  size: 'small' | 'large' = 'small',
  onStep?: (done: number, total: number, note: string) => void,
): Promise<SeedResult> {
  const name = slug === 'acme' ? 'Acme Exchange' : `Demo ${slug}`;
  const { org, created } = await createOrganization({ slug, name });
  const result: SeedResult = {
    org: { slug: org.slug, name: org.name },
    created,
    users: DEMO_USERS.map(({ email, role }) => ({ email, role })),
  };
  if (!created) return result;

  const ids: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const added = await addUserAsOperator(org.id, {
      email: u.email,
      role: u.role,
      name: u.name,
      password: DEMO_PASSWORD,
    });
    if (added.kind !== 'invited') ids[u.email] = added.userId;
  }
  const admin = {
    orgId: org.id,
    userId: ids['admin@acme.test']!,
    email: 'admin@acme.test',
    role: 'admin' as const,
    requestId: 'seed',
    ip: null,
  };
  await updateOrganization(admin, {
    name,
    settings: orgSettingsSchema.parse({
      timezone: 'Europe/London',
      highRiskCountries: ['KP', 'IR'],
    }),
  });
  await createApiKey(admin, { name: 'Okta log forwarder', scopes: ['ingest'], expiresInDays: 365 });
  if (slug === 'acme') {
    const compliance = demoActor(admin, ids, 'compliance@acme.test', 'compliance');
    // The demo organization pseudonymizes (new organizations do); its compliance officer may
    // reveal, so the reveal can be shown (docs/PRIVACY.md §Pseudonymized investigation).
    await setRevealPermission(admin, { userId: compliance.userId, canReveal: true });
    const steps: [string, () => Promise<unknown>][] = [
      ['inventory', () => seedInventory(admin, ids)],
      ['candidates', () => seedCandidates(compliance)],
      ['access', () => seedAccess(admin, ids)],
      ['activity', () => seedActivity(admin)],
      ['case', () => seedCase(compliance)],
      ['vendor reviews', () => seedVendorReviews(admin, compliance)],
      ['attestations', () => seedAttestations(compliance)],
      ['access review', () => seedCurrentReview(admin, ids)],
      ...(size === 'large'
        ? [['scale', () => seedAtScale(admin, compliance)] as [string, () => Promise<unknown>]]
        : []),
      // Scores last: they read the signals the case escalated, review findings and attestations.
      ['risk', () => seedRisk(org.id)],
      ['evidence', () => seedEvidence(demoActor(admin, ids, 'auditor@acme.test', 'auditor'))],
    ];
    for (const [i, [note, step]] of steps.entries()) {
      onStep?.(i, steps.length, note);
      await step();
    }
    onStep?.(steps.length, steps.length, 'done');
  }

  // A second organization shows the organization switcher: the admin belongs to both.
  if (slug === 'acme') {
    const second = await createOrganization({ slug: 'borealis', name: 'Borealis Custody' });
    if (second.created) {
      await addUserAsOperator(
        second.org.id,
        { email: 'admin@acme.test', role: 'admin' },
        { attachExisting: true },
      );
    }
  }
  return result;
}
