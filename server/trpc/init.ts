import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import type { SharedReads } from '@/db/shared-reads';
import type { SessionMfaState } from '@/server/domain/mfa/policy';
import { errorFields } from '@/server/domain/observability/log-fields';
import type { Role } from '@/server/domain/tenancy/roles';
import {
  resolveSession,
  type SessionClaims,
  type SessionView,
} from '@/server/services/auth/sessions';
import { resolveAccountSession } from '@/server/services/mfa/session-state';
import { log } from '@/server/services/observability/logger';
import { metrics, secondsSince } from '@/server/services/observability/metrics';
import {
  noteRequestProcedure,
  noteRequestTenant,
} from '@/server/services/observability/request-context';
import type { OrgActor, RequestMeta } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { containsNul } from './contains-nul';

export type { SessionClaims };

export interface TrpcContext {
  session: SessionClaims | null;
  meta: RequestMeta;
  /**
   * Set by the server-component caller: a page render makes many read-only calls, and they share
   * one resolution of the member's session (HTTP calls, which may mutate, resolve it each time).
   */
  sessionView?: () => Promise<SessionView | null>;
  /**
   * Set by the server-component caller too: its query procedures share the render's read-only
   * transactions (db/shared-reads.ts). Mutations and HTTP calls never do.
   */
  sharedReads?: SharedReads;
}

/** The member's current session, role and memberships, read from the database. */
export function sessionViewOf(
  ctx: TrpcContext & { session: SessionClaims },
): Promise<SessionView | null> {
  return ctx.sessionView ? ctx.sessionView() : resolveSession(ctx.session);
}

/** Every procedure declares who may call it; the tenant-isolation test reads this. */
export type ProcedureMeta =
  { access: 'public' } | { access: 'user' } | { access: 'org'; roles: readonly Role[] };

const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, ctx }) {
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      return {
        ...shape,
        // Internal details never reach the browser; the request id ties the report to the log.
        message: internal
          ? `Something went wrong on our side (request ${ctx?.meta.requestId ?? 'unknown'}).`
          : shape.message,
        data: {
          ...shape.data,
          stack: undefined,
          fieldErrors:
            error.cause instanceof ZodError ? z.flattenError(error.cause).fieldErrors : undefined,
        },
      };
    },
  });

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns errors users can act on into typed tRPC errors; logs the rest without secrets. */
const mapErrors = t.middleware(async ({ next, path, ctx }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof UserFacingError) {
      throw new TRPCError({ code: cause.code, message: cause.message });
    }
    if (cause instanceof ZodError) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: cause.issues[0]?.message ?? 'Invalid input',
        cause,
      });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      // Class and SQLSTATE only: a driver's message can quote bound parameters (personal data).
      log.error(
        {
          event: 'trpc.failed',
          procedure: path,
          requestId: ctx.meta.requestId,
          ...errorFields((cause as { cause?: unknown } | undefined)?.cause ?? cause),
        },
        'procedure failed',
      );
    }
  }
  return result;
});

/**
 * PostgreSQL's data-format errors (a malformed date or id in a crafted page link, a byte text
 * cannot hold) are the caller's input, not a fault: 400 with a message (probe finding F4).
 */
const INPUT_ERROR_CODES = new Set(['22P02', '22007', '22008', '22003', '22021', '22001']);

function driverErrorCode(cause: unknown): string | undefined {
  const inner = (cause as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = inner?.code ?? (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

const mapInputErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && INPUT_ERROR_CODES.has(driverErrorCode(result.error.cause) ?? ''))
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message:
        'That input is not valid (a malformed value or page link). Start again from the page.',
    });
  return result;
});

/** NUL cannot be stored in PostgreSQL text; refuse it up front with a clear message (F4). */
const refuseNul = t.middleware(async ({ getRawInput, next }) => {
  if (containsNul(await getRawInput()))
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'Text may not contain the NUL character.',
    });
  return next();
});

/**
 * Every procedure's latency, under its path (docs/OPERATIONS.md §How requests are timed): this
 * covers HTTP calls and the server-component caller alike, which the route wrapper around
 * /api/trpc cannot tell apart. Outermost, so it sees the error code the client gets.
 */
const observe = t.middleware(async ({ next, path, type }) => {
  const started = performance.now();
  noteRequestProcedure(path);
  const result = await next();
  const outcome = result.ok
    ? 'ok'
    : result.error.code === 'INTERNAL_SERVER_ERROR'
      ? 'server_error'
      : 'client_error';
  metrics().trpcDuration.observe({ procedure: path, type, outcome }, secondsSince(started));
  return result;
});

const base = t.procedure.use(observe).use(mapErrors).use(mapInputErrors).use(refuseNul);

export const publicProcedure = base.meta({ access: 'public' });

/**
 * A signed-in user outside any organization's data (their invitations, their memberships). The
 * session must resolve, so a session still waiting for its second factor is refused here too.
 */
export const userProcedure = base.meta({ access: 'user' }).use(async ({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  const view = await sessionViewOf({ ...ctx, session: ctx.session });
  if (!view)
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Your session has ended. Sign in again.',
    });
  return next({ ctx: { session: ctx.session, view } });
});

const STATE_REFUSALS: Record<SessionMfaState, string> = {
  complete: 'You are already signed in.',
  second_factor: 'Finish signing in with your second factor first.',
  enrolment: 'Set up a second factor first: your organization requires one.',
};

/**
 * The signed-in user's own account (their second factors), allowed in the listed session states
 * only: the sign-in step accepts a session waiting for its second factor, enrolment a session
 * that must enrol, and nothing else accepts either (docs/SECURITY.md §Authentication).
 */
export function accountProcedure(states: readonly SessionMfaState[]) {
  return base.meta({ access: 'user' }).use(async ({ ctx, next }) => {
    if (!ctx.session)
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
    const account = await resolveAccountSession(ctx.session, ctx.meta);
    if (!account)
      throw new TRPCError({
        code: 'UNAUTHORIZED',
        message: 'Your session has ended. Sign in again.',
      });
    if (!states.includes(account.mfaState))
      throw new TRPCError({ code: 'FORBIDDEN', message: STATE_REFUSALS[account.mfaState] });
    return next({ ctx: { account } });
  });
}

/**
 * The builder every tenant procedure uses: it resolves the member's current role in the active
 * organization from the database (not from the cookie) and refuses roles not listed, so a router
 * cannot forget tenant scoping or the role check. Services receive only `ctx.actor`.
 */
export function orgProcedure(roles: readonly Role[]) {
  return base.meta({ access: 'org', roles }).use(async ({ ctx, next, type }) => {
    if (!ctx.session)
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
    const view: SessionView | null = await sessionViewOf({ ...ctx, session: ctx.session });
    if (!view)
      throw new TRPCError({
        code: 'UNAUTHORIZED',
        message: 'Your session has ended. Sign in again.',
      });
    if (!view.active)
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: 'You are not a member of this organization.',
      });
    if (!roles.includes(view.active.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Your role does not allow this.' });
    }
    noteRequestTenant(view.active.orgId);
    const actor: OrgActor = {
      orgId: view.active.orgId,
      userId: view.user.id,
      email: view.user.email,
      role: view.active.role,
      ...ctx.meta,
    };
    if (ctx.sharedReads && type === 'query')
      return ctx.sharedReads.enter(() => next({ ctx: { actor, view } }));
    return next({ ctx: { actor, view } });
  });
}
