import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { users, vendorReviewQuestionnaires } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { UpdateQuestionnaireInput } from '@/server/domain/vendor-reviews/inputs';
import {
  DEFAULT_REVIEW_QUESTIONS,
  readQuestionSet,
  type Question,
} from '@/server/domain/vendor-reviews/questionnaire';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { assertEditor, audit } from './review-access';

/** The organization's question set, or the default one. */
export async function loadQuestions(tx: Tx, orgId: string): Promise<Question[]> {
  const [row] = await tx
    .select({ questions: vendorReviewQuestionnaires.questions })
    .from(vendorReviewQuestionnaires)
    .where(eq(vendorReviewQuestionnaires.orgId, orgId));
  return row ? readQuestionSet(row.questions) : DEFAULT_REVIEW_QUESTIONS;
}

export async function getReviewQuestionnaire(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select({
        questions: vendorReviewQuestionnaires.questions,
        updatedAt: vendorReviewQuestionnaires.updatedAt,
        updatedBy: users.email,
      })
      .from(vendorReviewQuestionnaires)
      .leftJoin(users, eq(users.id, vendorReviewQuestionnaires.updatedBy))
      .where(eq(vendorReviewQuestionnaires.orgId, actor.orgId));
    return {
      questions: row ? readQuestionSet(row.questions) : DEFAULT_REVIEW_QUESTIONS,
      isDefault: !row,
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  });
}

/** Replaces the organization's question set; reviews already started keep theirs. */
export async function updateReviewQuestionnaire(actor: OrgActor, input: UpdateQuestionnaireInput) {
  assertEditor(actor);
  const { questions } = input;
  return withTenant(tenantOf(actor), async (tx) => {
    const before = await loadQuestions(tx, actor.orgId);
    await tx
      .insert(vendorReviewQuestionnaires)
      .values({ orgId: actor.orgId, questions, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: vendorReviewQuestionnaires.orgId,
        set: { questions, updatedBy: actor.userId, updatedAt: new Date() },
      });
    await audit(
      tx,
      actor,
      'vendor_review.questionnaire_updated',
      'organization',
      actor.orgId,
      { questions: before },
      { questions },
    );
    return { questions: questions.length };
  });
}
