-- Risk scores, ledgers, history and weights are tenant tables (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('person_risk_scores');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('person_risk_factors');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('vendor_risk_scores');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('vendor_risk_factors');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('risk_history');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('risk_band_daily');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('risk_weights');
--> statement-breakpoint
SELECT vigil_enable_tenant_rls('risk_recomputes');
