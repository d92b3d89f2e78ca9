import type { ProbeClient } from '../http-client';
import { fail, pass, type Probe, type ProbeContext } from '../probe';

/** The second organization's records as its admin reads them, to prove nothing changed. */
async function borealisSnapshot(ctx: ProbeContext): Promise<string> {
  const { personId, vendorId, systemId, caseId } = ctx.borealisIds;
  const reads = await Promise.all([
    ctx.admin.query('people.get', { personId }),
    ctx.admin.query('vendors.get', { vendorId }),
    ctx.admin.query('systems.get', { systemId }),
    ctx.admin.query('cases.get', { caseId }),
  ]);
  return JSON.stringify(reads.map((r) => r.data ?? r.error));
}

function leaks(body: string, ctx: ProbeContext): string | null {
  for (const [key, id] of Object.entries(ctx.borealisIds)) if (body.includes(id)) return key;
  return body.includes('Borealis Probe') ? 'a record name' : null;
}

async function call(client: ProbeClient, path: string, type: string, input: unknown) {
  return type === 'query' ? client.query(path, input) : client.mutate(path, input);
}

/** docs/SECURITY.md §Tenant isolation, probed from outside: ids of another tenant lead nowhere. */
export const crossTenantProbes: Probe[] = [
  {
    id: 'tenant.ids-of-another-org',
    title: "Every procedure, given another organization's ids, reveals and changes nothing",
    async run(ctx) {
      await ctx.admin.switchOrganization(ctx.borealisOrgId);
      const before = await borealisSnapshot(ctx);
      let requests = 4;
      const wrong: string[] = [];
      for (const { path, type } of ctx.procedures) {
        for (const [key, id] of Object.entries(ctx.borealisIds)) {
          const answer = await call(ctx.compliance, path, type, { [key]: id });
          requests += 1;
          const leaked = leaks(answer.body, ctx);
          if (leaked) wrong.push(`${path}(${key}) answered with ${leaked}`);
          if (answer.status >= 500) wrong.push(`${path}(${key}) → ${answer.status}`);
        }
      }
      const after = await borealisSnapshot(ctx);
      requests += 4;
      await ctx.admin.switchOrganization(ctx.acmeOrgId);
      if (after !== before) wrong.push("the other organization's records changed");
      return wrong.length
        ? fail(wrong.slice(0, 5).join('; '), requests)
        : pass(`${requests} calls; no leak, no change, no 500`, requests);
    },
  },
  {
    id: 'tenant.switch-to-foreign-org',
    title: 'A member cannot switch into an organization they do not belong to',
    async run(ctx) {
      await ctx.compliance.switchOrganization(ctx.borealisOrgId);
      const me = await ctx.compliance.query('session.me');
      const orgId = (me.data as { active?: { orgId?: string } } | undefined)?.active?.orgId;
      const people = await ctx.compliance.query('people.list', {});
      const leaked = leaks(people.body, ctx);
      return orgId === ctx.acmeOrgId && !leaked
        ? pass('the session stays in its own organization', 3)
        : fail(`session organization ${orgId ?? '?'}; leak: ${leaked ?? 'none'}`, 3);
    },
  },
];
