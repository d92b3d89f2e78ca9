-- Inventory tables are tenant tables: row-level security on each (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('vendors');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('vendor_status_history');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('people');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('person_identifiers');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('systems');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('privileges');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('toxic_pairs');
--> statement-breakpoint
-- Status history is a record: it is appended, never rewritten.
REVOKE UPDATE, DELETE ON vendor_status_history FROM vigil_app;
