import type { z } from 'zod';

/**
 * A service called the way its router calls it: services take parsed input, so the input is parsed
 * first, and an input the schema refuses rejects the returned promise (as the service did when it
 * parsed for itself).
 */
export function parsing<S extends z.ZodType, A, Rest extends unknown[], R>(
  schema: S,
  service: (actor: A, input: z.output<S>, ...rest: Rest) => Promise<R>,
): (actor: A, input: z.input<S>, ...rest: Rest) => Promise<R> {
  return async (actor, input, ...rest) => service(actor, schema.parse(input), ...rest);
}
