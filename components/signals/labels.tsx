const SEVERITY_BADGES: Record<string, string> = {
  critical: 'badge-danger',
  high: 'badge-warn',
  medium: 'badge-brand',
  low: '',
};

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge ${SEVERITY_BADGES[severity] ?? ''}`}>{severity}</span>;
}

/** `impossible_travel` → "Impossible travel". */
// Acronyms keep their capitals ("MFA tampering", not "Mfa tampering").
const ACRONYMS: Record<string, string> = { mfa: 'MFA', ip: 'IP' };

export function kindLabel(kind: string): string {
  const words = kind
    .split('_')
    .map((w) => ACRONYMS[w] ?? w)
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const SIGNAL_STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  dismissed: 'Dismissed',
  escalated: 'Escalated',
  confirmed: 'Confirmed',
};
