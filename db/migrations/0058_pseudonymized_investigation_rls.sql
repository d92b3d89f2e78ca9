-- Reveals are a tenant table (docs/SECURITY.md §Row-level security).
SELECT vigil_enable_tenant_rls('person_reveals');
--> statement-breakpoint
-- Organizations that existed before pseudonymized investigation keep showing names until an admin
-- turns it on: switching mid-investigation would hide the people investigators are working on
-- (docs/PRIVACY.md §Pseudonymized investigation). New organizations start with it on.
UPDATE organizations
SET settings = jsonb_set(
  settings,
  '{investigation}',
  '{"pseudonymize": false, "managersSeeReportSignals": false}'::jsonb
)
WHERE NOT (settings ? 'investigation');
