-- Beyond one node (design §8): the events of some portals live on another PostgreSQL server (a shard) that
-- has the extension, as a postgres_fdw foreign partition of events. The shard validates, classifies and
-- rolls up its events; the coordinator's refresh_rollups asks each shard to roll up, then pulls the shards'
-- daily facts (never their events) into its own rollups. Every node has both sides: a coordinator's
-- catalog of shards, and a shard's request table that a coordinator writes to.

-- The coordinator's side. One row per attached server; its objects are named by shard_id: the partition
-- activity_report.events_shard_<id> and the schema activity_report_shard_<id> of foreign tables over the
-- shard's rollups, dimensions and request table.
CREATE TABLE activity_report_internal.shards (
    shard_id          integer PRIMARY KEY,
    server            name NOT NULL UNIQUE,
    portals           text[] NOT NULL,
    pulled_upto       timestamptz,
    dimensions_pushed boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE activity_report_internal.shards IS 'Shards attached to this coordinator (activity_report.attach_shard): the postgres_fdw server holding the events of some portals.';
COMMENT ON COLUMN activity_report_internal.shards.shard_id IS 'Number of the shard: its partition is activity_report.events_shard_<id>, its foreign tables are in schema activity_report_shard_<id>.';
COMMENT ON COLUMN activity_report_internal.shards.server IS 'The postgres_fdw foreign server.';
COMMENT ON COLUMN activity_report_internal.shards.portals IS 'The portals whose events it holds.';
COMMENT ON COLUMN activity_report_internal.shards.pulled_upto IS 'The latest refreshed_at of the shard''s rollup_slices that the coordinator pulled (the shard''s clock).';
COMMENT ON COLUMN activity_report_internal.shards.dimensions_pushed IS 'false when users, contents, content types, groups or memberships changed since they were last pushed to the shard.';
SELECT pg_catalog.pg_extension_config_dump('activity_report_internal.shards', '');

-- The shard's side: a coordinator inserts one row per refresh (through a foreign table); the trigger merges
-- the dimensions it sent into shard_inbox, when it sent them, and rolls up the shard's dirty days until upto.
CREATE TABLE activity_report_internal.shard_inbox (
    kind text NOT NULL,
    row  jsonb NOT NULL
);
COMMENT ON TABLE activity_report_internal.shard_inbox IS 'On a shard: the dimension rows a coordinator sent (kind: the table), merged into users, contents, content_types, groups and group_members by the next refresh request.';
COMMENT ON COLUMN activity_report_internal.shard_inbox.kind IS 'The dimension table the row is of.';
COMMENT ON COLUMN activity_report_internal.shard_inbox.row IS 'The row, as to_jsonb gives it.';
CREATE TABLE activity_report_internal.shard_requests (
    requested_at     timestamptz NOT NULL DEFAULT pg_catalog.now(),
    upto             timestamptz NOT NULL,
    merge_dimensions boolean NOT NULL DEFAULT false,
    days             bigint
);
COMMENT ON TABLE activity_report_internal.shard_requests IS 'On a shard: the refreshes a coordinator asked for (each insert runs refresh_rollups(upto, false) here), kept as a log.';
COMMENT ON COLUMN activity_report_internal.shard_requests.requested_at IS 'When.';
COMMENT ON COLUMN activity_report_internal.shard_requests.upto IS 'The coordinator''s upto.';
COMMENT ON COLUMN activity_report_internal.shard_requests.merge_dimensions IS 'true: the coordinator sent its dimensions into shard_inbox first.';
COMMENT ON COLUMN activity_report_internal.shard_requests.days IS 'Days the shard rolled up.';

-- The dimension tables a shard gets from its coordinator, in the order they are merged.
CREATE FUNCTION activity_report_internal.shard_dimensions() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT ARRAY['content_types', 'users', 'contents', 'groups', 'group_members'] $$;
COMMENT ON FUNCTION activity_report_internal.shard_dimensions() IS 'The dimension tables a coordinator pushes to its shards.';

-- Each table becomes what the inbox holds: rows upserted by primary key (unchanged rows are not written,
-- so a content's unchanged ends_at dirties nothing), rows the coordinator no longer has deleted.
CREATE FUNCTION activity_report_internal.merge_dimensions() RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    t text;
    keys text;
    key_match text;
    sets text;
BEGIN
    FOREACH t IN ARRAY activity_report_internal.shard_dimensions() LOOP
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.i),
               string_agg(format('x.%1$I = y.%1$I', a.attname), ' AND ' ORDER BY k.i)
          INTO keys, key_match
          FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k(attnum, i)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
         WHERE c.conrelid = format('activity_report.%I', t)::regclass AND c.contype = 'p';
        SELECT string_agg(format('%1$I = excluded.%1$I', a.attname), ', ' ORDER BY a.attnum) INTO sets
          FROM pg_attribute a
         WHERE a.attrelid = format('activity_report.%I', t)::regclass AND a.attnum > 0 AND NOT a.attisdropped;
        EXECUTE format($q$DELETE FROM activity_report.%1$I x
                           WHERE NOT EXISTS (SELECT FROM activity_report_internal.shard_inbox i
                                              CROSS JOIN LATERAL jsonb_populate_record(NULL::activity_report.%1$I, i.row) y
                                              WHERE i.kind = %2$L AND %3$s)$q$, t, t, key_match);
        EXECUTE format($q$INSERT INTO activity_report.%1$I AS x
                          SELECT y.* FROM activity_report_internal.shard_inbox i
                           CROSS JOIN LATERAL jsonb_populate_record(NULL::activity_report.%1$I, i.row) y
                           WHERE i.kind = %2$L
                          ON CONFLICT (%3$s) DO UPDATE SET %4$s WHERE (x.*) IS DISTINCT FROM (excluded.*)$q$, t, t, keys, sets);
    END LOOP;
    DELETE FROM activity_report_internal.shard_inbox;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.merge_dimensions() IS 'On a shard: makes each dimension table what the coordinator sent into shard_inbox (upserts by primary key, deletes what it no longer has).';

CREATE FUNCTION activity_report_internal.shard_request() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    NEW.requested_at := COALESCE(NEW.requested_at, now());  -- postgres_fdw sends every column, NULL when not given
    IF NEW.merge_dimensions THEN
        PERFORM activity_report_internal.merge_dimensions();
    END IF;
    NEW.days := activity_report.refresh_rollups(NEW.upto, false);
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.shard_request() IS 'On a shard: a coordinator''s refresh request merges the dimensions sent, then rolls up the dirty days until upto.';
CREATE TRIGGER shard_request BEFORE INSERT ON activity_report_internal.shard_requests
    FOR EACH ROW EXECUTE FUNCTION activity_report_internal.shard_request();
COMMENT ON TRIGGER shard_request ON activity_report_internal.shard_requests IS 'Runs the refresh a coordinator asks for.';

-- A change of a dimension is pushed to every shard at the next refresh.
CREATE FUNCTION activity_report_internal.dimensions_changed_shards() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    UPDATE activity_report_internal.shards SET dimensions_pushed = false WHERE dimensions_pushed;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.dimensions_changed_shards() IS 'Statement trigger of the dimension tables: the shards get them again at the next refresh.';
DO $triggers$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY activity_report_internal.shard_dimensions() LOOP
        EXECUTE format('CREATE TRIGGER dimensions_changed_shards AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_report.%I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.dimensions_changed_shards()', t);
        EXECUTE format('COMMENT ON TRIGGER dimensions_changed_shards ON activity_report.%I IS %L', t,
                       'A change is pushed to the shards at the next refresh_rollups.');
    END LOOP;
END
$triggers$;

-- The foreign tables of one shard, in its schema: what the coordinator reads and writes there.
CREATE FUNCTION activity_report_internal.shard_tables() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT ARRAY['rollup_facts', 'rollup_details', 'rollup_slices', 'activity_kinds', 'vocabularies', 'reaction_types'] $$;
COMMENT ON FUNCTION activity_report_internal.shard_tables() IS 'The tables of schema activity_report a coordinator reads on each shard (besides the dimensions it writes and its events partition).';

CREATE FUNCTION activity_report.attach_shard(server name, portals text[]) RETURNS regclass
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    id integer;
    nsp text;
    part text;
    taken record;
    missing text;
    moved bigint;
BEGIN
    IF server IS NULL OR portals IS NULL OR cardinality(portals) = 0 OR array_position(portals, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'attach_shard: server and portals must be given, and no portal may be NULL'
            USING ERRCODE = '22004', HINT = 'SELECT activity_report.attach_shard(''shard_a'', ARRAY[''portal-a'']); events without a portal stay on this server.';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
                    WHERE s.srvname = server AND w.fdwname = 'postgres_fdw') THEN
        RAISE EXCEPTION 'attach_shard: "%" is not a postgres_fdw foreign server', server
            USING ERRCODE = '42704',
                  HINT = 'CREATE EXTENSION postgres_fdw; CREATE SERVER ... FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host ..., dbname ...); and a USER MAPPING for the extension''s owner and every role that reads or writes events.';
    END IF;
    SELECT s.server, p INTO taken FROM activity_report_internal.shards s CROSS JOIN LATERAL unnest(s.portals) p
     WHERE s.server = attach_shard.server OR p = ANY (attach_shard.portals) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'attach_shard: portal "%" is already on server "%"', taken.p, taken.server
            USING ERRCODE = '23505', HINT = 'A server is attached once, with all its portals; a portal lives on one server.';
    END IF;
    LOCK TABLE activity_report.events IN ACCESS EXCLUSIVE MODE;
    id := COALESCE((SELECT max(s.shard_id) FROM activity_report_internal.shards s), 0) + 1;
    nsp := 'activity_report_shard_' || id;
    part := 'events_shard_' || id;
    EXECUTE format('CREATE SCHEMA %I', nsp);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', nsp);
    EXECUTE format('IMPORT FOREIGN SCHEMA activity_report LIMIT TO (%s) FROM SERVER %I INTO %I',
                   array_to_string(activity_report_internal.shard_tables() || activity_report_internal.shard_dimensions(), ', '),
                   server, nsp);
    EXECUTE format('IMPORT FOREIGN SCHEMA activity_report_internal LIMIT TO (shard_inbox, shard_requests) FROM SERVER %I INTO %I',
                   server, nsp);
    SELECT string_agg(t, ', ') INTO missing
      FROM unnest(activity_report_internal.shard_tables() || activity_report_internal.shard_dimensions()
                  || ARRAY['shard_inbox', 'shard_requests']) t
     WHERE to_regclass(format('%I.%I', nsp, t)) IS NULL;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'attach_shard: server "%" has no activity_report 0.2.0 (missing: %)', server, missing
            USING ERRCODE = '42P01', HINT = 'Run CREATE EXTENSION activity_report (or ALTER EXTENSION activity_report UPDATE) in the shard''s database.';
    END IF;
    PERFORM activity_report_internal.check_shard_taxonomy(server, nsp);
    -- the portals' events stored here move to the shard, as they are (event_id, loaded_at, classification)
    CREATE TEMP TABLE attach_shard_moving ON COMMIT DROP AS
        WITH m AS (DELETE FROM activity_report.events_local e WHERE e.portal = ANY (attach_shard.portals) RETURNING e.*)
        SELECT * FROM m;
    EXECUTE format('CREATE FOREIGN TABLE activity_report.%I PARTITION OF activity_report.events FOR VALUES IN (%s) '
                   'SERVER %I OPTIONS (schema_name ''activity_report'', table_name ''events'')',
                   part, (SELECT string_agg(quote_literal(p), ', ') FROM unnest(portals) p), server);
    EXECUTE format('COMMENT ON FOREIGN TABLE activity_report.%I IS %L', part,
                   format('Events of portals %s, on server %s (attach_shard): a partition of activity_report.events. Read and write it through activity_report.events.',
                          array_to_string(portals, ', '), server));
    -- as every partition: used through events only, where its row-level security applies
    EXECUTE format('REVOKE ALL ON activity_report.%I FROM PUBLIC, activity_report_reader, activity_report_writer', part);
    INSERT INTO activity_report.events SELECT * FROM attach_shard_moving;
    GET DIAGNOSTICS moved = ROW_COUNT;
    DROP TABLE attach_shard_moving;
    INSERT INTO activity_report_internal.shards (shard_id, server, portals) VALUES (id, server, portals);
    RAISE NOTICE 'attach_shard: portals % on server "%": % events moved there', array_to_string(portals, ', '), server, moved
        USING HINT = 'Run activity_report.refresh_rollups() to roll them up there and pull their facts.';
    RETURN format('activity_report.%I', part)::regclass;
END
$fn$;
REVOKE ALL ON FUNCTION activity_report.attach_shard(name, text[]) FROM PUBLIC;
COMMENT ON FUNCTION activity_report.attach_shard(name, text[]) IS
  'Makes the events of some portals a postgres_fdw foreign partition of activity_report.events on another server that has the extension (a shard), moving the events of those portals stored here to it; returns the partition. From then on inserts and loads through events reach the shard, refresh_rollups rolls up there and pulls the shard''s daily facts, and the dimension tables are pushed to it.';

-- The taxonomy is baked into facts (roles, reaction names): a shard's must be this node's.
CREATE FUNCTION activity_report_internal.check_shard_taxonomy(server name, nsp text) RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    t text;
    here text;
    there text;
BEGIN
    FOREACH t IN ARRAY ARRAY['activity_kinds', 'vocabularies', 'reaction_types'] LOOP
        EXECUTE format('SELECT md5(COALESCE(string_agg(x::text, E''\n'' ORDER BY x::text), '''')) FROM activity_report.%I x', t) INTO here;
        EXECUTE format('SELECT md5(COALESCE(string_agg(x::text, E''\n'' ORDER BY x::text), '''')) FROM %I.%I x', nsp, t) INTO there;
        IF here IS DISTINCT FROM there THEN
            RAISE EXCEPTION 'shard "%": its activity_report.% differs from this server''s', server, t
                USING ERRCODE = '55000', HINT = 'Facts bake in the taxonomy: make the same taxonomy changes on every shard as here.';
        END IF;
    END LOOP;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.check_shard_taxonomy(name, text) IS 'Raises an error when a shard''s taxonomy (activity_kinds, vocabularies, reaction_types) is not this server''s.';

-- In refresh_rollups, for each shard: push the dimensions when they changed, ask the shard to roll up, and
-- return the days whose facts it wrote since they were last pulled. Any failure names the server; the
-- refresh then fails as a whole, and the rollups stay as they were (here and, through postgres_fdw's remote
-- transactions, on the shards).
CREATE FUNCTION activity_report_internal.refresh_shards(upto timestamptz) RETURNS date[]
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    s record;
    nsp text;
    t text;
    days date[];
    mark timestamptz;
    all_days date[] := '{}';
    state text;
    msg text;
    detail text;
BEGIN
    FOR s IN SELECT * FROM activity_report_internal.shards ORDER BY shard_id LOOP
        nsp := 'activity_report_shard_' || s.shard_id;
        BEGIN
            PERFORM activity_report_internal.check_shard_taxonomy(s.server, nsp);
            IF NOT s.dimensions_pushed THEN
                EXECUTE format('DELETE FROM %I.shard_inbox', nsp);
                FOREACH t IN ARRAY activity_report_internal.shard_dimensions() LOOP
                    EXECUTE format('INSERT INTO %I.shard_inbox (kind, row) SELECT %L, to_jsonb(x) FROM activity_report.%I x', nsp, t, t);
                END LOOP;
            END IF;
            EXECUTE format('INSERT INTO %I.shard_requests (upto, merge_dimensions) VALUES ($1, $2)', nsp)
                USING upto, NOT s.dimensions_pushed;
            EXECUTE format('SELECT array_agg(x.day), max(x.refreshed_at) FROM %I.rollup_slices x WHERE x.refreshed_at > $1 OR $1 IS NULL', nsp)
                INTO days, mark USING s.pulled_upto;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
            RAISE EXCEPTION 'refresh_rollups: shard "%" failed: %', s.server, msg
                USING ERRCODE = state, DETAIL = detail,
                      HINT = 'Nothing was refreshed. Check that the server is up and the user mapping of the extension''s owner, then refresh again.';
        END;
        UPDATE activity_report_internal.shards x SET pulled_upto = COALESCE(mark, x.pulled_upto), dimensions_pushed = true
         WHERE x.shard_id = s.shard_id;
        all_days := all_days || COALESCE(days, '{}');
    END LOOP;
    RETURN all_days;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.refresh_shards(timestamptz) IS 'In refresh_rollups on a coordinator: pushes changed dimensions to each shard, has it roll up its days until upto, and returns the days whose facts it wrote since they were last pulled.';

CREATE FUNCTION activity_report_internal.pull_shard_day(d date) RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    s record;
    nsp text;
BEGIN
    FOR s IN SELECT * FROM activity_report_internal.shards ORDER BY shard_id LOOP
        nsp := 'activity_report_shard_' || s.shard_id;
        EXECUTE format('INSERT INTO activity_report.rollup_facts SELECT * FROM %I.rollup_facts f WHERE f.day = $1 AND f.portal = ANY ($2)', nsp)
            USING d, s.portals;
        EXECUTE format('INSERT INTO activity_report.rollup_details SELECT * FROM %I.rollup_details f WHERE f.day = $1 AND f.portal = ANY ($2)', nsp)
            USING d, s.portals;
    END LOOP;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.pull_shard_day(date) IS 'In refresh_rollups on a coordinator: copies the shards'' facts and details of one day (of their portals) into the rollups.';
