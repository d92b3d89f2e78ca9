-- Connectors and their runs are tenant tables (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('connectors');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('connector_runs');
