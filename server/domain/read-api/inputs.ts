import { z } from 'zod';
import { GRANT_STATUSES } from '../access/grant';
import { CASE_STATUSES } from '../cases/case';
import { keysetCursorSchema } from '../cursor';
import { SEVERITIES, SIGNAL_KINDS } from '../detectors/types';
import { PERSON_STATUSES, PERSON_TYPES } from '../inventory/person';
import { VENDOR_STATUSES, VENDOR_TIERS } from '../inventory/vendor';
import { RISK_BANDS } from '../risk/bands';
import { SIGNAL_STATUSES } from '../risk/person-input';

// The query parameters of the read API (docs/INTERFACES.md §HTTP read API). Every value arrives as
// a string; each schema is strict, so a misspelt parameter is an error rather than a silently
// unfiltered answer.

export const READ_PAGE_LIMIT = { min: 1, max: 500, default: 100 } as const;

const LIMIT_MESSAGE = `limit is a whole number from ${READ_PAGE_LIMIT.min} to ${READ_PAGE_LIMIT.max}`;
const limitSchema = z
  .string()
  .regex(/^\d{1,6}$/, LIMIT_MESSAGE)
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(READ_PAGE_LIMIT.min, LIMIT_MESSAGE)
      .max(READ_PAGE_LIMIT.max, LIMIT_MESSAGE),
  )
  .default(READ_PAGE_LIMIT.default);

// PostgreSQL text cannot hold NUL, so a value carrying one is refused here, not by the database.
const noNul = (s: string) => !s.includes('\u0000');

const textFilter = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max, `At most ${max} characters`)
    .refine(noNul, 'Control character NUL is not allowed');

const idFilter = z.uuid('Give an id (a UUID)');

/** One value or several separated by commas (`status=open,acknowledged`): any of them matches. */
function anyOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()))
    .pipe(
      z
        .array(
          z.enum(values, { error: `Use one or more of ${values.join(', ')} (comma-separated)` }),
        )
        .min(1)
        .max(values.length * 2),
    );
}

// Years PostgreSQL and JavaScript both hold; outside them the database would refuse the query.
const inYearRange = (d: Date) =>
  !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999;

const INSTANT_MESSAGE =
  'Give an RFC 3339 time with an offset (2026-09-17T22:14:03Z) or a date (2026-09-17, midnight UTC)';
const instantFilter = z
  .string()
  .trim()
  .transform((s, ctx): Date => {
    const isDate = z.iso.date().safeParse(s).success;
    const isTime = z.iso.datetime({ offset: true }).safeParse(s).success;
    const at = new Date(isDate ? `${s}T00:00:00Z` : s);
    if ((isDate || isTime) && inYearRange(at)) return at;
    ctx.addIssue({ code: 'custom', message: INSTANT_MESSAGE });
    return z.NEVER;
  });

/** `since` inclusive, `until` exclusive. */
const timeRange = {
  since: instantFilter.optional(),
  until: instantFilter.optional(),
};
const rangeIsOrdered = (f: { since?: Date; until?: Date }) =>
  !f.since || !f.until || f.since < f.until;
const RANGE_ERROR = { message: 'until must be later than since', path: ['until'] };

// Cursors hold the sort key of the last row of a page, exactly as the service wrote it.
const cursorInstant = z.iso.datetime().refine((s) => inYearRange(new Date(s)), 'out of range');
const cursorName = z.string().max(1000).refine(noNul);
/** Newest first on (time, id), the time in microseconds so no row is skipped between pages. */
const timeIdCursor = keysetCursorSchema(z.tuple([cursorInstant, z.uuid()]));
/** Alphabetical on (lower(name), id). */
const nameIdCursor = keysetCursorSchema(z.tuple([cursorName, z.uuid()]));

const page = { limit: limitSchema };

export const readPeopleSchema = z.strictObject({
  type: anyOf(PERSON_TYPES).optional(),
  status: anyOf(PERSON_STATUSES).optional(),
  vendorId: idFilter.optional(),
  q: textFilter(200).optional(),
  ...page,
  cursor: nameIdCursor.optional(),
});
export type ReadPeopleInput = z.output<typeof readPeopleSchema>;

export const readVendorsSchema = z.strictObject({
  tier: anyOf(VENDOR_TIERS).optional(),
  status: anyOf(VENDOR_STATUSES).optional(),
  ...page,
  cursor: nameIdCursor.optional(),
});
export type ReadVendorsInput = z.output<typeof readVendorsSchema>;

export const readGrantsSchema = z.strictObject({
  personId: idFilter.optional(),
  systemId: idFilter.optional(),
  status: anyOf(GRANT_STATUSES).optional(),
  ...page,
  cursor: timeIdCursor.optional(),
});
export type ReadGrantsInput = z.output<typeof readGrantsSchema>;

export const readSignalsSchema = z
  .strictObject({
    status: anyOf(SIGNAL_STATUSES).optional(),
    severity: anyOf(SEVERITIES).optional(),
    kind: anyOf(SIGNAL_KINDS).optional(),
    personId: idFilter.optional(),
    ...timeRange,
    ...page,
    cursor: timeIdCursor.optional(),
  })
  .refine(rangeIsOrdered, RANGE_ERROR);
export type ReadSignalsInput = z.output<typeof readSignalsSchema>;

/** A case's assignee: a member's user id or email, or `none` for unassigned cases. */
const assigneeFilter = z
  .string()
  .trim()
  .transform(
    (
      s,
      ctx,
    ): { kind: 'none' } | { kind: 'user'; userId: string } | { kind: 'email'; email: string } => {
      if (s === 'none') return { kind: 'none' };
      if (z.uuid().safeParse(s).success) return { kind: 'user', userId: s };
      if (z.email().max(320).safeParse(s).success) return { kind: 'email', email: s.toLowerCase() };
      ctx.addIssue({
        code: 'custom',
        message: 'Give the assignee’s user id or email, or none for unassigned cases',
      });
      return z.NEVER;
    },
  );

export const readCasesSchema = z.strictObject({
  status: anyOf(CASE_STATUSES).optional(),
  assignee: assigneeFilter.optional(),
  ...page,
  cursor: timeIdCursor.optional(),
});
export type ReadCasesInput = z.output<typeof readCasesSchema>;

const SCORE_MESSAGE = 'minScore is a number from 0 to 100';
export const readRiskPeopleSchema = z.strictObject({
  band: anyOf(RISK_BANDS).optional(),
  minScore: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,6})?$/, SCORE_MESSAGE)
    .transform(Number)
    .pipe(z.number().min(0, SCORE_MESSAGE).max(100, SCORE_MESSAGE))
    .optional(),
  ...page,
  /** Riskiest first on (risk, person id). */
  cursor: keysetCursorSchema(z.tuple([z.number(), z.uuid()])).optional(),
});
export type ReadRiskPeopleInput = z.output<typeof readRiskPeopleSchema>;

const AUDIT_NAME = /^[A-Za-z0-9_.:-]{1,100}$/;
export const readAuditSchema = z
  .strictObject({
    /** Exact (`case.opened`), or a prefix when it ends in `*` (`access.*`). */
    action: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9_.:-]{1,100}\*?$/,
        'Give an action such as case.opened, or a prefix ending in * such as access.*',
      )
      .optional(),
    entityType: z
      .string()
      .trim()
      .regex(AUDIT_NAME, 'Give an entity type such as person or access_grant')
      .optional(),
    entityId: textFilter(200).optional(),
    ...timeRange,
    ...page,
    /** Newest first on the chain's sequence number. */
    cursor: keysetCursorSchema(
      z.tuple([z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)]),
    ).optional(),
  })
  .refine(rangeIsOrdered, RANGE_ERROR);
export type ReadAuditInput = z.output<typeof readAuditSchema>;
