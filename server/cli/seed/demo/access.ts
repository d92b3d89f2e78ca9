import { accessRequestInputSchema, decideAccessStepSchema } from '@/server/domain/access/inputs';
import { accessRequestOptions } from '@/server/services/access/grant-queries';
import { decideAccessStep, requestAccess } from '@/server/services/access/requests';
import { userActor } from '@/server/services/audit/log';
import { runImport } from '@/server/services/import/run';
import type { OrgActor } from '@/server/services/shared/actor';
import { seedLastQuarterReview } from './access-reviews';
import { daysFromToday, demoActor } from './shared';

/**
 * Access as a live tenant has it: existing grants imported from the old spreadsheet, one request
 * that went through the workflow, and one waiting on the admin that the gate still blocks.
 */
export async function seedAccess(admin: OrgActor, userIds: Record<string, string>) {
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

  const manager = demoActor(admin, userIds, 'manager@acme.test', 'manager');
  const options = await accessRequestOptions(manager);
  const personId = (email: string) => options.people.find((p) => p.email === email)!.id;
  const privilegeId = (system: string, name: string) =>
    options.privileges.find((p) => p.systemName === system && p.name === name)!.id;
  const approved = await requestAccess(
    manager,
    accessRequestInputSchema.parse({
      personId: personId('maria.santos@manilasupport.example'),
      privilegeId: privilegeId('Treasury Payments', 'view_balances'),
      justification: 'Answer customers asking where their withdrawal is.',
      durationDays: 30,
    }),
  );
  await decideAccessStep(
    admin,
    decideAccessStepSchema.parse({
      grantId: approved.grantId,
      decision: 'approve',
      comment: 'Read-only, time-boxed.',
    }),
  );
  await requestAccess(
    manager,
    accessRequestInputSchema.parse({
      personId: personId('jun.reyes@manilasupport.example'),
      privilegeId: privilegeId('Customer Admin Console', 'view_customer'),
      justification: 'Covering escalations while Maria is on leave.',
      durationDays: 14,
    }),
  );
}

/** A grant line (CSV) whose access started before the given day offset. */
function isBefore(line: string, days: number): boolean {
  const starts = line.split(',')[3]!;
  return starts < daysFromToday(days);
}
