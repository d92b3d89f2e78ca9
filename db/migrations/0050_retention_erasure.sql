ALTER TABLE "organizations" ADD COLUMN "retention" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "payload_digest" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "payload_nonce" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "redacted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "legal_hold" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "evidence_snapshot" jsonb;