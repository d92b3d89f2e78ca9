-- Webhook endpoints and their deliveries are tenant tables (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('webhook_endpoints');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('webhook_deliveries');
