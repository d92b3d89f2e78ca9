import { DEMO_PASSWORD } from '../http-client';
import { fail, pass, type Probe } from '../probe';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function timedSignIn(ctx: Parameters<Probe['run']>[0], email: string): Promise<number> {
  const started = performance.now();
  await ctx.anonymous().signIn(email, 'wrong-password-for-probe');
  return performance.now() - started;
}

/** docs/SECURITY.md §Authentication, probed from outside. */
export const sessionProbes: Probe[] = [
  {
    id: 'auth.equal-work',
    finding: 'F5',
    title: 'A wrong password and an unknown email take the same time',
    async run(ctx) {
      // Two unmeasured attempts warm the server up; then eight pairs in alternating order over
      // two accounts. Four failures each stay under the lockout (five); both sign in again after,
      // which clears their failure counts.
      await timedSignIn(ctx, 'nobody-warm-1@acme.test');
      await timedSignIn(ctx, 'nobody-warm-2@acme.test');
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 8; i++) {
        const account = i < 4 ? 'auditor@acme.test' : 'compliance@acme.test';
        if (i % 2) known.push(await timedSignIn(ctx, account));
        unknown.push(await timedSignIn(ctx, `nobody-${i}@acme.test`));
        if (!(i % 2)) known.push(await timedSignIn(ctx, account));
      }
      const ratio = median(known) / median(unknown);
      const detail = `median ${median(known).toFixed(0)} ms vs ${median(unknown).toFixed(0)} ms (ratio ${ratio.toFixed(2)})`;
      await ctx.anonymous().signIn('auditor@acme.test', DEMO_PASSWORD);
      await ctx.anonymous().signIn('compliance@acme.test', DEMO_PASSWORD);
      // Wide bounds: one machine's noise moves single requests by tens of milliseconds; the
      // finding was a 1.75× gap from skipping the hash, which these bounds still catch.
      return ratio < 1.5 && ratio > 1 / 1.5 ? pass(detail, 20) : fail(detail, 20);
    },
  },
  {
    id: 'auth.session-after-reenable',
    finding: 'F6',
    title: 'Disabling and re-enabling a member ends the sessions they had',
    async run(ctx) {
      const victim = ctx.anonymous();
      const signedIn = await victim.signIn('manager@acme.test', DEMO_PASSWORD);
      if (!signedIn.ok) return fail('the manager could not sign in', 2);
      const members = await ctx.admin.query('members.list');
      const rows = Object.values((members.data ?? {}) as object).find(Array.isArray) as
        { userId: string; email: string }[] | undefined;
      const managerId = (rows ?? []).find((m) => m.email === 'manager@acme.test')?.userId;
      if (!managerId) return fail('manager not found in the member list', 3);
      await ctx.admin.mutate('members.setStatus', { userId: managerId, status: 'disabled' });
      await ctx.admin.mutate('members.setStatus', { userId: managerId, status: 'active' });
      const after = await victim.query('session.me');
      return after.status === 401
        ? pass('the old cookie answers 401 after re-enabling', 6)
        : fail(`the old cookie still answers ${after.status}`, 6);
    },
  },
  {
    id: 'auth.org-name-confusion',
    finding: 'F7',
    title: "Another tenant's name cannot pick the organization a member lands in",
    async run(ctx) {
      await ctx.admin.switchOrganization(ctx.borealisOrgId);
      const org = await ctx.admin.query('organization.get');
      const { name, settings } = org.data as { name: string; settings: unknown };
      await ctx.admin.mutate('organization.update', { name: '0 Acme Exchange', settings });
      await ctx.admin.switchOrganization(ctx.acmeOrgId);
      const fresh = ctx.anonymous();
      await fresh.signIn('admin@acme.test', DEMO_PASSWORD);
      const me = await fresh.query('session.me');
      const view = me.data as { active?: { orgId: string }; memberships?: { slug: string }[] };
      await ctx.admin.switchOrganization(ctx.borealisOrgId);
      await ctx.admin.mutate('organization.update', { name, settings });
      await ctx.admin.switchOrganization(ctx.acmeOrgId);
      const slugs = new Set(view.memberships?.map((m) => m.slug));
      return view.active?.orgId === ctx.acmeOrgId && slugs.size === view.memberships?.length
        ? pass('lands in the organization used last; slugs tell them apart', 10)
        : fail(`landed in ${view.active?.orgId ?? '?'}`, 10);
    },
  },
  {
    id: 'auth.forwarded-for',
    finding: 'F2',
    title:
      "A client's own X-Forwarded-For neither picks its rate-limit bucket nor reaches the audit log",
    async run(ctx) {
      // Three failures (under the lockout) from three forged addresses; the bucket key and the
      // audit entry use the same address, so a forged one in the log would mean a forged bucket.
      for (let i = 1; i <= 3; i++) {
        const client = ctx.anonymous({ 'x-forwarded-for': `10.3.3.${i}` });
        await client.signIn('manager@acme.test', 'wrong-password-for-probe');
      }
      const audit = await ctx.auditor.query('audit.list', { action: 'auth.sign_in_failed' });
      const entries = Object.values((audit.data ?? {}) as object).find(Array.isArray) as
        unknown[] | undefined;
      if (!entries?.length) return fail(`no failed sign-in in the audit log (${audit.status})`, 4);
      return audit.body.includes('10.3.3.')
        ? fail('the audit log recorded a forged address', 4)
        : pass(`${entries.length} failed sign-ins audited, none with the forged address`, 4);
    },
  },
];
