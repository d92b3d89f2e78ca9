import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { people } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  personInputSchema,
  systemInputSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { createPerson } from '@/server/services/inventory/people-commands';
import { addToxicPair, createSystem } from '@/server/services/inventory/system-commands';
import { getSystem } from '@/server/services/inventory/system-queries';
import { changeVendorStatus, createVendor } from '@/server/services/inventory/vendor-commands';
import type { OrgActor } from '@/server/services/shared/actor';
import { daysFromToday } from './shared';

/** A small, believable inventory: outsourced support and KYC vendors, staff, and privileged systems. */
export async function seedInventory(admin: OrgActor, userIds: Record<string, string>) {
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
      await changeVendorStatus(admin, {
        vendorId,
        status,
        reason: status === 'active' ? 'Onboarding review approved' : 'Contract signed',
      });
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
      // A candidate's laptop is to be shipped here too (candidates.ts): docs/IMPOSTORS.md.
      { kind: 'address', value: 'ul. Prosta 51, Apt 12, 00-838 Warszawa, Poland' },
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
      { kind: 'phone', value: '+1 646 555 0187' },
    ],
    backgroundCheckStatus: 'not_started',
  });
  // A second candidate behind the same phone, typed the national way: one operator applying
  // under two names is the impostor tell identity_reuse raises (docs/DETECTORS.md §Identity reuse).
  await person({
    email: 'jordan.lee.codes@mail.example',
    fullName: 'Jordan Lee',
    type: 'candidate',
    country: 'US',
    timezone: 'America/Chicago',
    workMode: 'remote',
    identifiers: [
      { kind: 'github', value: '@jordanlee-codes' },
      { kind: 'phone', value: '(646) 555-0187' },
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
  await addToxicPair(admin, {
    privilegeA: byName('create_payee'),
    privilegeB: byName('approve_payment'),
    reason: 'One person could create a payee and pay it.',
  });
}
