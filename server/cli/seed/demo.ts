import type { z } from 'zod';
import { createApiKey } from '@/server/services/auth/api-keys';
import { getCampaign } from '@/server/services/access-reviews/queries';
import { verifyReviewRemediations } from '@/server/services/access-reviews/jobs';
import {
  createCampaign,
  decideReviewItems,
  launchCampaign,
} from '@/server/services/access-reviews/commands';
import { seedAttestations } from './attestations';
import { seedAtScale } from './scale';
import { addCaseNote, openCase } from '@/server/services/cases/commands';
import { accessRequestOptions } from '@/server/services/access/queries';
import { decideAccessStep, requestAccess } from '@/server/services/access/commands';
import { userActor } from '@/server/services/audit/log';
import { runImport } from '@/server/services/import/run';
import { refreshSignalDailyCounts } from '@/server/services/overview/daily-counts-job';
import { detectEvents } from '@/server/services/detectors/run';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';
import { EVIDENCE_SECTIONS } from '@/server/domain/evidence/sections';
import { runEvidencePackageJob } from '@/server/services/evidence/package-generation';
import { requestEvidencePackage } from '@/server/services/evidence/package-requests';
import { ingestEvents } from '@/server/services/ingest/ingest-events';
import { createOrganization } from '@/server/services/tenancy/organizations';
import { addUserAsOperator } from '@/server/services/tenancy/members';
import { updateOrganization } from '@/server/services/tenancy/organizations';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Role } from '@/server/domain/tenancy/roles';
import type { OrgActor } from '@/server/services/shared/actor';
import { createPerson } from '@/server/services/inventory/people-commands';
import { addToxicPair, createSystem } from '@/server/services/inventory/system-commands';
import { getSystem } from '@/server/services/inventory/system-queries';
import { changeVendorStatus, createVendor } from '@/server/services/inventory/vendor-commands';
import { people, signals, vendors } from '@/db/schema';
import { uploadReviewEvidence } from '@/server/services/vendor-reviews/attachments';
import {
  addReviewFinding,
  decideVendorReview,
  saveReviewAnswers,
  startVendorReview,
  submitVendorReview,
} from '@/server/services/vendor-reviews/commands';
import { withSystem, withTenant } from '@/db/tenant';
import { orgSettingsSchema } from '@/server/domain/tenancy/settings';
import {
  changeVendorStatusSchema,
  personInputSchema,
  systemInputSchema,
  toxicPairInputSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { createApiKeySchema } from '@/server/domain/auth/inputs';
import { evidenceRequestSchema } from '@/server/domain/evidence/inputs';
import {
  createOrganizationSchema,
  updateOrganizationSchema,
} from '@/server/domain/tenancy/organization-inputs';
import { isoDay } from '@/server/domain/time';

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
 * of LARGE_SEED's size to the demo organization (server/cli/seed/scale.ts).
 */
export async function seedDemo(
  slug = 'acme',
  size: 'small' | 'large' = 'small',
): Promise<SeedResult> {
  const name = slug === 'acme' ? 'Acme Exchange' : `Demo ${slug}`;
  const { org, created } = await createOrganization(createOrganizationSchema.parse({ slug, name }));
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
  await updateOrganization(
    admin,
    updateOrganizationSchema.parse({
      name,
      settings: orgSettingsSchema.parse({
        timezone: 'Europe/London',
        highRiskCountries: ['KP', 'IR'],
      }),
    }),
  );
  await createApiKey(
    admin,
    createApiKeySchema.parse({
      name: 'Okta log forwarder',
      scopes: ['ingest'],
      expiresInDays: 365,
    }),
  );
  if (slug === 'acme') {
    await seedInventory(admin, ids);
    await seedAccess(admin, ids);
    await seedActivity(admin);
    await seedCase({
      ...admin,
      userId: ids['compliance@acme.test']!,
      email: 'compliance@acme.test',
      role: 'compliance',
    });
    const compliance: OrgActor = {
      ...admin,
      userId: ids['compliance@acme.test']!,
      email: 'compliance@acme.test',
      role: 'compliance',
    };
    await seedVendorReviews(admin, compliance);
    await seedAttestations(compliance);
    await seedCurrentReview(admin, ids);
    if (size === 'large') await seedAtScale(admin, compliance);
    // Scores last: they read the signals the case escalated, review findings and attestations.
    await seedRisk(org.id);
    await seedEvidence({
      ...admin,
      userId: ids['auditor@acme.test']!,
      email: 'auditor@acme.test',
      role: 'auditor',
    });
  }

  // A second organization shows the organization switcher: the admin belongs to both.
  if (slug === 'acme') {
    const second = await createOrganization(
      createOrganizationSchema.parse({ slug: 'borealis', name: 'Borealis Custody' }),
    );
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

// The export's findings; Jun's other signals stay in the queue for triage.
const NIGHT_EXPORT_KINDS = ['bulk_record_access', 'off_hours', 'remote_access_tool'] as const;

const daysFromToday = (days: number) => isoDay(new Date(Date.now() + days * 86_400_000));

/** A small, believable inventory: outsourced support and KYC vendors, staff, and privileged systems. */
async function seedInventory(admin: OrgActor, userIds: Record<string, string>) {
  const manila = await createVendor(
    admin,
    vendorInputSchema.parse({
      name: 'Manila Support Partners',
      country: 'PH',
      services: 'Tier-1 customer support for the exchange (outsourced contact centre).',
      dataCategories: ['customer_pii', 'kyc_documents'],
      contractStart: daysFromToday(-700),
      contractEnd: daysFromToday(21),
      ownerUserId: userIds['compliance@acme.test'],
      subProcessors: [{ name: 'CloudDesk Telephony', country: 'SG', service: 'call recording' }],
      certifications: [
        { name: 'SOC 2 Type II', expiresOn: daysFromToday(120) },
        { name: 'ISO 27001', expiresOn: daysFromToday(12) },
      ],
      questionnaire: {
        dataCategories: ['customer_pii', 'kyc_documents'],
        productionAccess: true,
        fundsAccess: false,
        staffWithAccess: 140,
      },
    }),
  );
  const ledgerline = await createVendor(
    admin,
    vendorInputSchema.parse({
      name: 'Ledgerline KYC Services',
      country: 'GB',
      services: 'Identity verification and document review.',
      dataCategories: ['kyc_documents'],
      contractStart: daysFromToday(-400),
      contractEnd: daysFromToday(330),
      ownerUserId: userIds['compliance@acme.test'],
      certifications: [{ name: 'SOC 2 Type II', expiresOn: daysFromToday(-20) }],
      questionnaire: {
        dataCategories: ['kyc_documents'],
        productionAccess: false,
        fundsAccess: false,
        staffWithAccess: 12,
      },
    }),
  );
  const northwind = await createVendor(
    admin,
    vendorInputSchema.parse({
      name: 'Northwind Dev Contractors',
      country: 'PL',
      services: 'Contract engineers for the wallet team.',
      dataCategories: ['source_code'],
      contractStart: daysFromToday(-30),
      contractEnd: daysFromToday(335),
      questionnaire: {
        dataCategories: ['source_code'],
        productionAccess: false,
        fundsAccess: false,
        staffWithAccess: 4,
      },
      tierOverride: {
        tier: 'critical',
        reason: 'Engineers will reach the hot-wallet signing service once onboarded.',
      },
    }),
  );
  await createVendor(
    admin,
    vendorInputSchema.parse({
      name: 'Brightdesk Translation',
      country: 'DE',
      services: 'Translation of help-centre articles.',
      questionnaire: {
        dataCategories: [],
        productionAccess: false,
        fundsAccess: false,
        staffWithAccess: 2,
      },
    }),
  );
  for (const [vendorId, steps] of [
    [manila.id, ['onboarding', 'active']],
    [ledgerline.id, ['onboarding', 'active']],
    [northwind.id, ['onboarding']],
  ] as const) {
    for (const status of steps) {
      await changeVendorStatus(
        admin,
        changeVendorStatusSchema.parse({
          vendorId,
          status,
          reason: status === 'active' ? 'Onboarding review approved' : 'Contract signed',
        }),
      );
    }
  }

  const person = (input: z.input<typeof personInputSchema>) =>
    createPerson(admin, personInputSchema.parse(input));
  const ada = await person({
    email: 'admin@acme.test',
    fullName: 'Ada Okafor',
    type: 'employee',
    department: 'Security',
    title: 'Head of Security',
    country: 'GB',
    timezone: 'Europe/London',
    workMode: 'office',
    startDate: '2021-03-01',
    identityVerified: true,
    backgroundCheckStatus: 'clear',
    backgroundCheckAt: '2021-02-15',
  });
  const mateo = await person({
    email: 'manager@acme.test',
    fullName: 'Mateo Silva',
    type: 'employee',
    department: 'Customer Operations',
    title: 'Support Operations Manager',
    managerId: ada.id,
    country: 'PT',
    timezone: 'Europe/Lisbon',
    workMode: 'remote',
    startDate: '2022-06-01',
    identityVerified: true,
    backgroundCheckStatus: 'clear',
    backgroundCheckAt: '2022-05-20',
  });
  await person({
    email: 'compliance@acme.test',
    fullName: 'Chen Wei',
    type: 'employee',
    department: 'Compliance',
    title: 'Compliance Officer',
    managerId: ada.id,
    country: 'SG',
    timezone: 'Asia/Singapore',
    workMode: 'office',
    startDate: '2023-01-09',
    identityVerified: true,
    backgroundCheckStatus: 'clear',
    backgroundCheckAt: '2022-12-12',
  });
  await person({
    email: 'maria.santos@manilasupport.example',
    fullName: 'Maria Santos',
    type: 'vendor_staff',
    vendorId: manila.id,
    managerId: mateo.id,
    title: 'Support Team Lead',
    country: 'PH',
    timezone: 'Asia/Manila',
    workMode: 'office',
    startDate: '2024-02-01',
    identifiers: [
      { kind: 'okta', value: '00u8santos' },
      { kind: 'phone', value: '+63 917 555 0134' },
    ],
    identityVerified: true,
    backgroundCheckStatus: 'clear',
    backgroundCheckAt: '2024-01-20',
  });
  await person({
    email: 'jun.reyes@manilasupport.example',
    fullName: 'Jun Reyes',
    type: 'vendor_staff',
    vendorId: manila.id,
    managerId: mateo.id,
    title: 'Support Agent',
    country: 'PH',
    timezone: 'Asia/Manila',
    workMode: 'office',
    startDate: '2025-09-15',
    identifiers: [
      { kind: 'okta', value: '00u8reyes' },
      { kind: 'telegram', value: '@junreyes_ph' },
    ],
    identityVerified: true,
    backgroundCheckStatus: 'pending',
  });
  await person({
    email: 'alex.kim@northwind.example',
    fullName: 'Alex Kim',
    type: 'contractor',
    vendorId: northwind.id,
    managerId: ada.id,
    title: 'Wallet Engineer',
    country: 'PL',
    timezone: 'Europe/Warsaw',
    workMode: 'remote',
    startDate: daysFromToday(-20),
    identifiers: [
      { kind: 'github', value: 'https://github.com/alexkim-dev' },
      { kind: 'wallet', value: '0x52908400098527886E0F7030069857D2E4169EE7' },
    ],
    backgroundCheckStatus: 'not_started',
  });
  await person({
    email: 'priya.n@ledgerline.example',
    fullName: 'Priya Natarajan',
    type: 'vendor_staff',
    vendorId: ledgerline.id,
    title: 'KYC Analyst',
    country: 'GB',
    timezone: 'Europe/London',
    workMode: 'remote',
    startDate: '2025-04-01',
    identityVerified: true,
    backgroundCheckStatus: 'clear',
    backgroundCheckAt: '2025-03-18',
  });
  await person({
    email: 'sam.taylor.dev@gmail.example',
    fullName: 'Sam Taylor',
    type: 'candidate',
    country: 'US',
    timezone: 'America/New_York',
    workMode: 'remote',
    identifiers: [
      { kind: 'github', value: '@samtaylor-dev' },
      { kind: 'linkedin', value: 'https://www.linkedin.com/in/sam-taylor-eng' },
    ],
    backgroundCheckStatus: 'not_started',
  });
  // Demo users who are also people under review (managers' scope follows this link).
  await withTenant({ orgId: admin.orgId, userId: admin.userId }, async (tx) => {
    for (const [email, userId] of Object.entries(userIds)) {
      await tx
        .update(people)
        .set({ userId })
        .where(and(eq(people.orgId, admin.orgId), eq(people.email, email)));
    }
  });

  await createSystem(
    admin,
    systemInputSchema.parse({
      name: 'Customer Admin Console',
      ownerUserId: userIds['manager@acme.test'],
      criticality: 'critical',
      dataClassification: 'restricted',
      privileges: [
        { name: 'view_customer', sensitivity: 'high' },
        { name: 'export_customers', sensitivity: 'critical' },
        { name: 'reset_2fa', sensitivity: 'critical' },
        { name: 'view_tickets', sensitivity: 'medium' },
      ],
    }),
  );
  const treasury = await createSystem(
    admin,
    systemInputSchema.parse({
      name: 'Treasury Payments',
      ownerUserId: userIds['admin@acme.test'],
      criticality: 'critical',
      dataClassification: 'restricted',
      privileges: [
        { name: 'create_payee', sensitivity: 'critical' },
        { name: 'approve_payment', sensitivity: 'critical' },
        { name: 'view_balances', sensitivity: 'medium' },
      ],
    }),
  );
  await createSystem(
    admin,
    systemInputSchema.parse({
      name: 'GitHub',
      ownerUserId: userIds['admin@acme.test'],
      criticality: 'high',
      dataClassification: 'confidential',
      privileges: [
        { name: 'read', sensitivity: 'low' },
        { name: 'write', sensitivity: 'medium' },
        { name: 'admin', sensitivity: 'critical' },
      ],
    }),
  );
  await createSystem(
    admin,
    systemInputSchema.parse({
      name: 'AWS Production',
      ownerUserId: userIds['admin@acme.test'],
      criticality: 'critical',
      dataClassification: 'restricted',
      privileges: [
        { name: 'ReadOnlyAccess', sensitivity: 'medium' },
        { name: 'AdministratorAccess', sensitivity: 'critical' },
      ],
    }),
  );
  const treasuryPrivs = (await getSystem(admin, { systemId: treasury.id })).privileges;
  const byName = (n: string) => treasuryPrivs.find((p) => p.name === n)!.id;
  await addToxicPair(
    admin,
    toxicPairInputSchema.parse({
      privilegeA: byName('create_payee'),
      privilegeB: byName('approve_payment'),
      reason: 'One person could create a payee and pay it.',
    }),
  );
}

/**
 * Access as a live tenant has it: existing grants imported from the old spreadsheet, one request
 * that went through the workflow, and one waiting on the admin that the gate still blocks.
 */
async function seedAccess(admin: OrgActor, userIds: Record<string, string>) {
  const grants: string[] = [
    'person_email,system,privilege,starts_at,expires_at,justification,approved_by_email',
    `maria.santos@manilasupport.example,Customer Admin Console,view_customer,${daysFromToday(-200)},${daysFromToday(60)},Tier-1 support lookups,compliance@acme.test`,
    `maria.santos@manilasupport.example,Customer Admin Console,view_tickets,${daysFromToday(-200)},${daysFromToday(60)},Tier-1 support tickets,compliance@acme.test`,
    `jun.reyes@manilasupport.example,Customer Admin Console,view_tickets,${daysFromToday(-90)},${daysFromToday(90)},Tier-1 support tickets,compliance@acme.test`,
    `jun.reyes@manilasupport.example,Customer Admin Console,export_customers,${daysFromToday(-30)},${daysFromToday(60)},Month-end customer reports for the vendor's QA team,compliance@acme.test`,
    `jun.reyes@manilasupport.example,Customer Admin Console,reset_2fa,${daysFromToday(-60)},${daysFromToday(120)},Account recovery for locked-out customers,compliance@acme.test`,
    `priya.n@ledgerline.example,Customer Admin Console,view_customer,${daysFromToday(-120)},${daysFromToday(200)},KYC document review,compliance@acme.test`,
    `admin@acme.test,AWS Production,AdministratorAccess,${daysFromToday(-400)},,Break-glass administrator,`,
    `manager@acme.test,GitHub,write,${daysFromToday(-300)},${daysFromToday(65)},Support tooling repository,admin@acme.test`,
    `compliance@acme.test,Treasury Payments,view_balances,${daysFromToday(-150)},${daysFromToday(30)},Reconciliation checks,admin@acme.test`,
  ];
  // Grants older than last quarter's review first, so that review's snapshot holds only them;
  // Maria's reset_2fa was revoked in it (the differential view shows it removed).
  const older = [
    grants[0]!,
    ...grants.slice(1).filter((line) => isBefore(line, -95)),
    `maria.santos@manilasupport.example,Customer Admin Console,reset_2fa,${daysFromToday(-180)},${daysFromToday(30)},Covering account recovery during the migration,compliance@acme.test`,
  ];
  const newer = [grants[0]!, ...grants.slice(1).filter((line) => !isBefore(line, -95))];
  await runImport({ ...admin, audit: userActor(admin) }, 'grants', older.join('\n'), {
    dryRun: false,
  });
  await seedLastQuarterReview(admin, userIds);
  await runImport({ ...admin, audit: userActor(admin) }, 'grants', newer.join('\n'), {
    dryRun: false,
  });

  const manager: OrgActor = {
    ...admin,
    userId: userIds['manager@acme.test']!,
    email: 'manager@acme.test',
    role: 'manager',
  };
  const options = await accessRequestOptions(manager);
  const personId = (email: string) => options.people.find((p) => p.email === email)!.id;
  const privilegeId = (system: string, name: string) =>
    options.privileges.find((p) => p.systemName === system && p.name === name)!.id;
  const approved = await requestAccess(manager, {
    personId: personId('maria.santos@manilasupport.example'),
    privilegeId: privilegeId('Treasury Payments', 'view_balances'),
    justification: 'Answer customers asking where their withdrawal is.',
    durationDays: 30,
  });
  await decideAccessStep(admin, {
    grantId: approved.grantId,
    decision: 'approve',
    comment: 'Read-only, time-boxed.',
  });
  await requestAccess(manager, {
    personId: personId('jun.reyes@manilasupport.example'),
    privilegeId: privilegeId('Customer Admin Console', 'view_customer'),
    justification: 'Covering escalations while Maria is on leave.',
    durationDays: 14,
  });
}

/**
 * A month of support-console activity so signals have a baseline to stand on, ending in the
 * pattern the product exists to catch: a vendor agent exporting customers at night from abroad.
 */
async function seedActivity(admin: OrgActor) {
  const now = Date.now();
  const day = 86_400_000;
  const lines: string[] = [];
  const agents = [
    ['maria.santos@manilasupport.example', '112.198.10.4', 'PH', 'Manila'],
    ['jun.reyes@manilasupport.example', '112.198.10.9', 'PH', 'Manila'],
    ['priya.n@ledgerline.example', '81.2.69.160', 'GB', 'London'],
  ] as const;
  let n = 0;
  for (let d = 32; d >= 2; d--)
    for (const [actor, ip, country, city] of agents)
      for (let h = 0; h < 6; h++) {
        n += 1;
        // 01:00–06:00 UTC is the working morning in Manila; London works 09:00–14:00 UTC.
        const hour = country === 'PH' ? 1 + h : 9 + h;
        const at = new Date(Math.floor((now - d * day) / day) * day + hour * 3_600_000);
        lines.push(
          JSON.stringify({
            event_id: `demo-${n}`,
            occurred_at: at.toISOString(),
            actor,
            system: 'Customer Admin Console',
            action: h % 3 === 0 ? 'ticket.view' : 'customer.view',
            resource: `cust-${(n * 7919) % 50_000}`,
            ticket_id: `T-${4000 + n}`,
            ip,
            country,
            city,
          }),
        );
      }
  const night = new Date(Math.floor((now - day) / day) * day + 18 * 3_600_000); // 02:00 in Manila
  lines.push(
    JSON.stringify({
      event_id: 'demo-export-1',
      occurred_at: night.toISOString(),
      actor: 'jun.reyes@manilasupport.example',
      system: 'Customer Admin Console',
      action: 'customer.export',
      resource: 'customers-vip.csv',
      record_count: 3120,
      ip: '45.86.201.7',
      country: 'NL',
      city: 'Amsterdam',
      user_agent: 'Mozilla/5.0 AnyDesk/8.0',
    }),
    JSON.stringify({
      event_id: 'demo-unknown-1',
      occurred_at: new Date(night.getTime() + 5 * 60_000).toISOString(),
      actor: 'helpdesk-temp7@manilasupport.example',
      system: 'Customer Admin Console',
      action: 'customer.view',
      resource: 'cust-10442',
      ip: '45.86.201.7',
      country: 'NL',
    }),
  );
  const summary = await ingestEvents(
    { ...admin, audit: userActor(admin) },
    'ndjson',
    [lines.join('\n')],
    { channel: 'cli', fileName: 'support-console-demo.ndjson' },
  );
  await detectEvents(
    admin.orgId,
    { batchId: summary.batchId },
    { type: 'system', id: null, label: 'detector' },
  );
  await refreshSignalDailyCounts(admin.orgId);
}

const HISTORY_DAYS = 21;

/**
 * Scores the demo, plus a backfilled history so the trend chart is not a single point. Honest
 * label: each past day is replayed from today's facts with only the signals whose window had
 * ended by that day; it is a demo convenience, not a record of what Vigil showed on that day.
 */
async function seedRisk(orgId: string) {
  const today = Date.now();
  for (let d = HISTORY_DAYS; d >= 1; d--)
    await recomputeOrgRisk(orgId, { now: new Date(today - d * 86_400_000), replay: true });
  await recomputeOrgRisk(orgId);
}

/** One open case about Jun Reyes's night export, so the demo shows an investigation under way. */
async function seedCase(compliance: OrgActor) {
  const night = await withTenant({ orgId: compliance.orgId, userId: compliance.userId }, (tx) =>
    tx
      .select({ id: signals.id, kind: signals.kind })
      .from(signals)
      .innerJoin(people, and(eq(people.orgId, signals.orgId), eq(people.id, signals.personId)))
      .where(
        and(
          eq(signals.orgId, compliance.orgId),
          eq(people.email, 'jun.reyes@manilasupport.example'),
          inArray(signals.kind, [...NIGHT_EXPORT_KINDS]),
        ),
      ),
  );
  if (night.length === 0) return;
  const opened = await openCase(compliance, {
    title: 'Jun Reyes: night export of VIP customers',
    summary:
      'A 3,120-record export of customers-vip.csv at 02:00 Manila time, from an Amsterdam IP through a remote-access tool. Establish whether the account was shared or sold.',
    severity: 'critical',
    assigneeUserId: compliance.userId,
    signalIds: night.map((s) => s.id),
  });
  await addCaseNote(compliance, {
    caseId: opened.id,
    body: 'Asked Manila Support Partners for the agent’s shift roster and device inventory.',
  });
}

/**
 * One kept evidence package, requested by the auditor for the year so far, so the evidence page
 * has a package to download and verify. Generated here rather than left to the worker.
 */
async function seedEvidence(auditor: OrgActor) {
  const to = isoDay(new Date());
  const pkg = await requestEvidencePackage(
    auditor,
    evidenceRequestSchema.parse({
      from: `${to.slice(0, 4)}-01-01`,
      to,
      scope: [...EVIDENCE_SECTIONS],
    }),
  );
  await runEvidencePackageJob({ orgId: auditor.orgId, packageId: pkg.id });
}

const DEMO_ANSWERS: Record<string, string> = {
  security_contact:
    'security@vendor.example; incidents reported within 24 hours by phone and email.',
  independent_audit: 'yes',
  background_checks: 'yes',
  mfa_everywhere: 'yes',
  access_offboarding: 'yes',
  data_location: 'EU (Frankfurt) and UK; sub-processors listed on the vendor page.',
  anti_bribery_training: 'yes',
};

async function* textChunks(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/**
 * Vendor reviews in three states: Ledgerline decided (approved with conditions, Chen reviewed,
 * Ada approved), Manila's periodic review under way with a finding and evidence, and Northwind's
 * onboarding review past its due date, so the vendor shows as overdue.
 */
async function seedVendorReviews(admin: OrgActor, compliance: OrgActor) {
  const byName = await withTenant({ orgId: admin.orgId, userId: admin.userId }, (tx) =>
    tx
      .select({ id: vendors.id, name: vendors.name })
      .from(vendors)
      .where(eq(vendors.orgId, admin.orgId)),
  );
  const vendorId = (name: string) => byName.find((v) => v.name === name)!.id;

  const ledgerline = await startVendorReview(compliance, {
    vendorId: vendorId('Ledgerline KYC Services'),
    kind: 'periodic',
  });
  await saveReviewAnswers(compliance, { reviewId: ledgerline.id, answers: DEMO_ANSWERS });
  await uploadReviewEvidence(
    compliance,
    { reviewId: ledgerline.id, fileName: 'ledgerline-access-review-2026.csv' },
    textChunks(
      'reviewer,account,decision\nops-lead,kyc-admin-01,keep\nops-lead,kyc-admin-07,revoke\n',
    ),
  );
  await addReviewFinding(compliance, {
    reviewId: ledgerline.id,
    title: 'SOC 2 Type II report has lapsed',
    severity: 'medium',
    remediation: 'Obtain the bridge letter now and the new SOC 2 Type II report when issued.',
    ownerUserId: compliance.userId,
    dueOn: daysFromToday(45),
  });
  await submitVendorReview(compliance, { reviewId: ledgerline.id });
  await decideVendorReview(admin, {
    reviewId: ledgerline.id,
    decision: 'approved_with_conditions',
    conditions: 'Provide the SOC 2 bridge letter within 45 days and the new report when issued.',
    rationale: 'Controls answered well; the audit gap is timing, not substance.',
  });

  const manila = await startVendorReview(compliance, {
    vendorId: vendorId('Manila Support Partners'),
    kind: 'periodic',
    dueOn: daysFromToday(14),
  });
  const { mfa_everywhere: _unanswered, ...partial } = DEMO_ANSWERS;
  await saveReviewAnswers(compliance, {
    reviewId: manila.id,
    answers: { ...partial, access_offboarding: 'no' },
  });
  await uploadReviewEvidence(
    compliance,
    { reviewId: manila.id, fileName: 'manila-offboarding-policy.txt' },
    textChunks(
      "Offboarding policy v3\nAccess is removed at the end of the agent's last shift; contractor accounts are reviewed monthly.\n",
    ),
  );
  await addReviewFinding(compliance, {
    reviewId: manila.id,
    title: 'Leavers keep access for up to a week',
    severity: 'high',
    remediation:
      'Tie account removal to the HR leaver feed and show us a month of removals within one business day.',
    ownerUserId: compliance.userId,
    dueOn: daysFromToday(30),
  });

  // Northwind's onboarding review was due ten days ago and is still open: the vendor is overdue.
  // The past date is demo backfill (no service sets one), written like the seed's other history.
  const northwindId = vendorId('Northwind Dev Contractors');
  await startVendorReview(compliance, {
    vendorId: northwindId,
    kind: 'onboarding',
    dueOn: daysFromToday(-10),
  });
  await withTenant({ orgId: admin.orgId, userId: admin.userId }, (tx) =>
    tx
      .update(vendors)
      .set({ nextReviewAt: daysFromToday(-10) })
      .where(and(eq(vendors.orgId, admin.orgId), eq(vendors.id, northwindId))),
  );
}

/** A grant line (CSV) whose access started before the given day offset. */
function isBefore(line: string, days: number): boolean {
  const starts = line.split(',')[3]!;
  return starts < daysFromToday(days);
}

/**
 * Last quarter's review of the support console, completed: everything kept except Maria's
 * reset_2fa, revoked by her manager. Its dates are moved back a quarter so it reads as history.
 */
async function seedLastQuarterReview(admin: OrgActor, userIds: Record<string, string>) {
  const compliance: OrgActor = {
    ...admin,
    userId: userIds['compliance@acme.test']!,
    email: 'compliance@acme.test',
    role: 'compliance',
  };
  const manager: OrgActor = {
    ...admin,
    userId: userIds['manager@acme.test']!,
    email: 'manager@acme.test',
    role: 'manager',
  };
  const options = await accessRequestOptions(admin);
  const console_ = options.privileges.find((p) => p.systemName === 'Customer Admin Console')!;
  const { id } = await createCampaign(compliance, {
    name: 'Support console review, last quarter',
    scope: { systemIds: [console_.systemId] },
    dueDate: daysFromToday(14),
  });
  await launchCampaign(compliance, { campaignId: id });
  const items = (await getCampaign(compliance, { campaignId: id })).items;
  const reset = items.filter((i) => i.privilege === 'reset_2fa');
  await decideReviewItems(manager, {
    itemIds: reset.map((i) => i.id),
    decision: 'revoke',
    rationale: 'Team leads no longer reset 2FA; account recovery goes to Security.',
  });
  const rest = items.filter((i) => i.privilege !== 'reset_2fa');
  await decideReviewItems(manager, {
    itemIds: rest.filter((i) => i.reviewer?.id === manager.userId).map((i) => i.id),
    decision: 'keep',
    rationale: 'Still needed for tier-1 support.',
  });
  const others = rest.filter((i) => i.reviewer?.id !== manager.userId).map((i) => i.id);
  if (others.length > 0)
    await decideReviewItems(compliance, {
      itemIds: others,
      decision: 'keep',
      rationale: 'Still needed for KYC review.',
    });
  await verifyReviewRemediations(admin.orgId);
  await withTenant({ orgId: admin.orgId, userId: admin.userId }, async (tx) => {
    await tx.execute(sql`update access_review_campaigns set
        created_at = created_at - interval '100 days', launched_at = launched_at - interval '100 days',
        completed_at = completed_at - interval '88 days', due_date = due_date - 100,
        updated_at = now()
      where org_id = ${admin.orgId} and id = ${id}`);
    await tx.execute(sql`update access_review_items set
        decided_at = decided_at - interval '88 days',
        remediation_executed_at = remediation_executed_at - interval '88 days',
        remediation_verified_at = remediation_verified_at - interval '88 days'
      where org_id = ${admin.orgId} and campaign_id = ${id}`);
    // Its assignment mail went out a quarter ago too: move it back so the outbox reads in order.
    await tx.execute(sql`update outbox_messages set created_at = created_at - interval '100 days',
        subject = replace(subject, ${daysFromToday(14)}, to_char(current_date + 14 - 100, 'YYYY-MM-DD'))
      where org_id = ${admin.orgId} and related_type = 'access_review_campaign'
        and related_id = ${id}`);
  });
  // The decision history is append-only for the app role: its dates move as the table owner.
  await withSystem(
    (tx) =>
      tx.execute(sql`update access_review_decisions set decided_at = decided_at - interval '88 days'
        where org_id = ${admin.orgId} and campaign_id = ${id}`),
    { orgId: admin.orgId },
  );
}

/** This quarter's review, running: the demo manager certifies his reports and his console. */
async function seedCurrentReview(admin: OrgActor, userIds: Record<string, string>) {
  const compliance: OrgActor = {
    ...admin,
    userId: userIds['compliance@acme.test']!,
    email: 'compliance@acme.test',
    role: 'compliance',
  };
  const options = await accessRequestOptions(admin);
  const console_ = options.privileges.find((p) => p.systemName === 'Customer Admin Console')!;
  const { id } = await createCampaign(compliance, {
    name: 'Support console review, this quarter',
    scope: { systemIds: [console_.systemId] },
    dueDate: daysFromToday(5),
  });
  await launchCampaign(compliance, { campaignId: id });
}
