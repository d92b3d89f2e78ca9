/**
 * An error a user caused and can act on. Routers map `code` to a TRPCError; the CLI prints the
 * message and exits 1. Anything else is a programmer error and is never shown verbatim.
 */
export class UserFacingError extends Error {
  constructor(
    readonly code:
      | 'NOT_FOUND'
      | 'CONFLICT'
      | 'BAD_REQUEST'
      | 'FORBIDDEN'
      | 'PRECONDITION_FAILED'
      | 'PAYLOAD_TOO_LARGE'
      | 'UNSUPPORTED_MEDIA_TYPE'
      | 'TOO_MANY_REQUESTS',
    message: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}
