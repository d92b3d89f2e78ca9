CREATE TABLE "chat_connections" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"slack_team_id" text,
	"channel_id" text,
	"bot_token_sealed" text,
	"signing_secret_sealed" text,
	"webhook_url_sealed" text,
	"bot_token_hint" text,
	"signing_secret_hint" text,
	"webhook_url_hint" text,
	"status" text DEFAULT 'active' NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"last_delivered_at" timestamp with time zone,
	"checkpoint" bigint DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_connections_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "chat_deliveries" (
	"org_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"target" text NOT NULL,
	"status" text NOT NULL,
	"detail" text,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_deliveries_org_id_connection_id_seq_target_pk" PRIMARY KEY("org_id","connection_id","seq","target")
);
--> statement-breakpoint
ALTER TABLE "chat_connections" ADD CONSTRAINT "chat_connections_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_connections" ADD CONSTRAINT "chat_connections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_deliveries" ADD CONSTRAINT "chat_deliveries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chat_connections_org_kind_key" ON "chat_connections" USING btree ("org_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "chat_connections_slack_team_key" ON "chat_connections" USING btree ("slack_team_id") WHERE "chat_connections"."slack_team_id" is not null;