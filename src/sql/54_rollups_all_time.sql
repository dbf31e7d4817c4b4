-- All-time results (design §8, a level above the daily rollups). The all-time and daily views, and the
-- all-time calls of the reports, recombine every day of every stream: seconds at 10M events. So
-- refresh_rollups, when it leaves no day dirty, also stores the rows over all time of the reports' building
-- blocks (tables activity_report_internal.all_time_* and, per day, daily_*: filled by
-- rebuild_all_time_results from the very same functions, then kept current key by key by
-- update_all_time_results), and the building blocks read them back while nothing changed. That is checked
-- when a report runs: no dirty day (events, taxonomy), no pending key (changed facts or dimension rows), no
-- rebuild due, and a caller who sees every portal (the stored rows hold every portal; a portal-bound reader
-- computes from the daily rollups, under row-level security as before).

-- Built: one row once rebuild_all_time_results has run (not dumped: a restored database recomputes until
-- its next refresh). Stale: a row per statement since that requires a whole rebuild (a dimension table
-- emptied, or a quarter of it changed); append-only with no key, so concurrent writers never wait on each
-- other (as rollup_dirty).
CREATE TABLE activity_report_internal.all_time_built (built_at timestamptz NOT NULL);
COMMENT ON TABLE activity_report_internal.all_time_built IS
  'One row when the all-time results were last rebuilt by refresh_rollups; none before (or after a restore).';
CREATE TABLE activity_report_internal.all_time_stale (changed regclass NOT NULL);
COMMENT ON TABLE activity_report_internal.all_time_stale IS
  'A row per statement that emptied a dimension table, or changed more than a quarter of it, since the last rebuild of the all-time results: they are not read until the next refresh_rollups rebuilds them.';
COMMENT ON COLUMN activity_report_internal.all_time_built.built_at IS 'When the all-time results were rebuilt.';
COMMENT ON COLUMN activity_report_internal.all_time_stale.changed IS 'The dimension table a statement changed.';

-- Pending: the keys whose stored rows are out of date since they were last brought up to date: the user and
-- content of every rolled-up fact or detail a refresh changed, and those a change of users, contents or
-- group_members touches (the triggers below). Append-only with no key, as rollup_dirty; not dumped. The stored
-- rows are not read while it has rows; update_all_time_results recomputes the rows of those keys alone.
CREATE TABLE activity_report_internal.all_time_pending (user_id text, content_id text, group_id text);
COMMENT ON TABLE activity_report_internal.all_time_pending IS
  'Keys whose stored all-time rows are out of date (changed facts, users, contents, group members): the next update recomputes their rows.';
COMMENT ON COLUMN activity_report_internal.all_time_pending.user_id IS 'A user whose rows are recomputed (NULL: none).';
COMMENT ON COLUMN activity_report_internal.all_time_pending.content_id IS 'A content whose courses are recomputed (NULL: none).';
COMMENT ON COLUMN activity_report_internal.all_time_pending.group_id IS 'A group whose member rows are recomputed (NULL: none).';

-- Whether changed keys are worth keeping: the stored rows exist and no whole rebuild is due.
CREATE FUNCTION activity_report_internal.all_time_tracked() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT FROM activity_report_internal.all_time_built)
       AND NOT EXISTS (SELECT FROM activity_report_internal.all_time_stale)
$$;
COMMENT ON FUNCTION activity_report_internal.all_time_tracked() IS
  'true when the stored all-time results exist and no change since requires rebuilding them whole: changed keys are then kept in all_time_pending.';

-- Whether a building block called over [from_ts, to_ts) (per day or not) may read the stored all-time rows.
CREATE FUNCTION activity_report_internal.use_all_time(from_ts timestamptz, to_ts timestamptz)
    RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT $1 = '-infinity' AND $2 = 'infinity'
       AND COALESCE(current_setting('activity_report.use_rollups', true), 'on')::boolean
       AND (NOT pg_catalog.row_security_active('activity_report.events'::regclass)
            OR '*' = ANY (activity_report_internal.visible_portals()))
       AND EXISTS (SELECT FROM activity_report_internal.all_time_built)
       AND NOT EXISTS (SELECT FROM activity_report_internal.rollup_dirty)
       AND NOT EXISTS (SELECT FROM activity_report_internal.all_time_stale)
       AND NOT EXISTS (SELECT FROM activity_report_internal.all_time_pending)
$$;
COMMENT ON FUNCTION activity_report_internal.use_all_time(timestamptz, timestamptz) IS
  'true when a report building block over [from_ts, to_ts) may read the stored all-time results: the range is all time (per day or not), activity_report.use_rollups is on, the caller sees every portal, and no event, taxonomy or dimension changed since the last refresh_rollups brought them up to date.';

CREATE FUNCTION activity_report_internal.dimensions_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    INSERT INTO activity_report_internal.all_time_stale VALUES (TG_RELID);
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.dimensions_changed() IS
  'TRUNCATE trigger of users, contents, content_types and group_members: the stored all-time results are not read until the next refresh_rollups rebuilds them.';

-- A change of users, contents, content_types or group_members makes only the rows built from the changed
-- rows pending: the row versions that differ (each as jsonb; a statement that changes nothing, as a catalog
-- loaded again, makes nothing pending), mapped to keys by all_time_keys_of. A statement that changes more
-- than a quarter of the table makes the results stale instead (a whole rebuild is cheaper).
CREATE FUNCTION activity_report_internal.dimension_rows_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    versions jsonb[];
    total bigint;
BEGIN
    IF NOT activity_report_internal.all_time_tracked() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        versions := ARRAY(SELECT to_jsonb(n) FROM new_rows n);
    ELSIF TG_OP = 'DELETE' THEN
        versions := ARRAY(SELECT to_jsonb(o) FROM old_rows o);
    ELSE
        versions := ARRAY(SELECT x.j FROM (SELECT to_jsonb(o) AS j, 1 AS side FROM old_rows o
                                           UNION ALL SELECT to_jsonb(n), -1 FROM new_rows n) x
                           GROUP BY x.j HAVING sum(x.side) <> 0);
    END IF;
    IF cardinality(versions) = 0 THEN
        RETURN NULL;
    END IF;
    EXECUTE pg_catalog.format('SELECT count(*) FROM activity_report.%I', TG_TABLE_NAME) INTO total;
    IF 4 * cardinality(versions) > total THEN
        INSERT INTO activity_report_internal.all_time_stale VALUES (TG_RELID);
    ELSE
        INSERT INTO activity_report_internal.all_time_pending (user_id, content_id, group_id)
             SELECT * FROM activity_report_internal.all_time_keys_of(TG_TABLE_NAME, versions);
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.dimension_rows_changed() IS
  'Statement trigger of users, contents, content_types and group_members: the keys of the stored all-time rows built from the rows it changed become pending (or, past a quarter of the table, the results stale).';

-- What the stored rows read of each table: group_members the member rows of the group; users the member rows
-- of the user's groups (names) and the activities the user downloaded from (learner downloads by role);
-- contents the rows of every user with facts on the content (name, window, type, duration) and the courses
-- it is or was in (parent_id before and after); content_types (is_live) the rows of every user with facts on
-- a content of the type. Nothing stored reads groups (the views join them when they run).
CREATE FUNCTION activity_report_internal.all_time_keys_of(tbl text, versions jsonb[])
    RETURNS TABLE (user_id text, content_id text, group_id text)
    LANGUAGE sql STABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH v AS (SELECT x FROM unnest($2) x)
    SELECT NULL, NULL, v.x ->> 'group_id' FROM v WHERE $1 = 'group_members'
    UNION
    SELECT NULL, NULL, m.group_id FROM v JOIN activity_report.group_members m ON m.user_id = v.x ->> 'user_id'
     WHERE $1 = 'users'
    UNION
    SELECT NULL, f.content_id, NULL FROM v JOIN activity_report.rollup_facts f ON f.user_id = v.x ->> 'user_id'
     WHERE $1 = 'users' AND f.downloads > 0 AND f.content_id IS NOT NULL
    UNION
    SELECT NULL, k.id, NULL FROM v CROSS JOIN LATERAL (VALUES (v.x ->> 'content_id'), (v.x ->> 'parent_id')) k(id)
     WHERE $1 = 'contents' AND k.id IS NOT NULL
    UNION
    SELECT f.user_id, f.content_id, NULL FROM v JOIN activity_report.rollup_facts f ON f.content_id = v.x ->> 'content_id'
     WHERE $1 = 'contents'  -- a detail's event is counted in a fact of the same day, user and content
    UNION
    SELECT f.user_id, f.content_id, NULL FROM v
      JOIN activity_report.contents c ON c.content_type = v.x ->> 'content_type'
      JOIN activity_report.rollup_facts f ON f.content_id = c.content_id
     WHERE $1 = 'content_types'
$$;
COMMENT ON FUNCTION activity_report_internal.all_time_keys_of(text, jsonb[]) IS
  'The keys (user, content, group) of the stored all-time rows that read the given row versions of users, contents, content_types or group_members.';

DO $triggers$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'contents', 'content_types', 'group_members'] LOOP
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER all_time_stale AFTER TRUNCATE ON activity_report.%I '
            'FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.dimensions_changed()', t);
        EXECUTE pg_catalog.format('COMMENT ON TRIGGER all_time_stale ON activity_report.%I IS %L', t,
            'Emptying the table makes the stored all-time results stale until the next refresh_rollups.');
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER all_time_rows_inserted AFTER INSERT ON activity_report.%I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.dimension_rows_changed()', t);
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER all_time_rows_updated AFTER UPDATE ON activity_report.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.dimension_rows_changed()', t);
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER all_time_rows_deleted AFTER DELETE ON activity_report.%I REFERENCING OLD TABLE AS old_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION activity_report_internal.dimension_rows_changed()', t);
        EXECUTE pg_catalog.format('COMMENT ON TRIGGER all_time_rows_inserted ON activity_report.%I IS %L', t,
            'The stored all-time rows built from the inserted rows are recomputed at the next refresh_rollups.');
        EXECUTE pg_catalog.format('COMMENT ON TRIGGER all_time_rows_updated ON activity_report.%I IS %L', t,
            'The stored all-time rows built from the changed rows are recomputed at the next refresh_rollups.');
        EXECUTE pg_catalog.format('COMMENT ON TRIGGER all_time_rows_deleted ON activity_report.%I IS %L', t,
            'The stored all-time rows built from the deleted rows are recomputed at the next refresh_rollups.');
    END LOOP;
END
$triggers$;

-- The stored rows are the building blocks' own output (their computed_* bodies), so both ways give the same
-- rows by construction. content_metrics goes first and is marked built at once, so the blocks built after
-- it read what is already stored instead of recombining every day again (analytics_rows reads
-- content_metrics, group_totals member_rows).
CREATE FUNCTION activity_report_internal.rebuild_all_time_results() RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    sets text[] := ARRAY['content_metrics', 'analytics', 'attachments', 'members', 'group_totals', 'activities', 'course_totals'];
    t text;
BEGIN
    DELETE FROM activity_report_internal.all_time_built;
    DELETE FROM activity_report_internal.all_time_stale;
    DELETE FROM activity_report_internal.all_time_pending;
    FOREACH t IN ARRAY sets LOOP
        EXECUTE pg_catalog.format('DELETE FROM activity_report_internal.all_time_%s', t);
        EXECUTE pg_catalog.format('DELETE FROM activity_report_internal.daily_%s', t);
    END LOOP;
    INSERT INTO activity_report_internal.all_time_content_metrics
         SELECT * FROM activity_report_internal.computed_content_metrics(NULL, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_content_metrics
         SELECT * FROM activity_report_internal.computed_content_metrics(NULL, '-infinity', 'infinity', true);
    INSERT INTO activity_report_internal.all_time_built VALUES (clock_timestamp());
    INSERT INTO activity_report_internal.all_time_analytics
         SELECT * FROM activity_report_internal.computed_analytics_rows(NULL, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_analytics
         SELECT * FROM activity_report_internal.computed_analytics_rows(NULL, '-infinity', 'infinity', true);
    INSERT INTO activity_report_internal.all_time_attachments
         SELECT * FROM activity_report_internal.computed_attachment_rows(NULL, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_attachments
         SELECT * FROM activity_report_internal.computed_attachment_rows(NULL, '-infinity', 'infinity', true);
    INSERT INTO activity_report_internal.all_time_members
         SELECT * FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_members
         SELECT * FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity', true);
    INSERT INTO activity_report_internal.all_time_group_totals
         SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_group_totals
         SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity', true);
    INSERT INTO activity_report_internal.all_time_activities
         SELECT * FROM activity_report_internal.computed_activity_rows(NULL, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_activities
         SELECT * FROM activity_report_internal.computed_activity_rows(NULL, '-infinity', 'infinity', true);
    INSERT INTO activity_report_internal.all_time_course_totals
         SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_course_totals
         SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity', true);
END
$fn$;
REVOKE ALL ON FUNCTION activity_report_internal.rebuild_all_time_results() FROM PUBLIC;
COMMENT ON FUNCTION activity_report_internal.rebuild_all_time_results() IS
  'Stores the all-time and per-day rows over all time of the report building blocks (content_metrics, analytics_rows, attachment_rows, member_rows, group_totals, activity_rows, course_event_totals); called by refresh_rollups when no day is left dirty and the stored rows are missing or a dimension changed.';

-- When only facts changed, the rows that depend on them are recomputed and the others stay as they are:
-- per user (content_metrics, analytics, attachments: a user's rows are made of the user's facts and the
-- dimensions), per group with a changed member (member_rows), per course with a changed content or activity
-- (activity_rows, course_event_totals), and group_totals again from the stored member rows. Each set is the
-- same building block called for those keys, so a key's rows are those a rebuild would store. When most
-- users changed (a first load of months), recombining everything at once is cheaper.
CREATE FUNCTION activity_report_internal.update_all_time_results() RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    u text[];
    c text[];
    g text[];
    k text[];
BEGIN
    -- the keys seen are taken at once (a key a writer adds meanwhile stays for the next update); the stored
    -- rows of the other keys are current from here on, and the blocks below read them
    WITH taken AS (DELETE FROM activity_report_internal.all_time_pending RETURNING *)
    SELECT COALESCE(array_agg(DISTINCT p.user_id) FILTER (WHERE p.user_id IS NOT NULL), '{}'),
           COALESCE(array_agg(DISTINCT p.content_id) FILTER (WHERE p.content_id IS NOT NULL), '{}'),
           COALESCE(array_agg(DISTINCT p.group_id) FILTER (WHERE p.group_id IS NOT NULL), '{}')
      INTO u, c, g FROM taken p;
    IF NOT activity_report_internal.all_time_tracked()
       OR 4 * cardinality(u) > (SELECT count(*) FROM activity_report_internal.all_time_analytics) THEN
        PERFORM activity_report_internal.rebuild_all_time_results();
        RETURN;
    END IF;
    DELETE FROM activity_report_internal.all_time_content_metrics r WHERE r.user_id = ANY (u);
    DELETE FROM activity_report_internal.daily_content_metrics r WHERE r.user_id = ANY (u);
    INSERT INTO activity_report_internal.all_time_content_metrics
         SELECT * FROM activity_report_internal.computed_content_metrics(u, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_content_metrics
         SELECT * FROM activity_report_internal.computed_content_metrics(u, '-infinity', 'infinity', true);
    DELETE FROM activity_report_internal.all_time_analytics r WHERE r.user_id = ANY (u);
    DELETE FROM activity_report_internal.daily_analytics r WHERE r.user_id = ANY (u);
    INSERT INTO activity_report_internal.daily_analytics
         SELECT * FROM activity_report_internal.computed_analytics_rows(u, '-infinity', 'infinity', true);
    -- given users, analytics_rows gives each a row; over all users, only those with facts have one, who
    -- are those with a row on some day
    INSERT INTO activity_report_internal.all_time_analytics
         SELECT r.* FROM activity_report_internal.computed_analytics_rows(u, '-infinity', 'infinity') r
          WHERE EXISTS (SELECT FROM activity_report_internal.daily_analytics d WHERE d.user_id = r.user_id);
    DELETE FROM activity_report_internal.all_time_attachments r WHERE r.user_id = ANY (u);
    DELETE FROM activity_report_internal.daily_attachments r WHERE r.user_id = ANY (u);
    INSERT INTO activity_report_internal.all_time_attachments
         SELECT * FROM activity_report_internal.computed_attachment_rows(u, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_attachments
         SELECT * FROM activity_report_internal.computed_attachment_rows(u, '-infinity', 'infinity', true);
    g := ARRAY(SELECT m.group_id FROM activity_report.group_members m WHERE m.user_id = ANY (u) UNION SELECT unnest(g));
    DELETE FROM activity_report_internal.all_time_members r WHERE r.group_id = ANY (g);
    DELETE FROM activity_report_internal.daily_members r WHERE r.group_id = ANY (g);
    INSERT INTO activity_report_internal.all_time_members
         SELECT * FROM activity_report_internal.computed_member_rows(g, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_members
         SELECT * FROM activity_report_internal.computed_member_rows(g, '-infinity', 'infinity', true);
    DELETE FROM activity_report_internal.all_time_group_totals;
    DELETE FROM activity_report_internal.daily_group_totals;
    INSERT INTO activity_report_internal.all_time_group_totals
         SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_group_totals
         SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity', true);
    -- the courses a changed content is, or is an activity of
    k := ARRAY(SELECT DISTINCT x.course_id
                 FROM activity_report.contents t
                CROSS JOIN LATERAL (VALUES (t.parent_id), (t.content_id)) x(course_id)
                WHERE t.content_id = ANY (c) AND x.course_id IS NOT NULL);
    DELETE FROM activity_report_internal.all_time_activities r WHERE r.course_id = ANY (k);
    DELETE FROM activity_report_internal.daily_activities r WHERE r.course_id = ANY (k);
    INSERT INTO activity_report_internal.all_time_activities
         SELECT * FROM activity_report_internal.computed_activity_rows(k, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_activities
         SELECT * FROM activity_report_internal.computed_activity_rows(k, '-infinity', 'infinity', true);
    DELETE FROM activity_report_internal.all_time_course_totals r WHERE r.course_id = ANY (k);
    DELETE FROM activity_report_internal.daily_course_totals r WHERE r.course_id = ANY (k);
    INSERT INTO activity_report_internal.all_time_course_totals
         SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity', false, k);
    INSERT INTO activity_report_internal.daily_course_totals
         SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity', true, k);
    UPDATE activity_report_internal.all_time_built SET built_at = clock_timestamp();
END
$fn$;
REVOKE ALL ON FUNCTION activity_report_internal.update_all_time_results() FROM PUBLIC;
COMMENT ON FUNCTION activity_report_internal.update_all_time_results() IS
  'Brings the stored all-time and per-day rows up to date after refresh_rollups changed facts: recomputes the rows of the users, groups and courses of the changed facts and dimension rows (all_time_pending), or rebuilds them all (rebuild_all_time_results) when they are missing, a dimension changed, or more than a quarter of the users changed.';
