const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** Times are shown in UTC, labelled, so every viewer reads the same instant. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '—';
  return `${dateTime.format(new Date(value))} UTC`;
}

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '—';
  return dateOnly.format(new Date(value));
}
