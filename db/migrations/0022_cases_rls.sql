-- Cases, their subjects and timelines are tenant tables (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('cases');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('case_signals');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('case_people');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('case_vendors');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('case_events');
--> statement-breakpoint
-- The timeline is the case's record: the app appends to it and never rewrites it.
REVOKE UPDATE, DELETE, TRUNCATE ON case_events FROM vigil_app;
