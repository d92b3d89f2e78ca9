-- Vendor reviews, their evidence, findings and questionnaires are tenant tables (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('vendor_review_questionnaires');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('vendor_reviews');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('vendor_review_evidence');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('vendor_review_findings');
--> statement-breakpoint
-- Evidence is a record: the app adds files and never rewrites or removes one.
REVOKE UPDATE, DELETE, TRUNCATE ON vendor_review_evidence FROM vigil_app;
