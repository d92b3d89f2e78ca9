-- Screening tables are tenant tables (spec/quality.md "Security").
SELECT vigil_enable_tenant_rls('watchlist_entries');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('watchlist_matches');
