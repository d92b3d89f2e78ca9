import {
  addCaseSubjectsSchema,
  assignCaseSchema,
  caseIdSchema,
  caseNoteSchema,
  closeCaseSchema,
  listCasesSchema,
  openCaseSchema,
  rescreenPersonActionSchema,
  revokeGrantActionSchema,
  startInvestigationSchema,
  suspendVendorActionSchema,
} from '@/server/domain/cases/inputs';
import { CASE_READERS, INVESTIGATORS } from '@/server/domain/tenancy/roles';
import {
  rescreenPersonFromCase,
  revokeGrantFromCase,
  suspendVendorFromCase,
} from '@/server/services/cases/case-actions';
import {
  addCaseNote,
  addCaseSubjects,
  assignCase,
  closeCase,
  openCase,
  startInvestigation,
} from '@/server/services/cases/case-commands';
import {
  caseAssigneeOptions,
  caseCounts,
  getCase,
  listCases,
  openCaseOptions,
} from '@/server/services/cases/case-queries';
import { createRouter, orgProcedure } from '@/server/trpc/init';

export const casesRouter = createRouter({
  list: orgProcedure(CASE_READERS)
    .input(listCasesSchema)
    .query(({ ctx, input }) => listCases(ctx.actor, input)),
  counts: orgProcedure(CASE_READERS).query(({ ctx }) => caseCounts(ctx.actor)),
  get: orgProcedure(CASE_READERS)
    .input(caseIdSchema)
    .query(({ ctx, input }) => getCase(ctx.actor, input)),
  openOptions: orgProcedure(INVESTIGATORS).query(({ ctx }) => openCaseOptions(ctx.actor)),
  assigneeOptions: orgProcedure(CASE_READERS).query(({ ctx }) => caseAssigneeOptions(ctx.actor)),
  open: orgProcedure(INVESTIGATORS)
    .input(openCaseSchema)
    .mutation(({ ctx, input }) => openCase(ctx.actor, input)),
  addSubjects: orgProcedure(INVESTIGATORS)
    .input(addCaseSubjectsSchema)
    .mutation(({ ctx, input }) => addCaseSubjects(ctx.actor, input)),
  addNote: orgProcedure(INVESTIGATORS)
    .input(caseNoteSchema)
    .mutation(({ ctx, input }) => addCaseNote(ctx.actor, input)),
  assign: orgProcedure(INVESTIGATORS)
    .input(assignCaseSchema)
    .mutation(({ ctx, input }) => assignCase(ctx.actor, input)),
  startInvestigation: orgProcedure(INVESTIGATORS)
    .input(startInvestigationSchema)
    .mutation(({ ctx, input }) => startInvestigation(ctx.actor, input)),
  revokeGrant: orgProcedure(INVESTIGATORS)
    .input(revokeGrantActionSchema)
    .mutation(({ ctx, input }) => revokeGrantFromCase(ctx.actor, input)),
  suspendVendor: orgProcedure(INVESTIGATORS)
    .input(suspendVendorActionSchema)
    .mutation(({ ctx, input }) => suspendVendorFromCase(ctx.actor, input)),
  rescreenPerson: orgProcedure(INVESTIGATORS)
    .input(rescreenPersonActionSchema)
    .mutation(({ ctx, input }) => rescreenPersonFromCase(ctx.actor, input)),
  close: orgProcedure(INVESTIGATORS)
    .input(closeCaseSchema)
    .mutation(({ ctx, input }) => closeCase(ctx.actor, input)),
});
