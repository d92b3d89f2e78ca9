-- Screening tables are tenant tables (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('watchlist_entries');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('watchlist_matches');
