-- Access-review campaigns, items and decision history are tenant tables (spec/quality.md "Security").
SELECT vigil_enable_tenant_rls('access_review_campaigns');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('access_review_items');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('access_review_decisions');
--> statement-breakpoint
-- The decision history is evidence (spec/domain.md): the app appends to it and never rewrites it.
REVOKE UPDATE, DELETE, TRUNCATE ON access_review_decisions FROM vigil_app;
