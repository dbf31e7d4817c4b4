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

-- Pending: what changed since the stored rows were last brought up to date, as keys: a fact or detail a
-- refresh wrote differently (its user and content), or a row of users, contents, content_types or
-- group_members a statement changed (its key; update_all_time_results finds the rows that read it, when it
-- runs, from the rollups it then sees). Append-only with no key, as rollup_dirty; not dumped. The stored rows
-- are not read while it has rows.
CREATE TABLE activity_report_internal.all_time_pending (what text NOT NULL, id text NOT NULL, content_id text);
COMMENT ON TABLE activity_report_internal.all_time_pending IS
  'What changed since the stored all-time rows were last brought up to date (facts, users, contents, content types, group members): the next update recomputes the rows that read it.';
COMMENT ON COLUMN activity_report_internal.all_time_pending.what IS 'fact (a rolled-up fact or detail), user, content, course (a parent before a change), content_type or group.';
COMMENT ON COLUMN activity_report_internal.all_time_pending.id IS 'Its key: the user of a fact, else the row''s user_id, content_id, content_type or group_id.';
COMMENT ON COLUMN activity_report_internal.all_time_pending.content_id IS 'The content of a fact (NULL otherwise, or not on a content page).';

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

-- A change of users, contents, content_types or group_members makes pending the keys of the row versions
-- that differ (each as jsonb: a statement that changes nothing, as a catalog loaded again, makes nothing
-- pending). Which stored rows read a key is found when they are updated, from the rollups then (a fact
-- written by a refresh while this statement was uncommitted is seen then). A statement that changes more than
-- a quarter of the table, or any change while a whole rebuild is due, makes the results stale: a stale row
-- this transaction has not committed yet survives a rebuild that runs meanwhile, so the change is not lost.
CREATE FUNCTION activity_report_internal.dimension_rows_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    versions jsonb[];
    total real;
BEGIN
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
    -- the planner's row count (a count(*) per statement would make row-by-row writes quadratic), counted
    -- while the table has never been analyzed
    SELECT c.reltuples INTO total FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID;
    IF total < 0 THEN
        EXECUTE pg_catalog.format('SELECT count(*) FROM activity_report.%I', TG_TABLE_NAME) INTO total;
    END IF;
    IF NOT activity_report_internal.all_time_tracked() OR 4 * cardinality(versions) > total THEN
        INSERT INTO activity_report_internal.all_time_stale VALUES (TG_RELID);
    ELSE
        INSERT INTO activity_report_internal.all_time_pending (what, id)
             SELECT DISTINCT k.what, k.id
               FROM unnest(versions) v
              CROSS JOIN LATERAL (VALUES
                    ('user', CASE WHEN TG_TABLE_NAME = 'users' THEN v ->> 'user_id' END),
                    ('content', CASE WHEN TG_TABLE_NAME = 'contents' THEN v ->> 'content_id' END),
                    ('course', CASE WHEN TG_TABLE_NAME = 'contents' THEN v ->> 'parent_id' END),
                    ('content_type', CASE WHEN TG_TABLE_NAME = 'content_types' THEN v ->> 'content_type' END),
                    ('group', CASE WHEN TG_TABLE_NAME = 'group_members' THEN v ->> 'group_id' END)) k(what, id)
              WHERE k.id IS NOT NULL;
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.dimension_rows_changed() IS
  'Statement trigger of users, contents, content_types and group_members: the keys of the rows it changed become pending for the stored all-time results (or, past a quarter of the table or while a rebuild is due, the results stale).';

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
  'Stores the all-time and per-day rows over all time of the report building blocks (content_metrics, analytics_rows, attachment_rows, member_rows, group_totals, activity_rows, course_event_totals); called by update_all_time_results when the stored rows are missing, a rebuild is due (all_time_stale) or most users changed.';

-- When only some keys changed, the rows that read them are recomputed and the others stay as they are. What
-- reads what: a user's rows (content_metrics, analytics, attachments) read the user's facts, and the contents
-- and content types of those facts; member rows read the members' facts, names and roles; activity rows and
-- course totals read the facts on the course and its activities, the contents' types and parents, and the
-- downloaders' roles; group totals read the member rows. Nothing stored reads groups. Each set is the same
-- building block called for those keys, so a key's rows are those a rebuild would store. When most users
-- changed (a first load of months), recombining everything at once is cheaper.
CREATE FUNCTION activity_report_internal.update_all_time_results() RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    fact_users text[];
    fact_contents text[];
    users_changed text[];
    contents_changed text[];
    parents_before text[];
    types_changed text[];
    groups_changed text[];
    u text[];
    c text[];
    g text[];
    k text[];
BEGIN
    -- the keys seen are taken at once (a key a writer adds meanwhile stays for the next update); the stored
    -- rows of the other keys are current from here on, and the blocks below read them
    WITH taken AS (DELETE FROM activity_report_internal.all_time_pending RETURNING *)
    SELECT COALESCE(array_agg(DISTINCT t.id) FILTER (WHERE t.what = 'fact'), '{}'),
           COALESCE(array_agg(DISTINCT t.content_id) FILTER (WHERE t.what = 'fact' AND t.content_id IS NOT NULL), '{}'),
           COALESCE(array_agg(DISTINCT t.id) FILTER (WHERE t.what = 'user'), '{}'),
           COALESCE(array_agg(DISTINCT t.id) FILTER (WHERE t.what = 'content'), '{}'),
           COALESCE(array_agg(DISTINCT t.id) FILTER (WHERE t.what = 'course'), '{}'),
           COALESCE(array_agg(DISTINCT t.id) FILTER (WHERE t.what = 'content_type'), '{}'),
           COALESCE(array_agg(DISTINCT t.id) FILTER (WHERE t.what = 'group'), '{}')
      INTO fact_users, fact_contents, users_changed, contents_changed, parents_before, types_changed, groups_changed
      FROM taken t;
    -- users: of changed facts, with facts on a changed content or on a content of a changed type
    u := ARRAY(SELECT unnest(fact_users)
               UNION SELECT f.user_id FROM activity_report.rollup_facts f WHERE f.content_id = ANY (contents_changed)
               UNION SELECT f.user_id FROM activity_report.contents x
                       JOIN activity_report.rollup_facts f ON f.content_id = x.content_id
                      WHERE x.content_type = ANY (types_changed));
    IF NOT activity_report_internal.all_time_tracked()
       OR 4 * cardinality(u) > (SELECT count(*) FROM activity_report_internal.all_time_analytics) THEN
        PERFORM activity_report_internal.rebuild_all_time_results();
        RETURN;
    END IF;
    -- contents whose courses are recomputed: of changed facts, changed contents and their parents before, and
    -- the contents a changed user downloaded from (learner downloads go by role); the courses are those ids
    -- and their parents now
    c := ARRAY(SELECT unnest(fact_contents) UNION SELECT unnest(contents_changed) UNION SELECT unnest(parents_before)
               UNION SELECT f.content_id FROM activity_report.rollup_facts f
                      WHERE f.user_id = ANY (users_changed) AND f.downloads > 0 AND f.content_id IS NOT NULL);
    k := ARRAY(SELECT unnest(c) UNION SELECT x.parent_id FROM activity_report.contents x
                WHERE x.content_id = ANY (c) AND x.parent_id IS NOT NULL);
    -- groups: changed memberships, and the groups of changed users (names, roles) and of the users above
    g := ARRAY(SELECT unnest(groups_changed)
               UNION SELECT m.group_id FROM activity_report.group_members m
                      WHERE m.user_id = ANY (u) OR m.user_id = ANY (users_changed));
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
    DELETE FROM activity_report_internal.all_time_members r WHERE r.group_id = ANY (g);
    DELETE FROM activity_report_internal.daily_members r WHERE r.group_id = ANY (g);
    INSERT INTO activity_report_internal.all_time_members
         SELECT * FROM activity_report_internal.computed_member_rows(g, '-infinity', 'infinity');
    INSERT INTO activity_report_internal.daily_members
         SELECT * FROM activity_report_internal.computed_member_rows(g, '-infinity', 'infinity', true);
    DELETE FROM activity_report_internal.all_time_group_totals r WHERE r.group_id = ANY (g);
    DELETE FROM activity_report_internal.daily_group_totals r WHERE r.group_id = ANY (g);
    INSERT INTO activity_report_internal.all_time_group_totals
         SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity', false, g);
    INSERT INTO activity_report_internal.daily_group_totals
         SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity', true, g);
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
  'Brings the stored all-time and per-day rows up to date after refresh_rollups changed facts or a statement changed users, contents, content types or group members: recomputes the rows of the users, groups and courses that read what changed (all_time_pending), or rebuilds them all (rebuild_all_time_results) when they are missing, a rebuild is due, or more than a quarter of the users changed.';
