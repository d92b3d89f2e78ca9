-- Evidence packages are a tenant table (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('evidence_packages');
--> statement-breakpoint
-- A kept package is a record: its row changes while it is generated, and is never deleted.
REVOKE DELETE, TRUNCATE ON evidence_packages FROM vigil_app;
