CREATE TABLE "evidence_packages" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"scope" text[] NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"requested_by" uuid,
	"requested_by_label" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"progress_note" text,
	"error" text,
	"started_at" timestamp with time zone,
	"generated_at" timestamp with time zone,
	"snapshot_at" timestamp with time zone,
	"manifest_sha256" text,
	"size_bytes" bigint,
	"file_count" integer,
	"row_count" bigint,
	"file_location" text,
	CONSTRAINT "evidence_packages_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "evidence_packages" ADD CONSTRAINT "evidence_packages_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_packages" ADD CONSTRAINT "evidence_packages_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_packages_list_idx" ON "evidence_packages" USING btree ("org_id","requested_at");--> statement-breakpoint
CREATE INDEX "evidence_packages_manifest_idx" ON "evidence_packages" USING btree ("org_id","manifest_sha256");