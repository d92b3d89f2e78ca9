import type { ProbeClient, TrpcAnswer } from './http-client';

function idOf(answer: TrpcAnswer, what: string): string {
  const data = answer.data as Record<string, unknown> | undefined;
  const id = data?.id ?? data?.personId ?? data?.vendorId ?? data?.systemId ?? data?.caseId;
  if (typeof id !== 'string')
    throw new Error(
      `could not create the probe's ${what}: ${answer.status} ${answer.body.slice(0, 200)}`,
    );
  return id;
}

/**
 * Records in the demo's second organization (Borealis), made by its admin, for the cross-tenant
 * probes to aim at from Acme. The admin ends back in Acme.
 */
export async function seedOtherOrganization(admin: ProbeClient) {
  const me = await admin.query('session.me');
  const view = me.data as {
    active: { orgId: string };
    memberships: { orgId: string; slug: string }[];
  };
  const acmeOrgId = view.memberships.find((m) => m.slug === 'acme')?.orgId;
  const borealisOrgId = view.memberships.find((m) => m.slug === 'borealis')?.orgId;
  if (!acmeOrgId || !borealisOrgId)
    throw new Error('the demo needs organizations acme and borealis');
  await admin.switchOrganization(borealisOrgId);
  const suffix = Date.now().toString(36);
  const vendorId = idOf(
    await admin.mutate('vendors.create', {
      name: `Borealis Probe Vendor ${suffix}`,
      questionnaire: {},
    }),
    'vendor',
  );
  const personId = idOf(
    await admin.mutate('people.create', {
      email: `probe-${suffix}@borealis.test`,
      fullName: `Borealis Probe Person ${suffix}`,
      type: 'employee',
    }),
    'person',
  );
  const systemId = idOf(
    await admin.mutate('systems.create', { name: `Borealis Probe System ${suffix}` }),
    'system',
  );
  const caseId = idOf(
    await admin.mutate('cases.open', {
      title: `Borealis Probe Case ${suffix}`,
      severity: 'low',
      personIds: [personId],
    }),
    'case',
  );
  await admin.switchOrganization(acmeOrgId);
  return { acmeOrgId, borealisOrgId, borealisIds: { personId, vendorId, systemId, caseId } };
}
