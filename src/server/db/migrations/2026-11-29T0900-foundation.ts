/**
 * Foundation: areas with materialized paths, users, sessions, append-only audit
 * log, leaf-level counters and the durable job queue.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE areas (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      district_id bigint NOT NULL,
      parent_id   bigint REFERENCES areas(id),
      level       text NOT NULL CHECK (level IN ('district','street','community','grid')),
      code        text NOT NULL,
      stat_code   char(12),
      vintage     integer NOT NULL CHECK (vintage BETWEEN 1980 AND 2200),
      name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
      path        text NOT NULL,
      depth       smallint NOT NULL,
      retired_at  timestamptz,
      demo        boolean NOT NULL DEFAULT false,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT areas_root_is_district CHECK ((level = 'district') = (parent_id IS NULL)),
      CONSTRAINT areas_code_format CHECK (code ~ '^[0-9]+$' AND length(code) = CASE level
        WHEN 'district' THEN 6 WHEN 'street' THEN 9 WHEN 'community' THEN 12 ELSE 15 END),
      CONSTRAINT areas_stat_code_form CHECK (stat_code IS NULL OR stat_code ~ '^[0-9]{12}$')
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX areas_code_vintage_active ON areas (code, vintage) WHERE retired_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX areas_path ON areas (path text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX areas_parent ON areas (parent_id)`.execute(db);

  // Path, depth and district key are derived from the parent, in the database,
  // so no caller can get them wrong. Areas are never re-parented.
  await sql`
    CREATE FUNCTION areas_derive() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE parent areas%ROWTYPE;
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF NEW.parent_id IS DISTINCT FROM OLD.parent_id OR NEW.level <> OLD.level THEN
          RAISE EXCEPTION 'areas cannot be moved or change level' USING ERRCODE = '23514', CONSTRAINT = 'areas_immutable_position';
        END IF;
        NEW.path := OLD.path; NEW.depth := OLD.depth; NEW.district_id := OLD.district_id;
        NEW.updated_at := now();
        RETURN NEW;
      END IF;
      IF NEW.parent_id IS NULL THEN
        NEW.path := '/' || NEW.id || '/'; NEW.depth := 0; NEW.district_id := NEW.id;
      ELSE
        SELECT * INTO parent FROM areas WHERE id = NEW.parent_id;
        IF parent.retired_at IS NOT NULL THEN
          RAISE EXCEPTION 'parent area is retired' USING ERRCODE = '23514', CONSTRAINT = 'areas_parent_active';
        END IF;
        IF (parent.level, NEW.level) NOT IN (('district','street'),('street','community'),('community','grid')) THEN
          RAISE EXCEPTION 'level does not fit under parent' USING ERRCODE = '23514', CONSTRAINT = 'areas_level_under_parent';
        END IF;
        NEW.path := parent.path || NEW.id || '/'; NEW.depth := parent.depth + 1; NEW.district_id := parent.district_id;
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER areas_derive BEFORE INSERT OR UPDATE ON areas FOR EACH ROW EXECUTE FUNCTION areas_derive()`.execute(
    db,
  );

  await sql`
    CREATE TABLE users (
      id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username             text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
      display_name         text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 50),
      phone                text CHECK (phone ~ '^1[3-9][0-9]{9}$'),
      role                 text NOT NULL CHECK (role IN ('system_admin','district_commander','district_staff',
                             'street_staff','community_staff','grid_worker','checkpoint_officer','medical_officer',
                             'service_commissioner','enterprise')),
      area_id              bigint NOT NULL REFERENCES areas(id),
      district_id          bigint NOT NULL,
      password_hash        text NOT NULL,
      must_change_password boolean NOT NULL DEFAULT false,
      disabled_at          timestamptz,
      failed_logins        integer NOT NULL DEFAULT 0,
      locked_until         timestamptz,
      last_login_at        timestamptz,
      password_changed_at  timestamptz,
      created_at           timestamptz NOT NULL DEFAULT now(),
      updated_at           timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX users_username ON users (username)`.execute(db);
  await sql`CREATE INDEX users_area ON users (area_id, id)`.execute(db);
  await sql`
    CREATE FUNCTION users_derive() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      SELECT district_id INTO NEW.district_id FROM areas WHERE id = NEW.area_id;
      IF TG_OP = 'UPDATE' THEN NEW.updated_at := now(); END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER users_derive BEFORE INSERT OR UPDATE OF area_id ON users FOR EACH ROW EXECUTE FUNCTION users_derive()`.execute(
    db,
  );

  await sql`
    CREATE TABLE sessions (
      id           text PRIMARY KEY,
      user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token   text NOT NULL,
      created_at   timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at   timestamptz NOT NULL,
      ip           inet,
      user_agent   text
    )`.execute(db);
  await sql`CREATE INDEX sessions_user ON sessions (user_id)`.execute(db);
  await sql`CREATE INDEX sessions_expiry ON sessions (expires_at)`.execute(db);

  await sql`
    CREATE TABLE audit_log (
      id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at             timestamptz NOT NULL,
      district_id    bigint,
      actor_id       uuid,
      actor_username text,
      action         text NOT NULL,
      resource_type  text,
      resource_id    text,
      area_id        bigint,
      area_path      text,
      ip             inet,
      request_id     text,
      changes        jsonb,
      details        jsonb
    )`.execute(db);
  await sql`CREATE INDEX audit_area_path ON audit_log (area_path text_pattern_ops, id)`.execute(db);
  await sql`CREATE INDEX audit_actor ON audit_log (actor_id, id)`.execute(db);
  await sql`CREATE INDEX audit_action ON audit_log (action, id)`.execute(db);
  await sql`CREATE INDEX audit_at ON audit_log (at)`.execute(db);
  // Append-only: the log can be read and added to, never changed.
  await sql`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501';
    END $$`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(
    db,
  );
  await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(
    db,
  );

  // Leaf-level counters: each row belongs to one area; totals are summed over a subtree.
  await sql`
    CREATE TABLE area_counters (
      area_id bigint NOT NULL REFERENCES areas(id),
      metric  text NOT NULL,
      value   bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (area_id, metric)
    )`.execute(db);
  await sql`
    CREATE FUNCTION bump_counter(p_area bigint, p_metric text, p_delta bigint) RETURNS void LANGUAGE sql AS $$
      INSERT INTO area_counters (area_id, metric, value) VALUES (p_area, p_metric, p_delta)
      ON CONFLICT (area_id, metric) DO UPDATE SET value = area_counters.value + EXCLUDED.value
    $$`.execute(db);
  await sql`
    CREATE FUNCTION areas_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' AND NEW.retired_at IS NULL THEN
        PERFORM bump_counter(NEW.id, 'areas.' || NEW.level, 1);
      ELSIF TG_OP = 'UPDATE' AND (OLD.retired_at IS NULL) <> (NEW.retired_at IS NULL) THEN
        PERFORM bump_counter(NEW.id, 'areas.' || NEW.level, CASE WHEN NEW.retired_at IS NULL THEN 1 ELSE -1 END);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER areas_count AFTER INSERT OR UPDATE OF retired_at ON areas FOR EACH ROW EXECUTE FUNCTION areas_count()`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION users_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE','DELETE') AND OLD.disabled_at IS NULL THEN
        PERFORM bump_counter(OLD.area_id, 'users.active', -1);
      END IF;
      IF TG_OP IN ('INSERT','UPDATE') AND NEW.disabled_at IS NULL THEN
        PERFORM bump_counter(NEW.area_id, 'users.active', 1);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER users_count AFTER INSERT OR DELETE OR UPDATE OF area_id, disabled_at ON users FOR EACH ROW EXECUTE FUNCTION users_count()`.execute(
    db,
  );

  await sql`
    CREATE TABLE jobs (
      id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind             text NOT NULL,
      payload          jsonb NOT NULL DEFAULT '{}',
      status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed','cancelled')),
      priority         integer NOT NULL DEFAULT 0,
      attempts         integer NOT NULL DEFAULT 0,
      max_attempts     integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 100),
      run_at           timestamptz NOT NULL,
      lease_until      timestamptz,
      locked_by        text,
      heartbeat_at     timestamptz,
      progress         smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      result           jsonb,
      error            jsonb,
      cancel_requested boolean NOT NULL DEFAULT false,
      idempotency_key  text,
      created_by       uuid REFERENCES users(id),
      area_id          bigint REFERENCES areas(id),
      district_id      bigint,
      created_at       timestamptz NOT NULL,
      updated_at       timestamptz NOT NULL,
      finished_at      timestamptz,
      CONSTRAINT jobs_running_has_lease CHECK (status <> 'running' OR lease_until IS NOT NULL)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX jobs_idempotency ON jobs (kind, idempotency_key) WHERE idempotency_key IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX jobs_queued ON jobs (priority DESC, run_at) WHERE status = 'queued'`.execute(db);
  await sql`CREATE INDEX jobs_leases ON jobs (lease_until) WHERE status = 'running'`.execute(db);
  await sql`CREATE INDEX jobs_area ON jobs (area_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['jobs', 'area_counters', 'audit_log', 'sessions', 'users', 'areas']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
  for (const f of [
    'users_count',
    'areas_count',
    'bump_counter(bigint,text,bigint)',
    'audit_log_append_only',
    'users_derive',
    'areas_derive',
  ]) {
    await sql.raw(`DROP FUNCTION IF EXISTS ${f.includes('(') ? f : `${f}()`}`).execute(db);
  }
}
