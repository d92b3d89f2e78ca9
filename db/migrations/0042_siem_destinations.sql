CREATE TABLE "siem_destinations" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"config" jsonb NOT NULL,
	"token_sealed" text,
	"token_hint" text,
	"sources" text[] NOT NULL,
	"event_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"outbound_seq" bigint DEFAULT 0 NOT NULL,
	"audit_seq" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"lease_owner" uuid,
	"lease_until" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "siem_destinations_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "siem_destinations" ADD CONSTRAINT "siem_destinations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "siem_destinations_org_name_key" ON "siem_destinations" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE INDEX "siem_destinations_status_idx" ON "siem_destinations" USING btree ("org_id","status");