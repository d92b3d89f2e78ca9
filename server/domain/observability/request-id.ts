/**
 * A caller's `X-Request-Id` is kept when it looks like an id (a load balancer's or a client's
 * correlation id), so one id follows a request across the proxy, the app and its log lines. Any
 * other value (too long, spaces, quotes, control characters) is dropped and a fresh id used
 * instead: the id is echoed in responses and logs, so it must not carry text of the caller's.
 */
// No `@`: an id must not be able to carry an email address into the logs.
const REQUEST_ID = /^[A-Za-z0-9._:/+=-]{1,100}$/;

export function acceptedRequestId(header: string | null | undefined): string | null {
  const value = header?.trim();
  return value && REQUEST_ID.test(value) ? value : null;
}
