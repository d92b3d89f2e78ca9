import type { SiemRecord, SiemSeverity } from './records';

/**
 * ArcSight CEF (docs/INTEGRATIONS.md §SIEM streaming): `CEF:0|Vendor|Product|Version|Signature
 * ID|Name|Severity|Extension`. Header fields escape `\` and `|`; extension values escape `\`, `=`
 * and line breaks; extension keys are fixed names here and need none.
 */
export const CEF_SEVERITY: Record<SiemSeverity, number> = {
  info: 1,
  low: 3,
  medium: 5,
  high: 8,
  critical: 10,
};

export function cefHeaderEscape(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

export function cefExtensionEscape(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/=/g, '\\=')
    .replace(/\r\n|\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

export function cefLine(record: SiemRecord): string {
  const header = [
    'CEF:0',
    'Vigil',
    'Vigil',
    '1',
    cefHeaderEscape(record.cef.signatureId),
    cefHeaderEscape(record.cef.name),
    String(CEF_SEVERITY[record.severity]),
  ].join('|');
  const extension = record.cef.extensions
    .filter((e): e is [string, string | number] => e[1] !== null && e[1] !== undefined)
    .map(([key, value]) => `${key}=${cefExtensionEscape(String(value))}`)
    .join(' ');
  return `${header}|${extension}`;
}
