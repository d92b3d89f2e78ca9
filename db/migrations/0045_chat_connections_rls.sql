-- Chat connections and their deliveries are tenant tables (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('chat_connections');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('chat_deliveries');
