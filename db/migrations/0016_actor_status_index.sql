DROP INDEX "actor_identities_status_idx";--> statement-breakpoint
CREATE INDEX "actor_identities_status_idx" ON "actor_identities" USING btree ("org_id","status");--> statement-breakpoint
-- Leave room on each page so per-chunk count updates stay heap-only (HOT).
ALTER TABLE "actor_identities" SET (fillfactor = 80);
