import { z } from 'zod';

export const SENSITIVITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];
export const sensitivitySchema = z.enum(SENSITIVITIES);

export const privilegeInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Privilege name is required')
    .max(120)
    .regex(/^[^:;]+$/, 'Privilege names cannot contain : or ;'),
  sensitivity: sensitivitySchema,
});

/** systems.csv `privileges`: `name:sensitivity;name:sensitivity`. */
export function parsePrivilegeList(cell: string): {
  privileges: { name: string; sensitivity: Sensitivity }[];
  errors: string[];
} {
  const privileges: { name: string; sensitivity: Sensitivity }[] = [];
  const errors: string[] = [];
  for (const part of cell
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, sensitivity, ...rest] = part.split(':').map((s) => s.trim());
    const parsed = privilegeInputSchema.safeParse({
      name,
      sensitivity: sensitivity?.toLowerCase(),
    });
    if (rest.length > 0 || !parsed.success) {
      errors.push(
        `"${part}" should be name:sensitivity with sensitivity one of ${SENSITIVITIES.join(', ')}`,
      );
      continue;
    }
    privileges.push(parsed.data);
  }
  return { privileges, errors };
}

/** Stored in a canonical order so (a, b) and (b, a) are the same pair. */
export function canonicalPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}
