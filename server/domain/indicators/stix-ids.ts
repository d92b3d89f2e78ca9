import { createHash } from 'node:crypto';

/** Vigil's UUIDv5 namespace for the STIX objects it writes (docs/IMPOSTORS.md §Stable ids). */
export const VIGIL_STIX_NAMESPACE = '6d1f6c3e-5b0a-5c3e-9f5e-7a1b2c3d4e5f';

/** RFC 9562 UUIDv5: SHA-1 of the namespace bytes and the name, version and variant bits set. */
export function uuidV5(name: string, namespace = VIGIL_STIX_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `type--uuidv5(name)`: the same name gives the same id on every export. */
export const stixId = (type: string, name: string) => `${type}--${uuidV5(`${type}|${name}`)}`;
