CREATE TABLE "connect_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"provider" text NOT NULL,
	"environment" text NOT NULL,
	"redirect_url" text,
	"connection_id" text,
	"state_hash" text,
	"code_verifier" text,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state_expires_at" timestamp with time zone,
	"state_used_at" timestamp with time zone,
	"completed_connection_id" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oauth_apps" (
	"provider" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text NOT NULL,
	"scopes" jsonb,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connect_sessions" ADD CONSTRAINT "connect_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connect_sessions_state_idx" ON "connect_sessions" USING btree ("state_hash");--> statement-breakpoint
CREATE INDEX "connect_sessions_tenant_idx" ON "connect_sessions" USING btree ("tenant_id");