-- Access-review campaigns, items and decision history are tenant tables (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('access_review_campaigns');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('access_review_items');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('access_review_decisions');
--> statement-breakpoint
-- The decision history is evidence (docs/PRODUCT.md §Access reviews): the app appends to it and never rewrites it.
REVOKE UPDATE, DELETE, TRUNCATE ON access_review_decisions FROM vigil_app;
