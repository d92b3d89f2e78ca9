-- Access grants and their approval steps are tenant tables (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('access_grants');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('approval_steps');
--> statement-breakpoint
-- The job queue belongs to workers (the table owner); the app role has no path to it.
REVOKE ALL ON jobs FROM vigil_app;
--> statement-breakpoint
REVOKE ALL ON SEQUENCE jobs_id_seq FROM vigil_app;
