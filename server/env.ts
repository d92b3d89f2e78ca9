import { z } from 'zod';

// Every environment variable Vigil reads, validated once (README "Configuration").
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
      .optional(),
    // The schema owner's URL, used only to migrate; DATABASE_URL is then the least-privilege
    // login (`vigil db create-login`, docs/SECURITY.md §Database roles). Unset: DATABASE_URL
    // migrates too.
    DATABASE_MIGRATION_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        'DATABASE_MIGRATION_URL must be a postgres:// or postgresql:// URL',
      )
      .optional(),
    // A streaming replica; `/api/ready` reports its replay lag (docs/OPERATIONS.md §Health).
    DATABASE_REPLICA_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        'DATABASE_REPLICA_URL must be a postgres:// or postgresql:// URL',
      )
      .optional(),
    // Production refuses a superuser DATABASE_URL unless this is 1.
    VIGIL_ALLOW_SUPERUSER: z.enum(['0', '1']).default('0'),
    VIGIL_DATA_DIR: z.string().min(1).default('.data'),
    // Where generated evidence packages are kept (default: VIGIL_DATA_DIR/evidence-packages).
    VIGIL_EVIDENCE_PACKAGES_DIR: z.string().min(1).optional(),
    NEXTAUTH_URL: z.url().optional(),
    NEXTAUTH_SECRET: z
      .string()
      .min(32, 'NEXTAUTH_SECRET must be at least 32 characters')
      .optional(),
    SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(720).default(8),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    // Proxies in front of the app that append to X-Forwarded-For; the client address is the
    // entry this many places from the right (entries further left are client-supplied). The
    // default 0 believes no entry: without a proxy Next.js passes a client's own header through,
    // so trusting it would let a client choose its rate-limit bucket (docs/SECURITY.md §Web).
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).default('Single sign-on'),
    // SAML 2.0 (docs/SECURITY.md §Single sign-on): the IdP's SSO URL (HTTP-Redirect binding) and
    // its signing certificate (PEM, or the base64 body alone); the SP entity id defaults to the
    // metadata URL. Needs NEXTAUTH_URL (the ACS URL is absolute).
    SAML_ENTRY_POINT: z.url().optional(),
    SAML_IDP_CERT: z.string().min(1).optional(),
    SAML_IDP_ISSUER: z.string().min(1).optional(),
    SAML_SP_ENTITY_ID: z.string().min(1).optional(),
    SAML_NAME: z.string().min(1).default('SAML single sign-on'),
    SAML_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
    // The in-process job worker (expiries, revocations); `off` leaves jobs to `vigil jobs run`.
    VIGIL_WORKER: z.enum(['on', 'off']).default('on'),
    VIGIL_WORKER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
    // HTTP ingest API (docs/INTERFACES.md §Errors and limits): a body over the
    // first limit answers 413 before or while streaming; the second stops gzip bombs (it counts
    // plain bodies too); the rate is per API key across all app instances.
    VIGIL_INGEST_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(8 * 1024 ** 3)
      .default(100 * 1024 ** 2),
    VIGIL_INGEST_MAX_DECOMPRESSED_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(8 * 1024 ** 3)
      .default(1024 ** 3),
    // Work one HTTP ingest (API or browser upload) may cost (docs/INGEST.md §Limits): lines,
    // blank ones included (a gzip body of newlines stops here), and seconds for the whole run.
    VIGIL_INGEST_MAX_LINES: z.coerce
      .number()
      .int()
      .min(1000)
      .max(1_000_000_000)
      .default(10_000_000),
    VIGIL_INGEST_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
    // The browser upload's body as sent (the page refuses a larger file before sending it).
    VIGIL_UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(8 * 1024 ** 3)
      .default(200 * 1024 ** 2),
    // `vigil ingest` reads an operator's own files: larger limits, the same guards; 0 seconds
    // means no time limit.
    VIGIL_CLI_INGEST_MAX_DECOMPRESSED_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 ** 3)
      .default(8 * 1024 ** 3),
    VIGIL_CLI_INGEST_MAX_LINES: z.coerce
      .number()
      .int()
      .min(1000)
      .max(10_000_000_000)
      .default(100_000_000),
    VIGIL_CLI_INGEST_MAX_SECONDS: z.coerce.number().int().min(0).max(604_800).default(3600),
    // Seals secrets Vigil must reuse (webhook signing secrets, Slack tokens, connector tokens):
    // 32 random bytes, base64 or hex (`openssl rand -base64 32`). Without it such secrets are
    // refused. The previous key opens values sealed before a rotation (docs/SECURITY.md).
    VIGIL_SECRETS_KEY: z.string().min(1).optional(),
    VIGIL_SECRETS_KEY_PREVIOUS: z.string().min(1).optional(),
    // Seed of the Ed25519 key that signs the audit chain's published head (32 bytes, base64 or
    // hex); unset, it is derived from VIGIL_SECRETS_KEY (docs/SECURITY.md §Audit chain).
    VIGIL_ANCHOR_KEY: z.string().min(1).optional(),
    // Slack's Web API base (docs/INTEGRATIONS.md §Slack); tests point it at a local stand-in.
    VIGIL_SLACK_API_URL: z.url().default('https://slack.com/api/'),
    // Webhooks, Slack and Teams URLs may reach loopback, private and link-local addresses and
    // plain http:// only when this is 1: a local receiver in development or tests
    // (docs/INTEGRATIONS.md §Webhooks).
    VIGIL_WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
    VIGIL_INGEST_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
    // Read API requests per API key per minute, counted apart from ingest (docs/INTERFACES.md
    // §HTTP read API), so a client paging through an export never starves a log shipper.
    VIGIL_READ_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
    // SCIM requests per API key per minute (docs/SCIM.md): a full sync of a large directory is
    // thousands of requests, and an identity provider retries what 429 refuses.
    VIGIL_SCIM_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
    // Mail (docs/PRODUCT.md §Mail and the outbox): SMTP when set, otherwise the admin's outbox.
    // e.g. smtps://user:pass@smtp.example.com:465 or smtp://relay.internal:25
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'SMTP_URL must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).max(200).default('Vigil <no-reply@vigil.invalid>'),
    // Vendor review evidence: stored in the database unless a folder is named; larger files 413.
    VIGIL_EVIDENCE_DIR: z.string().min(1).optional(),
    VIGIL_EVIDENCE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 ** 3)
      .default(25 * 1024 ** 2),
    // Observability (docs/OPERATIONS.md): the bearer token Prometheus presents at /metrics
    // (unset: /metrics answers 404), and the log level of the JSON lines on stdout.
    VIGIL_METRICS_TOKEN: z
      .string()
      .min(16, 'VIGIL_METRICS_TOKEN must be at least 16 characters')
      .regex(/^\S+$/, 'VIGIL_METRICS_TOKEN may not contain spaces')
      .optional(),
    VIGIL_LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .refine(
    (e) =>
      [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].every((v) => v === undefined) ||
      [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].every((v) => v !== undefined),
    { message: 'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together' },
  )
  .refine(
    (e) =>
      [e.SAML_ENTRY_POINT, e.SAML_IDP_CERT].every((v) => v === undefined) ||
      (e.SAML_ENTRY_POINT !== undefined &&
        e.SAML_IDP_CERT !== undefined &&
        e.NEXTAUTH_URL !== undefined),
    { message: 'SAML_ENTRY_POINT and SAML_IDP_CERT must be set together, with NEXTAUTH_URL' },
  );

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Empty strings count as unset, so `FOO= npm run dev` behaves like leaving FOO out. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const raw = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'env'}: ${i.message}`)
      .join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

/**
 * What a production server refuses to start without. Without NEXTAUTH_URL, next-auth and every
 * mailed link fall back to http://localhost:3000, so a failed sign-in would send the browser to
 * the user's own machine (docs/SECURITY.md §Web).
 */
export function productionStartProblems(env: Env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  return env.NEXTAUTH_URL === undefined
    ? ['NEXTAUTH_URL must be set in production: the public address Vigil is served at']
    : [];
}

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function oidcEnabled(env: Env = getEnv()): boolean {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}

export function samlEnabled(env: Env = getEnv()): boolean {
  return Boolean(env.SAML_ENTRY_POINT && env.SAML_IDP_CERT && env.NEXTAUTH_URL);
}

/** Tests that stub process.env re-read it; the app reads it once. */
export function resetEnvForTests(): void {
  cached = undefined;
}
