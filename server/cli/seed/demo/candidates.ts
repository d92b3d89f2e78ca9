import { sql } from 'drizzle-orm';
import { withTenant } from '@/db/tenant';
import { MANUAL_CHECKS, type ManualCheck } from '@/server/domain/candidates/checks';
import { recordCheckSchema } from '@/server/domain/candidates/inputs';
import { userActor } from '@/server/services/audit/log';
import { recordCandidateCheck } from '@/server/services/candidates/check-commands';
import { importCandidates } from '@/server/services/candidates/import';
import type { OrgActor } from '@/server/services/shared/actor';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { daysFromToday } from './shared';

// Candidates in the hiring pipeline (docs/IMPOSTORS.md): one nearly cleared, one behind a VoIP
// number shipping the laptop to a contractor's flat, one shipping to a package forwarder abroad,
// and the two applicants the inventory seeds behind one phone.
const CSV = [
  'email,full_name,country,location,phone,stage,role,recruiter,shipping_address,applied_on,external_ids',
  `nadia.farouk@mail.example,Nadia Farouk,DE,"Berlin, Germany",+49 151 23456789,Reference check,Compliance Analyst,Rita Mensah,"12 Linden Street, 10115 Berlin, Germany",${daysFromToday(-30)},linkedin:https://www.linkedin.com/in/nadia-farouk`,
  `victor.hale@proton.example,Victor Hale,GB,"Manchester, United Kingdom",+44 56 1234 5678,Offer,Senior Wallet Engineer,Rita Mensah,"ul. Prosta 51, Apt 12, 00-838 Warszawa, Poland",${daysFromToday(-18)},github:victorhale-dev`,
  `marcus.webb@mail.example,Marcus Webb,CA,"Toronto, Canada",+1 416 555 0142,Technical interview,Backend Engineer,Omar Haddad,"Shipito, 1010 S Broadway Ste 5, Torrance, CA 90502, United States",${daysFromToday(-9)},`,
  `sam.taylor.dev@gmail.example,Sam Taylor,US,"New York, United States",,Technical interview,Backend Engineer,Omar Haddad,,${daysFromToday(-12)},`,
  `jordan.lee.codes@mail.example,Jordan Lee,US,"Chicago, United States",,Phone screen,Backend Engineer,Omar Haddad,,${daysFromToday(-4)},`,
].join('\n');

const RECORDED: Record<string, Partial<Record<ManualCheck, ['pass' | 'fail', string]>>> = {
  'nadia.farouk@mail.example': {
    government_id: ['pass', 'German ID card checked through the identity provider.'],
    video_interview: ['pass', 'Panel interview, 45 minutes.'],
    camera_on: ['pass', 'Camera on throughout.'],
    face_match: ['pass', 'Matches the ID photo.'],
  },
  'victor.hale@proton.example': Object.fromEntries(
    MANUAL_CHECKS.map((k) => [k, ['pass', 'Recorded by the recruiter.']]),
  ),
  'marcus.webb@mail.example': {
    government_id: ['pass', 'Passport scan reviewed.'],
    video_interview: ['pass', 'Technical interview held live.'],
    camera_on: ['fail', 'Camera "broken" for the whole interview; audio only.'],
  },
};

export async function seedCandidates(compliance: OrgActor) {
  // Sam Taylor and Jordan Lee keep the identifiers the inventory gave them (blank external_ids).
  await importCandidates({ ...compliance, audit: userActor(compliance) }, 'vigil', CSV, {
    dryRun: false,
  });
  const ids = await withTenant({ orgId: compliance.orgId, userId: compliance.userId }, async (tx) =>
    rowsOf<{ id: string; email: string }>(
      await tx.execute(
        sql`select id, email from people where org_id = ${compliance.orgId} and type = 'candidate'`,
      ),
    ),
  );
  for (const { id, email } of ids)
    for (const [check, [result, note]] of Object.entries(RECORDED[email] ?? {}))
      await recordCandidateCheck(
        compliance,
        recordCheckSchema.parse({ personId: id, check, result, note }),
      );
}
