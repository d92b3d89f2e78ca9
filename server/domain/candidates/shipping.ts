import { countryFromText } from './countries';

/**
 * Known package forwarders and reshippers, and the words their addresses carry
 * (docs/IMPOSTORS.md §Shipping address). A laptop sent to one leaves the country the candidate
 * declared without anyone seeing where it went: the pattern behind laptop farms. Matched on the
 * normalized address (lower case, punctuation as spaces), as whole words.
 */
export const FREIGHT_FORWARDER_PATTERNS: readonly { pattern: RegExp; label: string }[] = [
  { pattern: /\bshipito\b/, label: 'Shipito' },
  { pattern: /\bmyus\b|\bmy us com\b/, label: 'MyUS' },
  { pattern: /\bstackry\b/, label: 'Stackry' },
  { pattern: /\bplanet express\b/, label: 'Planet Express' },
  { pattern: /\bforward2me\b/, label: 'Forward2Me' },
  { pattern: /\bborderlinx\b/, label: 'Borderlinx' },
  { pattern: /\bviabox\b/, label: 'Viabox' },
  { pattern: /\bqwintry\b/, label: 'Qwintry' },
  { pattern: /\bshop ?and ?ship\b|\bshop ship\b/, label: 'Shop and Ship' },
  { pattern: /\bcomgateway\b/, label: 'ComGateway' },
  { pattern: /\bpackage ?bridge\b/, label: 'Package Bridge' },
  { pattern: /\busgobuy\b/, label: 'USGoBuy' },
  { pattern: /\bopasbox\b|\bopas box\b/, label: 'Opas Box' },
  { pattern: /\bheyshop\b|\bbuyandship\b|\bbuy and ship\b/, label: 'Buyandship' },
  { pattern: /\bparcl\b/, label: 'Parcl' },
  { pattern: /\bbongo\b/, label: 'Bongo' },
  { pattern: /\breship\b|\breshipper\b|\breshipping\b/, label: 'a reshipping service' },
  {
    pattern: /\b(?:package|parcel|freight|mail) forward(?:er|ers|ing)?\b/,
    label: 'a forwarding service',
  },
  { pattern: /\bpmb\b|\bprivate mailbox\b/, label: 'a private mailbox (PMB)' },
  { pattern: /\bpo box\b/, label: 'a post-office box' },
];

function lowerWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\bp\.\s*o\.?\s*box\b/g, 'po box')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The forwarder an address names, or null. */
export function freightForwarderIn(address: string): string | null {
  const words = lowerWords(address);
  return FREIGHT_FORWARDER_PATTERNS.find((f) => f.pattern.test(words))?.label ?? null;
}

export interface ShippingFacts {
  /** As the candidate gave it; null when none is recorded. */
  address: string | null;
  /** ISO code given with the address, else read from its last part. */
  addressCountry: string | null;
  /** The candidate's declared location: the person's country, else read from their location. */
  declaredCountry: string | null;
  declaredLocation: string | null;
  /** Other people (staff or candidates) holding the same normalized address. */
  sharedWith: readonly { type: string }[];
}

export type ShippingVerdict = { result: 'pass' | 'fail' | 'open'; detail: string };

const TYPE_WORDS: Record<string, string> = {
  employee: 'an employee',
  contractor: 'a contractor',
  vendor_staff: 'a vendor staff member',
  candidate: 'another candidate',
};

/**
 * The laptop shipping address against the declared location: failed when it goes to a forwarder,
 * to another country than declared, or to an address another person gave; open when the address
 * or either country is missing (docs/IMPOSTORS.md §Shipping address).
 */
export function judgeShipping(f: ShippingFacts): ShippingVerdict {
  if (!f.address) return { result: 'open', detail: 'No laptop shipping address recorded.' };
  const problems: string[] = [];
  const forwarder = freightForwarderIn(f.address);
  if (forwarder) problems.push(`The address is ${forwarder}, a package forwarder.`);
  const addressCountry = f.addressCountry ?? countryFromText(f.address);
  const declared = f.declaredCountry ?? countryFromText(f.declaredLocation);
  if (addressCountry && declared && addressCountry !== declared)
    problems.push(
      `The address is in ${addressCountry} but the candidate declared ${declared}${f.declaredLocation ? ` (${f.declaredLocation})` : ''}.`,
    );
  if (f.sharedWith.length) {
    const counts = new Map<string, number>();
    for (const p of f.sharedWith) counts.set(p.type, (counts.get(p.type) ?? 0) + 1);
    const who = [...counts]
      .map(([type, n]) =>
        n === 1 ? (TYPE_WORDS[type] ?? type) : `${n} ${type.replace('_', ' ')}s`,
      )
      .join(' and ');
    problems.push(`The same address is used by ${who}.`);
  }
  if (problems.length) return { result: 'fail', detail: problems.join(' ') };
  if (!addressCountry)
    return {
      result: 'open',
      detail: 'The address names no country Vigil can read; record the shipping country.',
    };
  if (!declared)
    return { result: 'open', detail: 'The candidate declared no country to compare with.' };
  return { result: 'pass', detail: `Ships within the declared country (${declared}).` };
}
