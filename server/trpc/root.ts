import { accessRouter } from '@/server/routers/access';
import { accessReviewsRouter } from '@/server/routers/access-reviews';
import { accountRouter, secondFactorRouter } from '@/server/routers/account';
import { apiKeysRouter } from '@/server/routers/api-keys';
import { attestationsRouter } from '@/server/routers/attestations';
import { auditRouter } from '@/server/routers/audit';
import { candidatesRouter } from '@/server/routers/candidates';
import { casesRouter } from '@/server/routers/cases';
import { connectorsRouter } from '@/server/routers/connectors';
import { erasureRouter } from '@/server/routers/erasure';
import { evidenceRouter } from '@/server/routers/evidence';
import { identitiesRouter } from '@/server/routers/identities';
import { importsRouter } from '@/server/routers/imports';
import { ingestRouter } from '@/server/routers/ingest';
import { integrationsRouter } from '@/server/routers/integrations';
import { membersRouter } from '@/server/routers/members';
import { notificationsRouter } from '@/server/routers/notifications';
import { organizationRouter } from '@/server/routers/organization';
import { outboxRouter } from '@/server/routers/outbox';
import { overviewRouter } from '@/server/routers/overview';
import { peopleRouter } from '@/server/routers/people';
import { privacyRouter } from '@/server/routers/privacy';
import { retentionRouter } from '@/server/routers/retention';
import { riskRouter } from '@/server/routers/risk';
import { screeningRouter } from '@/server/routers/screening';
import { sessionRouter } from '@/server/routers/session';
import { siemRouter } from '@/server/routers/siem';
import { signalsRouter } from '@/server/routers/signals';
import { ssoRouter } from '@/server/routers/sso';
import { systemsRouter } from '@/server/routers/systems';
import { vendorReviewsRouter } from '@/server/routers/vendor-reviews';
import { vendorsRouter } from '@/server/routers/vendors';
import { webhooksRouter } from '@/server/routers/webhooks';
import { createCallerFactory, createRouter } from './init';

export const appRouter = createRouter({
  session: sessionRouter,
  account: accountRouter,
  secondFactor: secondFactorRouter,
  overview: overviewRouter,
  organization: organizationRouter,
  sso: ssoRouter,
  members: membersRouter,
  privacy: privacyRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  vendors: vendorsRouter,
  vendorReviews: vendorReviewsRouter,
  people: peopleRouter,
  systems: systemsRouter,
  imports: importsRouter,
  screening: screeningRouter,
  candidates: candidatesRouter,
  access: accessRouter,
  identities: identitiesRouter,
  signals: signalsRouter,
  cases: casesRouter,
  evidence: evidenceRouter,
  accessReviews: accessReviewsRouter,
  ingest: ingestRouter,
  risk: riskRouter,
  outbox: outboxRouter,
  siem: siemRouter,
  connectors: connectorsRouter,
  attestations: attestationsRouter,
  notifications: notificationsRouter,
  integrations: integrationsRouter,
  webhooks: webhooksRouter,
  retention: retentionRouter,
  erasure: erasureRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
