-- Least privilege and tenant isolation (design §9). Two group roles: activity_report_reader reads every
-- table, view and function; activity_report_writer also loads events and maintains dimensions and the
-- taxonomy. Row-level security by portal: a role sees the rows of the portals it is bound to in
-- activity_report.portal_access ('*' binds every portal); superusers and the tables' owner are not subject
-- to it. The policies read the bindings once per query (an InitPlan), not once per row. Roles are cluster-wide: they are created when missing and survive DROP EXTENSION.
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'activity_report_reader') THEN
        CREATE ROLE activity_report_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'activity_report_writer') THEN
        CREATE ROLE activity_report_writer NOLOGIN IN ROLE activity_report_reader;
    END IF;
END
$roles$;

CREATE TABLE activity_report.portal_access (
    role_name name NOT NULL,
    portal    text NOT NULL,
    PRIMARY KEY (role_name, portal)
);
COMMENT ON TABLE activity_report.portal_access IS
  'Binds roles to portals (tenants) for row-level security: a role sees the rows of the portals bound to it or to a role it is a member of; portal ''*'' binds every portal.';
COMMENT ON COLUMN activity_report.portal_access.role_name IS 'Role (or group role) that may see the portal.';
COMMENT ON COLUMN activity_report.portal_access.portal IS 'Portal it may see; ''*'' for every portal.';
SELECT pg_catalog.pg_extension_config_dump('activity_report.portal_access', '');

-- A role sees its own bindings (and those of the roles it is a member of) and nobody else's.
ALTER TABLE activity_report.portal_access ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_bindings ON activity_report.portal_access FOR SELECT
    USING (pg_catalog.pg_has_role(CURRENT_USER,
             (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) role_name), 'MEMBER'));
COMMENT ON POLICY own_bindings ON activity_report.portal_access IS 'A role reads only the bindings that apply to it.';

CREATE FUNCTION activity_report_internal.visible_portals() RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(array_agg(DISTINCT a.portal), '{}') FROM activity_report.portal_access a
$$;
COMMENT ON FUNCTION activity_report_internal.visible_portals() IS
  'The portals the current user is bound to in activity_report.portal_access (''*'' = every portal); used by the row-level security policies.';

-- events: of the portals the caller sees (rollup_slice_portals, under row-level security). A role bound to
-- some portals sees only the days that hold events of its portals: which days others loaded is not its to know.
CREATE VIEW activity_report.rollup_status WITH (security_invoker = true) AS
SELECT v.slice, v.events, v.refreshed_at, v.dirty
  FROM (SELECT d.day AS slice,
               CASE WHEN s.day IS NOT NULL
                    THEN COALESCE((SELECT pg_catalog.sum(p.events) FROM activity_report.rollup_slice_portals p WHERE p.day = d.day), 0)::bigint
               END AS events,
               s.refreshed_at,
               (s.day IS NULL OR EXISTS (SELECT FROM activity_report_internal.rollup_dirty r WHERE r.day = d.day)) AS dirty
          FROM (SELECT s.day FROM activity_report.rollup_slices s UNION SELECT r.day FROM activity_report_internal.rollup_dirty r) d
          LEFT JOIN activity_report.rollup_slices s ON s.day = d.day) v
 WHERE NOT pg_catalog.row_security_active('activity_report.rollup_slice_portals'::pg_catalog.regclass)
    OR '*' = ANY (activity_report_internal.visible_portals())
    OR v.events > 0;
COMMENT ON VIEW activity_report.rollup_status IS 'Per day (UTC): the events rolled up, when, and whether it changed since (dirty: the reports read its raw events until the next refresh_rollups).';
COMMENT ON COLUMN activity_report.rollup_status.slice IS 'The day (UTC).';
COMMENT ON COLUMN activity_report.rollup_status.events IS 'Events of the day at its last refresh, of the portals the caller sees; NULL if never refreshed (a role bound to some portals sees only the days with events of its portals).';
COMMENT ON COLUMN activity_report.rollup_status.refreshed_at IS 'When it was last rolled up.';
COMMENT ON COLUMN activity_report.rollup_status.dirty IS 'true when the day changed since (or was never rolled up).';

DO $policies$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['events', 'rejected_events', 'users', 'contents', 'groups', 'rollup_facts', 'rollup_details',
                             'rollup_slice_portals'] LOOP
        EXECUTE pg_catalog.format('ALTER TABLE activity_report.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE pg_catalog.format(
            'CREATE POLICY portal_isolation ON activity_report.%I '
            'USING (portal OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[])) '
            '       OR ''*'' OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[]))) '
            'WITH CHECK (portal OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[])) '
            '       OR ''*'' OPERATOR(pg_catalog.=) ANY (CAST((SELECT activity_report_internal.visible_portals()) AS text[])))', t);
        EXECUTE pg_catalog.format('COMMENT ON POLICY portal_isolation ON activity_report.%I IS %L', t,
            'Rows are visible to roles bound to their portal in activity_report.portal_access.');
    END LOOP;
END
$policies$;

-- The stored all-time results have their own policy: 61_stored_results.sql.

-- A membership belongs to its group's portal: visible (and writable) when the group is.
ALTER TABLE activity_report.group_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY portal_isolation ON activity_report.group_members
    USING (EXISTS (SELECT FROM activity_report.groups g WHERE g.group_id OPERATOR(pg_catalog.=) group_members.group_id))
    WITH CHECK (EXISTS (SELECT FROM activity_report.groups g WHERE g.group_id OPERATOR(pg_catalog.=) group_members.group_id));
COMMENT ON POLICY portal_isolation ON activity_report.group_members IS
  'Memberships are visible to the roles that see their group (the groups policy applies inside).';

GRANT USAGE ON SCHEMA activity_report TO activity_report_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA activity_report TO activity_report_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA activity_report TO activity_report_reader;
-- Reports run with the caller's rights: a reader calls the building blocks they are made of.
GRANT USAGE ON SCHEMA activity_report_internal TO activity_report_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA activity_report_internal TO activity_report_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA activity_report_internal TO activity_report_reader;
GRANT INSERT, UPDATE, DELETE ON activity_report.events, activity_report.rejected_events, activity_report.users,
      activity_report.contents, activity_report.groups, activity_report.group_members,
      activity_report.vocabularies, activity_report.activity_kinds, activity_report.content_types,
      activity_report.reaction_types TO activity_report_writer;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA activity_report TO activity_report_writer;
-- A day's total of events counts every portal: a role reads it per portal (rollup_slice_portals, rollup_status).
REVOKE SELECT ON TABLE activity_report.rollup_slices FROM activity_report_reader;
GRANT SELECT (day, refreshed_at, archived) ON TABLE activity_report.rollup_slices TO activity_report_reader;
-- Rolling up is a writer's job (it runs as the extension's owner, see refresh_rollups).
REVOKE EXECUTE ON FUNCTION activity_report.refresh_rollups(timestamptz, boolean) FROM activity_report_reader;
GRANT EXECUTE ON FUNCTION activity_report.refresh_rollups(timestamptz, boolean) TO activity_report_writer;
-- Dropping raw months is the owner's decision alone.
REVOKE EXECUTE ON FUNCTION activity_report.drop_events_before(timestamptz) FROM activity_report_reader;
-- So is attaching a shard (57_shards.sql); the dimensions a coordinator sends a shard are no reader's.
REVOKE EXECUTE ON FUNCTION activity_report.attach_shard(name, text[]) FROM activity_report_reader;
REVOKE ALL ON TABLE activity_report_internal.shard_inbox, activity_report_internal.shard_requests FROM activity_report_reader;
-- The stored all-time results are written by refresh_rollups alone (as the owner).
REVOKE EXECUTE ON FUNCTION activity_report_internal.rebuild_all_time_results(), activity_report_internal.update_all_time_results(),
    activity_report_internal.roll_up_day(text, text, date, boolean) FROM activity_report_reader;
-- A writer's insert marks its days dirty itself (the classifying trigger, src/pg/dirty_days.cpp).
GRANT INSERT ON TABLE activity_report_internal.rollup_dirty TO activity_report_writer;
-- Partitions of events are read and written through events, where its policies apply; nobody but the owner
-- uses a partition by name (that would skip the row-level security of events). Partitions made later by
-- ensure_event_partitions get no privileges either. Only writers add partitions.
REVOKE ALL ON TABLE activity_report.events_local, activity_report.events_default FROM PUBLIC, activity_report_reader, activity_report_writer;
REVOKE EXECUTE ON FUNCTION activity_report.ensure_event_partitions(timestamptz, timestamptz) FROM PUBLIC, activity_report_reader;
GRANT EXECUTE ON FUNCTION activity_report.ensure_event_partitions(timestamptz, timestamptz) TO activity_report_writer;
REVOKE EXECUTE ON FUNCTION activity_report_internal.index_event_partition(regclass) FROM PUBLIC, activity_report_reader;
-- Loads that make their months (open_event_months, index_event_months): writers; the table and the steps
-- behind them are the owner's.
REVOKE EXECUTE ON FUNCTION activity_report_internal.make_event_month(timestamp, boolean), activity_report_internal.create_event_table(text),
    activity_report_internal.open_event_months(timestamptz[]), activity_report_internal.index_event_months(),
    activity_report_internal.unindexed_month_left() FROM PUBLIC, activity_report_reader;
GRANT EXECUTE ON FUNCTION activity_report_internal.open_event_months(timestamptz[]), activity_report_internal.index_event_months()
    TO activity_report_writer;
REVOKE ALL ON TABLE activity_report_internal.unindexed_event_months FROM PUBLIC, activity_report_reader;
