-- Candidates and their checks are tenant tables (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('candidates');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('candidate_checks');
