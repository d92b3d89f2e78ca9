import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';

// docs/IMPOSTORS.md §Phone line type: a number that is not tied to a SIM or a fixed line at an
// address costs an impostor nothing to obtain and nothing to abandon. The full ("max") metadata is
// needed: the default metadata cannot tell a line's type.
const VIRTUAL_TYPES: Partial<Record<NonNullable<NumberType>, string>> = {
  VOIP: 'a VoIP number',
  PERSONAL_NUMBER: 'a personal (follow-me) number, forwarded to any line',
  UAN: 'a universal access number, routed to any line',
  VOICEMAIL: 'a voicemail-only number',
  PAGER: 'a pager number',
  PREMIUM_RATE: 'a premium-rate number',
  SHARED_COST: 'a shared-cost number',
  TOLL_FREE: 'a toll-free number',
};

const REAL_TYPES = new Set<NumberType>(['MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE']);

export interface PhoneLine {
  /** E.164. */
  phone: string;
  /** libphonenumber's type, or null when the metadata cannot tell. */
  type: NumberType | null;
  /** Why the line is flagged, or null when it is a mobile or fixed line. */
  flag: string | null;
}

/** The line type of one E.164 number, and why it is flagged when it is virtual. */
export function phoneLineOf(phone: string): PhoneLine {
  const parsed = parsePhoneNumberFromString(phone);
  const type = parsed?.getType() ?? null;
  if (type && VIRTUAL_TYPES[type]) return { phone, type, flag: VIRTUAL_TYPES[type]! };
  return { phone, type, flag: null };
}

export type LineVerdict =
  | { result: 'pass'; detail: string }
  | { result: 'fail'; detail: string }
  | { result: 'open'; detail: string };

/**
 * The phone-line check over every phone a candidate gave: failed when any is virtual, open when
 * none was given or a line's type cannot be told, passed when each is a mobile or fixed line.
 */
export function judgePhoneLines(phones: readonly string[]): LineVerdict {
  if (phones.length === 0) return { result: 'open', detail: 'No phone number recorded.' };
  const lines = phones.map(phoneLineOf);
  const flagged = lines.filter((l) => l.flag);
  if (flagged.length)
    return {
      result: 'fail',
      detail: flagged.map((l) => `${l.phone} is ${l.flag} (${l.type}).`).join(' '),
    };
  const unknown = lines.filter((l) => !l.type || !REAL_TYPES.has(l.type));
  if (unknown.length)
    return {
      result: 'open',
      detail: `The line type of ${unknown.map((l) => l.phone).join(', ')} cannot be told from the numbering plan; confirm it with the carrier.`,
    };
  return {
    result: 'pass',
    detail: lines.map((l) => `${l.phone}: ${l.type!.toLowerCase().replace(/_/g, ' ')}`).join('; '),
  };
}
