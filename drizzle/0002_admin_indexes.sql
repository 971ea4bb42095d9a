CREATE INDEX "audit_events_actor_id_idx" ON "audit_events" USING btree ("actor_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_target_id_idx" ON "audit_events" USING btree ("target_user_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_type_id_idx" ON "audit_events" USING btree ("type","id");--> statement-breakpoint
CREATE INDEX "users_email_lower_id_idx" ON "users" USING btree (lower("email"),"id");--> statement-breakpoint
CREATE INDEX "users_last_login_id_idx" ON "users" USING btree (coalesce("last_login_at", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "users_admin_id_idx" ON "users" USING btree ("id") WHERE "users"."role" = 'ADMIN';