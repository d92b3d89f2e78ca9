import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
/** What start-up learned about the PostgreSQL login the app connected as. */
export interface DatabaseLogin {
  role: string;
  superuser: boolean;
}

/**
 * A superuser login turns one SQL injection into the whole cluster (`SET ROLE`, `COPY … TO
 * PROGRAM`), so production refuses it unless the operator opts in (docs/SECURITY.md §Database
 * roles). Returns the refusal, or null when the login may be used.
 */
export function superuserRefusal(
  login: DatabaseLogin,
  env: { NODE_ENV?: string; VIGIL_ALLOW_SUPERUSER?: string },
): string | null {
  if (!login.superuser || env.NODE_ENV !== 'production') return null;
  if (env.VIGIL_ALLOW_SUPERUSER === '1') return null;
  return (
    `DATABASE_URL connects as "${login.role}", a PostgreSQL superuser, which production refuses. ` +
    'Connect as a least-privilege login (`vigil db create-login`, docs/SECURITY.md §Database roles) ' +
    'and migrate with DATABASE_MIGRATION_URL, or set VIGIL_ALLOW_SUPERUSER=1 to accept the risk.'
  );
}

/** The database's refusal code for a missing privilege (SQLSTATE 42501). */
const INSUFFICIENT_PRIVILEGE = '42501';

/** True when an error (or the error it wraps) is PostgreSQL refusing for lack of privilege. */
export function isPrivilegeRefusal(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if (typeof e === 'object' && Reflect.get(e, 'code') === INSUFFICIENT_PRIVILEGE) return true;
    e = typeof e === 'object' ? Reflect.get(e, 'cause') : undefined;
  }
  return false;
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, the format of
 * pg_authid.rolpassword), computed here so `CREATE ROLE … PASSWORD` never carries the password
 * itself to the server or its statement log. Passwords are printable ASCII (the input schema),
 * which SASLprep leaves unchanged.
 */
export function scramVerifier(password: string, salt: Buffer, iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  const b64 = (b: Buffer) => b.toString('base64');
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`;
}
