CREATE TABLE "access_review_campaigns" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"scope" jsonb NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"launched_by" uuid,
	"launched_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"item_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_review_campaigns_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "access_review_decisions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"rationale" text NOT NULL,
	"new_expires_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"remediation" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "access_review_decisions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "access_review_items" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"person_email" text,
	"vendor_id" uuid,
	"vendor_name" text,
	"system_id" uuid NOT NULL,
	"system_name" text NOT NULL,
	"privilege_id" uuid NOT NULL,
	"privilege_name" text NOT NULL,
	"sensitivity" text NOT NULL,
	"grant_status" text NOT NULL,
	"starts_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"justification" text NOT NULL,
	"approver" text,
	"grantee_user_id" uuid,
	"reviewer_user_id" uuid,
	"reviewer_basis" text NOT NULL,
	"reviewer_note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision" text,
	"rationale" text,
	"new_expires_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"remediation_executed_at" timestamp with time zone,
	"remediation_verified_at" timestamp with time zone,
	"verification_result" text,
	"verification_checked_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	CONSTRAINT "access_review_items_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "access_review_campaigns" ADD CONSTRAINT "access_review_campaigns_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_campaigns" ADD CONSTRAINT "access_review_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_campaigns" ADD CONSTRAINT "access_review_campaigns_launched_by_users_id_fk" FOREIGN KEY ("launched_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_decisions" ADD CONSTRAINT "access_review_decisions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_decisions" ADD CONSTRAINT "access_review_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_decisions" ADD CONSTRAINT "access_review_decisions_org_id_item_id_access_review_items_org_id_id_fk" FOREIGN KEY ("org_id","item_id") REFERENCES "public"."access_review_items"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_grantee_user_id_users_id_fk" FOREIGN KEY ("grantee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_org_id_campaign_id_access_review_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."access_review_campaigns"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_org_id_grant_id_access_grants_org_id_id_fk" FOREIGN KEY ("org_id","grant_id") REFERENCES "public"."access_grants"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_review_campaigns_list_idx" ON "access_review_campaigns" USING btree ("org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "access_review_decisions_item_idx" ON "access_review_decisions" USING btree ("org_id","item_id","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "access_review_items_grant_key" ON "access_review_items" USING btree ("org_id","campaign_id","grant_id");--> statement-breakpoint
CREATE INDEX "access_review_items_inbox_idx" ON "access_review_items" USING btree ("org_id","reviewer_user_id","status");--> statement-breakpoint
CREATE INDEX "access_review_items_campaign_idx" ON "access_review_items" USING btree ("org_id","campaign_id","status");