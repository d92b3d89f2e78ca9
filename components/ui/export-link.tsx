/**
 * "Export CSV" for a list page: the page's own filters, every page of rows
 * (docs/INTERFACES.md §CSV exports). A plain link, so the browser downloads the attachment.
 */
export function ExportLink({
  list,
  filters,
}: {
  list: string;
  filters: Record<string, string | readonly string[] | undefined>;
}) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (key === 'cursor' || value === undefined) continue;
    for (const v of typeof value === 'string' ? [value] : value) if (v) q.append(key, v);
  }
  const query = q.toString();
  return (
    <a className="btn" href={`/api/export/${list}${query ? `?${query}` : ''}`} download>
      Export CSV
    </a>
  );
}
