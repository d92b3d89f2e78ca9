// Where people live and travel: coordinates for Okta's geographicalContext, the country name Okta
// writes, and an address block per country so home and office egress IPs look like that country.

export interface Place {
  city: string;
  /** ISO alpha-2 */
  country: string;
  /** The English name Okta writes in geographicalContext.country. */
  countryName: string;
  timezone: string;
  lat: number;
  lon: number;
  /** First two octets of the addresses handed out there. */
  net: string;
}

const p = (
  city: string,
  country: string,
  countryName: string,
  timezone: string,
  lat: number,
  lon: number,
  net: string,
): Place => ({ city, country, countryName, timezone, lat, lon, net });

export const PLACES = {
  london: p('London', 'GB', 'United Kingdom', 'Europe/London', 51.51, -0.13, '81.2'),
  manchester: p('Manchester', 'GB', 'United Kingdom', 'Europe/London', 53.48, -2.24, '86.12'),
  dublin: p('Dublin', 'IE', 'Ireland', 'Europe/Dublin', 53.35, -6.26, '86.40'),
  lisbon: p('Lisbon', 'PT', 'Portugal', 'Europe/Lisbon', 38.72, -9.14, '85.240'),
  manila: p('Manila', 'PH', 'Philippines', 'Asia/Manila', 14.6, 120.98, '112.198'),
  cebu: p('Cebu City', 'PH', 'Philippines', 'Asia/Manila', 10.32, 123.89, '112.199'),
  warsaw: p('Warsaw', 'PL', 'Poland', 'Europe/Warsaw', 52.23, 21.01, '83.0'),
  krakow: p('Krakow', 'PL', 'Poland', 'Europe/Warsaw', 50.06, 19.94, '83.1'),
  bengaluru: p('Bengaluru', 'IN', 'India', 'Asia/Kolkata', 12.97, 77.59, '49.36'),
  pune: p('Pune', 'IN', 'India', 'Asia/Kolkata', 18.52, 73.86, '49.37'),
  newYork: p('New York', 'US', 'United States', 'America/New_York', 40.71, -74.0, '24.0'),
  singapore: p('Singapore', 'SG', 'Singapore', 'Asia/Singapore', 1.35, 103.82, '118.200'),
  // Travel destinations and the places attacks come from.
  paris: p('Paris', 'FR', 'France', 'Europe/Paris', 48.86, 2.35, '90.84'),
  dubai: p('Dubai', 'AE', 'United Arab Emirates', 'Asia/Dubai', 25.2, 55.27, '94.200'),
  amsterdam: p('Amsterdam', 'NL', 'Netherlands', 'Europe/Amsterdam', 52.37, 4.9, '145.90'),
  tokyo: p('Tokyo', 'JP', 'Japan', 'Asia/Tokyo', 35.68, 139.69, '126.10'),
  lagos: p('Lagos', 'NG', 'Nigeria', 'Africa/Lagos', 6.52, 3.38, '105.112'),
  hoChiMinh: p('Ho Chi Minh City', 'VN', 'Vietnam', 'Asia/Ho_Chi_Minh', 10.82, 106.63, '113.161'),
  almaty: p('Almaty', 'KZ', 'Kazakhstan', 'Asia/Almaty', 43.24, 76.89, '95.56'),
} as const;

export type PlaceName = keyof typeof PLACES;

/** A host in the place's block; `host` picks a stable address (a home router, an office NAT). */
export function ipIn(place: Place, host: number): string {
  const h = Math.abs(host) % 65_000;
  return `${place.net}.${Math.floor(h / 250) % 250}.${(h % 250) + 2}`;
}

/** Commercial VPN exits (hosting providers): Okta marks them securityContext.isProxy. */
export const VPN_EXITS = [
  { ip: '185.220.101.14', place: PLACES.amsterdam },
  { ip: '185.220.101.87', place: PLACES.amsterdam },
  { ip: '146.70.117.22', place: PLACES.london },
  { ip: '146.70.183.5', place: PLACES.paris },
] as const;

export const BROWSERS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
] as const;

export const AWS_CLI_AGENT =
  'aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard';
export const AWS_CONSOLE_AGENT = 'AWS Internal';
export const ANYDESK_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 AnyDesk/8.1.0';
