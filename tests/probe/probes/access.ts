import { fail, pass, type Probe } from '../probe';

/** Procedures anyone may call: each checks its own single-use token. */
const PUBLIC = new Set([
  'attestations.sign',
  'attestations.decline',
  'members.acceptInvitation',
  'notifications.unsubscribe',
]);

/** docs/SECURITY.md §Role checks: no procedure answers without a session or to the wrong role. */
export const accessProbes: Probe[] = [
  {
    id: 'access.unauthenticated',
    title: 'Every procedure refuses a caller without a session (public ones refuse a bad token)',
    async run(ctx) {
      const client = ctx.anonymous();
      const wrong: string[] = [];
      for (const { path, type } of ctx.procedures) {
        const input = PUBLIC.has(path) ? { token: 'x'.repeat(43) } : {};
        const answer =
          type === 'query' ? await client.query(path, input) : await client.mutate(path, input);
        const expected = PUBLIC.has(path)
          ? answer.status >= 400 && answer.status < 500
          : answer.status === 401;
        if (!expected) wrong.push(`${path} → ${answer.status}`);
      }
      const n = ctx.procedures.length;
      return wrong.length
        ? fail(wrong.slice(0, 5).join(', '), n)
        : pass(`${n} procedures: 401 (public ones 4xx)`, n);
    },
  },
  {
    id: 'access.roles',
    title: 'Managers cannot read signals or cases; auditors cannot change anything',
    async run(ctx) {
      const attempts = [
        { client: ctx.manager, path: 'signals.list', type: 'query' as const, input: {} },
        { client: ctx.manager, path: 'cases.list', type: 'query' as const, input: {} },
        { client: ctx.manager, path: 'audit.list', type: 'query' as const, input: {} },
        {
          client: ctx.auditor,
          path: 'vendors.create',
          type: 'mutation' as const,
          input: { name: 'Auditor Vendor', tier: 'low' },
        },
        {
          client: ctx.auditor,
          path: 'members.add',
          type: 'mutation' as const,
          input: { email: 'x@example.test', role: 'admin' },
        },
        {
          client: ctx.compliance,
          path: 'apiKeys.create',
          type: 'mutation' as const,
          input: { name: 'k', scopes: ['read'] },
        },
      ];
      const wrong: string[] = [];
      for (const a of attempts) {
        const answer =
          a.type === 'query'
            ? await a.client.query(a.path, a.input)
            : await a.client.mutate(a.path, a.input);
        // 403 for a role never allowed; 412 where an organization setting could allow it
        // (managers and their reports' signals, docs/PRIVACY.md). Either way: no data.
        const refused = (answer.status === 403 || answer.status === 412) && !answer.data;
        if (!refused) wrong.push(`${a.path} → ${answer.status}`);
      }
      return wrong.length
        ? fail(wrong.join(', '), attempts.length)
        : pass(`${attempts.length} calls refused (403/412), no data`, attempts.length);
    },
  },
];
