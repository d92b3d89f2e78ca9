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

export const systemInputSchema = z
  .object({
    name: z.string().trim().min(2, 'Name is too short').max(200, 'Name is too long'),
    ownerUserId: z.uuid().optional(),
    criticality: sensitivitySchema.default('medium'),
    dataClassification: z
      .enum(['public', 'internal', 'confidential', 'restricted'])
      .default('internal'),
    privileges: z.array(privilegeInputSchema).max(200).default([]),
    // Names the access logs use for this system (Okta app label, AWS account id, …).
    aliases: z
      .array(z.string().trim().min(1).max(200, 'An alias is too long'))
      .max(50, 'At most 50 aliases')
      .default([]),
  })
  .refine(
    (s) => new Set(s.privileges.map((p) => p.name.toLowerCase())).size === s.privileges.length,
    {
      message: 'Each privilege name must be unique within the system',
      path: ['privileges'],
    },
  );
export type SystemInput = z.infer<typeof systemInputSchema>;

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

export const toxicPairInputSchema = z
  .object({
    privilegeA: z.uuid(),
    privilegeB: z.uuid(),
    reason: z.string().trim().min(5, 'Say why the pair is toxic').max(500),
  })
  .refine((p) => p.privilegeA !== p.privilegeB, {
    message: 'A toxic pair needs two different privileges',
    path: ['privilegeB'],
  });

/** Stored in a canonical order so (a, b) and (b, a) are the same pair. */
export function canonicalPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}
