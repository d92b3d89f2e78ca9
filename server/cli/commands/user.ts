import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { addUserCliSchema } from '@/server/domain/tenancy/inputs';
import { getEnv } from '@/server/env';
import { addUserAsOperator } from '@/server/services/tenancy/members';
import { command, orgFlag, orgIdFor, print } from '../args';

/** `vigil user add`: with --password a new account, without one an invitation link. */
export const userAdd = command({
  args: z.object({ org: orgFlag, member: addUserCliSchema }),
  input: ({ values }) => ({
    org: values.org,
    member: {
      email: values.email,
      role: values.role,
      password: values.password,
      name: values.name,
    },
  }),
  handler: async ({ org, member }, out) => {
    await getDatabaseHandle();
    const result = await addUserAsOperator(await orgIdFor(org), member);
    if (result.kind === 'invited') {
      const base = getEnv().NEXTAUTH_URL ?? 'http://localhost:3000';
      const link = `${base.replace(/\/$/, '')}/invite/${result.token}`;
      print(
        out,
        `Invited ${member.email} as ${member.role}; the link is mailed to them too (or waits in the outbox without SMTP). Single-use link, shown once:\n${link}`,
        {
          kind: 'invited',
          email: member.email,
          role: member.role,
          link,
          expiresAt: result.expiresAt,
        },
      );
    } else {
      print(
        out,
        `${result.kind === 'added' ? 'Added' : 'Updated'} ${member.email} as ${member.role}.`,
        { kind: result.kind, email: member.email, role: member.role, userId: result.userId },
      );
    }
  },
});
