/**
 * What an evidence package can contain (docs/EVIDENCE.md §Contents). A section is
 * available once a population module for it is registered (server/services/evidence/populations);
 * until then the form shows it as not available yet.
 */
export const EVIDENCE_SECTIONS = [
  'inventory',
  'access',
  'access_reviews',
  'vendor_reviews',
  'attestations',
  'signals_cases',
  'audit',
] as const;
export type EvidenceSection = (typeof EVIDENCE_SECTIONS)[number];

export const EVIDENCE_SECTION_LABELS: Record<EvidenceSection, string> = {
  inventory: 'Vendor inventory, people and systems',
  access: 'Access requests and grants',
  access_reviews: 'Access reviews',
  vendor_reviews: 'Vendor reviews',
  attestations: 'Attestations',
  signals_cases: 'Signals and cases',
  audit: 'Audit log segment',
};

/** Longest period one package covers: a year of a large tenant is the benchmarked case. */
export const MAX_PERIOD_DAYS = 3 * 366;

const DAY_MS = 86_400_000;

/** The half-open instant range [start, end) a period of whole UTC days covers. */
export function periodBounds(p: { from: string; to: string }): { start: Date; end: Date } {
  const start = new Date(`${p.from}T00:00:00.000Z`);
  const end = new Date(new Date(`${p.to}T00:00:00.000Z`).getTime() + DAY_MS);
  return { start, end };
}
