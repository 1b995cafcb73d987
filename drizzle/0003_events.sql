CREATE TABLE "events" (
	"seq" bigserial NOT NULL,
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"connection_id" text,
	"provider" text,
	"type" text NOT NULL,
	"object_key" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_status" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "inbound_deliveries" (
	"connection_id" text NOT NULL,
	"delivery_key" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inbound_deliveries_connection_id_delivery_key_pk" PRIMARY KEY("connection_id","delivery_key")
);
--> statement-breakpoint
CREATE TABLE "observed_objects" (
	"connection_id" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status" jsonb NOT NULL,
	"object_updated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "observed_objects_connection_id_object_type_object_id_pk" PRIMARY KEY("connection_id","object_type","object_id")
);
--> statement-breakpoint
CREATE TABLE "poll_state" (
	"connection_id" text NOT NULL,
	"resource" text NOT NULL,
	"cursor" jsonb,
	"next_poll_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"last_polled_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "poll_state_connection_id_resource_pk" PRIMARY KEY("connection_id","resource")
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"connection_id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"remote_id" text,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_deliveries" ADD CONSTRAINT "inbound_deliveries_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observed_objects" ADD CONSTRAINT "observed_objects_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_state" ADD CONSTRAINT "poll_state_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_tenant_seq_idx" ON "events" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE INDEX "events_due_idx" ON "events" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "events_object_idx" ON "events" USING btree ("tenant_id","object_key","seq");--> statement-breakpoint
CREATE INDEX "inbound_deliveries_received_idx" ON "inbound_deliveries" USING btree ("received_at");