CREATE TABLE "attestation_campaigns" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"template_id" uuid NOT NULL,
	"template_key" text,
	"template_version" integer NOT NULL,
	"template" jsonb NOT NULL,
	"audience" jsonb NOT NULL,
	"audience_label" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"launched_by" uuid,
	"launched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attestation_campaigns_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "attestation_requests" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"recipient_email" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_expires_at" timestamp with time zone NOT NULL,
	"token_used_at" timestamp with time zone,
	"status" text DEFAULT 'pending' NOT NULL,
	"answers" jsonb,
	"typed_signature" text,
	"decline_reason" text,
	"responded_at" timestamp with time zone,
	"signer_ip" text,
	"signer_user_agent" text,
	"signed_document" text,
	"signed_sha256" text,
	"disclosures" integer DEFAULT 0 NOT NULL,
	"reminders_sent" text[] DEFAULT '{}'::text[] NOT NULL,
	"last_reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attestation_requests_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "attestation_templates" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"key" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"questions" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attestation_templates_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "attestation_campaigns" ADD CONSTRAINT "attestation_campaigns_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_campaigns" ADD CONSTRAINT "attestation_campaigns_launched_by_users_id_fk" FOREIGN KEY ("launched_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_campaigns" ADD CONSTRAINT "attestation_campaigns_org_id_template_id_attestation_templates_org_id_id_fk" FOREIGN KEY ("org_id","template_id") REFERENCES "public"."attestation_templates"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_requests" ADD CONSTRAINT "attestation_requests_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_requests" ADD CONSTRAINT "attestation_requests_org_id_campaign_id_attestation_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."attestation_campaigns"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_requests" ADD CONSTRAINT "attestation_requests_org_id_person_id_people_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_templates" ADD CONSTRAINT "attestation_templates_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_templates" ADD CONSTRAINT "attestation_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_templates" ADD CONSTRAINT "attestation_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attestation_campaigns_recent_idx" ON "attestation_campaigns" USING btree ("org_id","launched_at");--> statement-breakpoint
CREATE UNIQUE INDEX "attestation_requests_person_key" ON "attestation_requests" USING btree ("org_id","campaign_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attestation_requests_token_key" ON "attestation_requests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "attestation_requests_person_idx" ON "attestation_requests" USING btree ("org_id","person_id");--> statement-breakpoint
CREATE INDEX "attestation_requests_open_idx" ON "attestation_requests" USING btree ("org_id","status") WHERE status in ('pending', 'overdue');--> statement-breakpoint
CREATE UNIQUE INDEX "attestation_templates_key" ON "attestation_templates" USING btree ("org_id","key") WHERE key is not null;