/** What a section contributes to summary.pdf (docs/EVIDENCE.md §Contents). */
export interface SummaryBlock {
  title: string;
  figures: { label: string; value: number | string }[];
  /** Completion rates: done of total, drawn as a bar with its percentage. */
  rates: { label: string; done: number; total: number }[];
  chart: { title: string; bars: { label: string; value: number }[] } | null;
  /** Overdue items, revocations, substantiated cases: what an auditor asks about first. */
  exceptions: SummaryException[];
}

export interface SummaryException {
  kind: string;
  reference: string;
  detail: string;
  at: string;
}

/** A rate as the PDF prints it; an empty population is "—", not 0%. */
export function formatRate(done: number, total: number): string {
  if (total === 0) return '—';
  return `${Math.round((done / total) * 1000) / 10}%`;
}

/** The exceptions table keeps the most recent first and says how many more the CSVs hold. */
export function exceptionRows(blocks: readonly SummaryBlock[], limit: number) {
  const all = blocks.flatMap((b) => b.exceptions).sort((a, b) => b.at.localeCompare(a.at));
  return { rows: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
