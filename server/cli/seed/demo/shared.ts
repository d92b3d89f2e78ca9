import type { Role } from '@/server/domain/tenancy/roles';
import { isoDay } from '@/server/domain/time';
import type { OrgActor } from '@/server/services/shared/actor';

/** A calendar day (YYYY-MM-DD) the given number of days from today. */
export const daysFromToday = (days: number) => isoDay(new Date(Date.now() + days * 86_400_000));

/** Another demo user acting in the admin's organization. */
export const demoActor = (
  admin: OrgActor,
  userIds: Record<string, string>,
  email: string,
  role: Role,
): OrgActor => ({ ...admin, userId: userIds[email]!, email, role });
