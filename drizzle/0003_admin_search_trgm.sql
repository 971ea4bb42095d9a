-- Trigram indexes for the case-insensitive substring search of `users(filter: {search})`.
-- Hand-written (drizzle-kit cannot express an optional extension): where pg_trgm cannot be
-- installed (no privilege, not shipped), the search still works as ILIKE over a scan.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm unavailable (%); user search runs without a trigram index', SQLERRM;
END
$$;--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS users_email_trgm_idx ON users USING gin (email gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS users_display_name_trgm_idx ON users USING gin (display_name gin_trgm_ops);
  END IF;
END
$$;
