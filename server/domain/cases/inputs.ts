import { z } from 'zod';
import { CASE_OUTCOMES, CASE_SEVERITIES, CASE_STATUSES } from './case';

const ids = (what: string) => z.array(z.uuid()).max(100, `At most 100 ${what} at a time`);
const reason = (what: string) =>
  z.string().trim().min(5, `${what} (at least 5 characters)`).max(2000);

/** Subjects a case is about; opening needs at least one. */
export const caseSubjectsSchema = z.object({
  signalIds: ids('signals').default([]),
  personIds: ids('people').default([]),
  vendorIds: ids('vendors').default([]),
});

export const openCaseSchema = caseSubjectsSchema
  .extend({
    title: z.string().trim().min(3, 'Give the case a title').max(200, 'Title is too long'),
    summary: z.string().trim().max(5000).default(''),
    severity: z.enum(CASE_SEVERITIES),
    assigneeUserId: z.uuid().optional(),
  })
  .refine((c) => c.signalIds.length + c.personIds.length + c.vendorIds.length > 0, {
    message: 'A case is about at least one signal, person or vendor',
    path: ['signalIds'],
  });

export const caseIdSchema = z.object({ caseId: z.uuid() });

export const addCaseSubjectsSchema = caseSubjectsSchema
  .extend({ caseId: z.uuid() })
  .refine((c) => c.signalIds.length + c.personIds.length + c.vendorIds.length > 0, {
    message: 'Choose at least one signal, person or vendor to add',
    path: ['signalIds'],
  });

export const caseNoteSchema = z.object({
  caseId: z.uuid(),
  body: z.string().trim().min(1, 'Write the note first').max(5000, 'Notes stop at 5000 characters'),
});

export const assignCaseSchema = z.object({
  caseId: z.uuid(),
  /** null unassigns. */
  assigneeUserId: z.uuid().nullable(),
});

export const startInvestigationSchema = caseIdSchema;

export const closeCaseSchema = z.object({
  caseId: z.uuid(),
  outcome: z.enum(CASE_OUTCOMES, 'Choose substantiated or unsubstantiated'),
  rationale: reason('Explain the outcome'),
});

export const revokeGrantActionSchema = z.object({
  caseId: z.uuid(),
  grantId: z.uuid('Choose a grant to revoke'),
  reason: reason('Give a reason'),
});

export const suspendVendorActionSchema = z.object({
  caseId: z.uuid(),
  vendorId: z.uuid('Choose a vendor to suspend'),
  reason: reason('Give a reason'),
});

export const rescreenPersonActionSchema = z.object({
  caseId: z.uuid(),
  personId: z.uuid('Choose a person to re-screen'),
});

export const listCasesSchema = z.object({
  // `active`: open or investigating; `all`: every status.
  status: z.enum([...CASE_STATUSES, 'active', 'all']).default('active'),
  severity: z.enum(CASE_SEVERITIES).optional(),
  /** A user id, or `none` for unassigned cases. */
  assignee: z.union([z.uuid(), z.literal('none')]).optional(),
  personId: z.uuid().optional(),
  vendorId: z.uuid().optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

export type OpenCaseInput = z.output<typeof openCaseSchema>;
export type CaseIdInput = z.output<typeof caseIdSchema>;
export type AddCaseSubjectsInput = z.output<typeof addCaseSubjectsSchema>;
export type CaseNoteInput = z.output<typeof caseNoteSchema>;
export type AssignCaseInput = z.output<typeof assignCaseSchema>;
export type StartInvestigationInput = z.output<typeof startInvestigationSchema>;
export type CloseCaseInput = z.output<typeof closeCaseSchema>;
export type RevokeGrantActionInput = z.output<typeof revokeGrantActionSchema>;
export type SuspendVendorActionInput = z.output<typeof suspendVendorActionSchema>;
export type RescreenPersonActionInput = z.output<typeof rescreenPersonActionSchema>;
export type ListCasesInput = z.output<typeof listCasesSchema>;
