CREATE TABLE "people" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"full_name" text NOT NULL,
	"type" text NOT NULL,
	"vendor_id" uuid,
	"department" text,
	"title" text,
	"manager_id" uuid,
	"user_id" uuid,
	"location" text,
	"country" text,
	"timezone" text,
	"work_mode" text,
	"start_date" date,
	"end_date" date,
	"identity_verified_at" timestamp with time zone,
	"identity_verified_by" uuid,
	"background_check_status" text DEFAULT 'not_started' NOT NULL,
	"background_check_at" date,
	"last_screened_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "person_identifiers" (
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"raw" text NOT NULL,
	CONSTRAINT "person_identifiers_org_id_person_id_kind_value_pk" PRIMARY KEY("org_id","person_id","kind","value")
);
--> statement-breakpoint
CREATE TABLE "privileges" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"system_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sensitivity" text NOT NULL,
	"retired" boolean DEFAULT false NOT NULL,
	CONSTRAINT "privileges_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "systems" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"owner_user_id" uuid,
	"criticality" text DEFAULT 'medium' NOT NULL,
	"data_classification" text DEFAULT 'internal' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "systems_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "toxic_pairs" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"privilege_a" uuid NOT NULL,
	"privilege_b" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "toxic_pairs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "vendor_status_history" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"vendor_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_status_history_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "vendors" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"country" text,
	"services" text DEFAULT '' NOT NULL,
	"tier" text NOT NULL,
	"inherent_tier" text NOT NULL,
	"tier_override_reason" text,
	"questionnaire" jsonb NOT NULL,
	"status" text DEFAULT 'prospect' NOT NULL,
	"data_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"contract_start" date,
	"contract_end" date,
	"owner_user_id" uuid,
	"sub_processors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"certifications" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_review_at" date,
	"next_review_at" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendors_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_identity_verified_by_users_id_fk" FOREIGN KEY ("identity_verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_org_id_vendor_id_vendors_org_id_id_fk" FOREIGN KEY ("org_id","vendor_id") REFERENCES "public"."vendors"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_org_id_manager_id_people_org_id_id_fk" FOREIGN KEY ("org_id","manager_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_identifiers" ADD CONSTRAINT "person_identifiers_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_identifiers" ADD CONSTRAINT "person_identifiers_org_id_person_id_people_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."people"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privileges" ADD CONSTRAINT "privileges_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privileges" ADD CONSTRAINT "privileges_org_id_system_id_systems_org_id_id_fk" FOREIGN KEY ("org_id","system_id") REFERENCES "public"."systems"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toxic_pairs" ADD CONSTRAINT "toxic_pairs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toxic_pairs" ADD CONSTRAINT "toxic_pairs_org_id_privilege_a_privileges_org_id_id_fk" FOREIGN KEY ("org_id","privilege_a") REFERENCES "public"."privileges"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toxic_pairs" ADD CONSTRAINT "toxic_pairs_org_id_privilege_b_privileges_org_id_id_fk" FOREIGN KEY ("org_id","privilege_b") REFERENCES "public"."privileges"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_status_history" ADD CONSTRAINT "vendor_status_history_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_status_history" ADD CONSTRAINT "vendor_status_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_status_history" ADD CONSTRAINT "vendor_status_history_org_id_vendor_id_vendors_org_id_id_fk" FOREIGN KEY ("org_id","vendor_id") REFERENCES "public"."vendors"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendors" ADD CONSTRAINT "vendors_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendors" ADD CONSTRAINT "vendors_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "people_org_email_key" ON "people" USING btree ("org_id","email");--> statement-breakpoint
CREATE INDEX "people_org_vendor_idx" ON "people" USING btree ("org_id","vendor_id");--> statement-breakpoint
CREATE INDEX "people_org_manager_idx" ON "people" USING btree ("org_id","manager_id");--> statement-breakpoint
CREATE INDEX "people_org_name_idx" ON "people" USING btree ("org_id","full_name");--> statement-breakpoint
CREATE INDEX "person_identifiers_lookup_idx" ON "person_identifiers" USING btree ("org_id","kind","value");--> statement-breakpoint
CREATE UNIQUE INDEX "privileges_system_name_key" ON "privileges" USING btree ("org_id","system_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "systems_org_name_key" ON "systems" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "toxic_pairs_key" ON "toxic_pairs" USING btree ("org_id","privilege_a","privilege_b");--> statement-breakpoint
CREATE INDEX "vendor_status_history_vendor_idx" ON "vendor_status_history" USING btree ("org_id","vendor_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vendors_org_name_key" ON "vendors" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE INDEX "vendors_org_status_idx" ON "vendors" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "vendors_org_tier_idx" ON "vendors" USING btree ("org_id","tier");