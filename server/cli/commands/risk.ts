import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { riskReportSchema } from '@/server/domain/risk/inputs';
import { riskReport, type RiskReport } from '@/server/services/risk/queries';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';
import { command, orgFlag, orgIdFor, print, usage } from '../args';

const cell = (v: string, n: number) => (v.length > n ? `${v.slice(0, n - 1)}…` : v.padEnd(n));

/**
 * `vigil risk` without --json: two readable tables; each person with the headline of their risk
 * (docs/RISK.md §Explaining a score), each vendor with its top factors.
 */
function riskTable(r: RiskReport): string {
  const top = (f: { factor: string; points: number }[]) =>
    f
      .slice(0, 2)
      .map((x) => `${x.factor} ${x.points}`)
      .join(', ');
  return [
    `${cell('PERSON', 32)} ${cell('VENDOR', 20)} ${'BRIB'.padStart(5)} ${'COMP'.padStart(5)} ${cell('BAND', 8)} WHY`,
    ...r.people.map(
      (p) =>
        `${cell(`${p.name} <${p.email}>`, 32)} ${cell(p.vendor ?? '—', 20)} ${p.bribery.toFixed(1).padStart(5)} ${p.compromise.toFixed(1).padStart(5)} ${cell(p.band, 8)} ${p.headline}`,
    ),
    '',
    `${cell('VENDOR', 32)} ${'RISK'.padStart(5)} ${cell('BAND', 8)} TOP FACTORS`,
    ...r.vendors.map(
      (v) =>
        `${cell(v.name, 32)} ${v.risk.toFixed(1).padStart(5)} ${cell(v.band, 8)} ${top(v.factors)}`,
    ),
  ].join('\n');
}

/** `vigil risk --org S [--limit N]`: recompute, then the riskiest people and vendors. */
export const risk = command({
  args: z.object({
    org: orgFlag,
    positionals: z
      .array(z.string())
      .refine((rest) => rest.length === 0, usage('risk takes no positional arguments')),
    report: riskReportSchema,
  }),
  input: ({ values, positionals }) => ({
    org: values.org,
    positionals: positionals.slice(1),
    report: { limit: values.limit },
  }),
  handler: async ({ org, report: { limit } }, out) => {
    await getDatabaseHandle();
    const orgId = await orgIdFor(org);
    await recomputeOrgRisk(orgId);
    const report = await riskReport(orgId, { limit });
    print(out, riskTable(report), report);
  },
});
