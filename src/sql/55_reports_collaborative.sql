-- Reports of seed 004 (collaborative activity), counted through the roles of each event's kind: replies in
-- Messages are comments (role comment), posts are publications, likes on posts are reactions. Archived
-- content, deleted activities and deleted users still count; group totals count members whose role in that
-- group is learner; a group's events are those of its members.

-- One row per event with the roles and the reaction name it carries (label if it names a known reaction,
-- else the action, as in reaction_score).
CREATE VIEW activity_report_internal.event_roles_v WITH (security_invoker = true) AS
SELECT e.event_id, e.user_id, e.content_id, e.occurred_at, e.action, e.label, e.portal,
       COALESCE(k.roles, '{}'::text[]) AS roles,
       CASE WHEN 'reaction' = ANY (k.roles) THEN activity_report.reaction_of(e.action, e.label) END AS reaction
  FROM activity_report.events e
  LEFT JOIN activity_report.activity_kinds k ON k.kind_id = e.kind_id;
COMMENT ON VIEW activity_report_internal.event_roles_v IS 'Every event with the roles of its kind and, for reactions, the reaction it names: the basis of the role-counted reports.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.event_id IS 'Event.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.user_id IS 'Who.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.content_id IS 'Where.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.occurred_at IS 'When.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.action IS 'Action.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.label IS 'Label.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.portal IS 'Tenant.';
COMMENT ON COLUMN activity_report_internal.event_roles_v.roles IS 'Roles of the event''s kind (empty for unclassified rows).';
COMMENT ON COLUMN activity_report_internal.event_roles_v.reaction IS 'For a reaction: the reaction_types name its label (else its action) names.';

-- A person named in contents.author / co_authors: a user ID, or a user's "first last" name. Resolves to the
-- user (by ID, else the first user by ID with that full name) so reports print names and find the author's groups.
CREATE FUNCTION activity_report_internal.resolve_person(who text, OUT user_id text, OUT display_name text)
    LANGUAGE sql STABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT u.user_id, COALESCE(NULLIF(activity_report_internal.full_name(u.first_name, u.last_name), ''), $1)
      FROM (SELECT) one
      LEFT JOIN LATERAL (
           -- two index lookups, the ID first (an OR of both would scan every user)
           (SELECT 0 AS rank, x.user_id, x.first_name, x.last_name FROM activity_report.users x WHERE x.user_id = $1)
           UNION ALL
           (SELECT 1, x.user_id, x.first_name, x.last_name FROM activity_report.users x
             WHERE activity_report_internal.full_name(x.first_name, x.last_name) = $1
             ORDER BY x.user_id LIMIT 1)
           ORDER BY rank LIMIT 1) u ON true
$$;
COMMENT ON FUNCTION activity_report_internal.resolve_person(text) IS
  'The user an author field names (by user ID, else by "first last" name) and the name to print: the user''s first and last name, or the field as given when no user matches.';

-- The author's deepest group: depth counts parent_id links up to a top-level group (a cycle stops at 64).
CREATE FUNCTION activity_report_internal.lowest_group(user_id text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT g.name
      FROM activity_report.group_members m
      JOIN activity_report.groups g ON g.group_id = m.group_id
     CROSS JOIN LATERAL (
           WITH RECURSIVE up(parent_id, depth) AS (
               SELECT g.parent_id, 0
               UNION ALL
               SELECT p.parent_id, up.depth + 1 FROM up JOIN activity_report.groups p ON p.group_id = up.parent_id
                WHERE up.depth < 64)
           SELECT max(up.depth) AS depth FROM up) d
     WHERE m.user_id = $1
     ORDER BY d.depth DESC, g.name, g.group_id
     LIMIT 1
$$;
COMMENT ON FUNCTION activity_report_internal.lowest_group(text) IS
  'Name of the lowest-level group (deepest in the parent_id tree) the user is a member of; ties by name. NULL when the user is in no group.';

-- Activity types as seed 004 names them (Document, Cheat Sheet, Question) in any spelling: case, spaces and
-- punctuation ignored. Seed 004 counts downloads of documents and cheat sheets only.
CREATE FUNCTION activity_report_internal.activity_type_key(content_type text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT regexp_replace(lower($1), '[^a-z]', '', 'g') $$;
COMMENT ON FUNCTION activity_report_internal.activity_type_key(text) IS
  'An activity type reduced to its lower-case letters (''Cheat Sheet'' -> ''cheatsheet''), to match seed 004''s Document, Cheat Sheet and Question in any spelling.';

CREATE FUNCTION activity_report_internal.is_learner(platform_role text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT lower(COALESCE($1, '')) NOT IN ('admin', 'editor', 'contributor') $$;
COMMENT ON FUNCTION activity_report_internal.is_learner(text) IS
  'Whether a user with this users.role counts as a learner in seed-004 download counts: every role but admin, editor and contributor (NULL and unknown users count).';

-- The building blocks take the event-time range [from_ts, to_ts); the views call them over all time, the
-- report functions with the caller's range (design §6).

-- Per user, the publications, comments and reactions in [from_ts, to_ts) (users of user_ids; NULL: all).
CREATE FUNCTION activity_report_internal.user_collab_totals(user_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                             per_day boolean DEFAULT false)
    RETURNS TABLE (day date, user_id text, publications bigint, comments bigint, reactions bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN $4 THEN f.day END, f.user_id, sum(f.publications)::bigint, sum(f.comments)::bigint, sum(f.reactions)::bigint
      FROM activity_report_internal.report_facts($2, $3, false, $1) f
     WHERE f.piece = 0
     GROUP BY 1, f.user_id
$$;
COMMENT ON FUNCTION activity_report_internal.user_collab_totals(text[], timestamptz, timestamptz, boolean) IS
  'Per user (of user_ids; NULL: every user), and per UTC day when per_day, publications, comments and reactions in [from_ts, to_ts), from the facts of report_facts.';

-- Per member of the groups (of group_ids; NULL: every group), with the member's role in the group.
CREATE FUNCTION activity_report_internal.computed_member_rows(group_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                     per_day boolean DEFAULT false)
    RETURNS TABLE (day date, group_id text, first_name text, last_name text, email text, additional_information text,
                   publications bigint, comments bigint, reactions bigint, user_id text, role text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH m AS (SELECT g.group_id, g.user_id, g.role FROM activity_report.group_members g
                WHERE $1 IS NULL OR g.group_id = ANY ($1)),
    t AS (SELECT * FROM activity_report_internal.user_collab_totals(
              CASE WHEN $1 IS NOT NULL THEN ARRAY(SELECT DISTINCT m.user_id FROM m) END, $2, $3, $4))
    -- per day: the members with events that day
    SELECT t.day, m.group_id, u.first_name, u.last_name, u.email, u.additional_information,
           COALESCE(t.publications, 0), COALESCE(t.comments, 0), COALESCE(t.reactions, 0), m.user_id, m.role
      FROM m
      LEFT JOIN activity_report.users u ON u.user_id = m.user_id
      LEFT JOIN t ON t.user_id = m.user_id
     WHERE NOT $4 OR t.user_id IS NOT NULL
$$;
COMMENT ON FUNCTION activity_report_internal.computed_member_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per member of the groups (of group_ids; NULL: every group), and per UTC day with events when per_day, with the member''s role in it: publications, comments and reactions in [from_ts, to_ts). Building block of the seed-004 group reports and views.';

-- The stored rows over all time of member_rows (54_rollups_all_time.sql), per group member.
CREATE TABLE activity_report_internal.all_time_members AS
    SELECT * FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity') WITH NO DATA;
CREATE INDEX ON activity_report_internal.all_time_members (group_id);
COMMENT ON TABLE activity_report_internal.all_time_members IS
  'The all-time rows of member_rows over all time, per group member, as of the last refresh_rollups that left no day dirty.';
CREATE TABLE activity_report_internal.daily_members AS
    SELECT * FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity', true) WITH NO DATA;
CREATE INDEX ON activity_report_internal.daily_members (group_id);
CREATE INDEX ON activity_report_internal.daily_members (day);
COMMENT ON TABLE activity_report_internal.daily_members IS
  'The per-day rows of member_rows over all time, per group member, as of the last refresh_rollups that left no day dirty.';

CREATE FUNCTION activity_report_internal.member_rows(group_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                     per_day boolean DEFAULT false)
    RETURNS TABLE (day date, group_id text, first_name text, last_name text, email text, additional_information text,
                   publications bigint, comments bigint, reactions bigint, user_id text, role text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    -- one query or the other, planned for these arguments (a stored table's index for given keys)
    IF activity_report_internal.use_all_time(from_ts, to_ts) THEN
        RETURN QUERY EXECUTE
            pg_catalog.format('SELECT r.* FROM activity_report_internal.%I r', CASE WHEN per_day THEN 'daily_members' ELSE 'all_time_members' END)
            || CASE WHEN group_ids IS NOT NULL THEN ' WHERE r.group_id OPERATOR(pg_catalog.=) ANY ($1)' ELSE '' END
            USING group_ids;
    ELSE
        RETURN QUERY SELECT * FROM activity_report_internal.computed_member_rows(group_ids, from_ts, to_ts, per_day);
    END IF;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.member_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per member of the groups (of group_ids; NULL: every group), and per UTC day with events when per_day, with the member''s role in it: publications, comments and reactions in [from_ts, to_ts). Building block of the seed-004 group reports and views. Reads the stored rows over all time when use_all_time allows, else computes them (computed_member_rows).';

-- The views over all time read the stored rows as they are (a function's rows would be copied first).
CREATE VIEW activity_report_internal.all_time_members_v WITH (security_invoker = true) AS
SELECT r.* FROM activity_report_internal.all_time_members r WHERE activity_report_internal.use_all_time('-infinity', 'infinity')
UNION ALL
SELECT c.* FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity') c
 WHERE NOT activity_report_internal.use_all_time('-infinity', 'infinity');
COMMENT ON VIEW activity_report_internal.all_time_members_v IS 'member_rows(NULL, ''-infinity'', ''infinity''): the stored rows when use_all_time allows, else computed.';
CREATE VIEW activity_report_internal.daily_members_v WITH (security_invoker = true) AS
SELECT r.* FROM activity_report_internal.daily_members r WHERE activity_report_internal.use_all_time('-infinity', 'infinity')
UNION ALL
SELECT c.* FROM activity_report_internal.computed_member_rows(NULL, '-infinity', 'infinity', true) c
 WHERE NOT activity_report_internal.use_all_time('-infinity', 'infinity');
COMMENT ON VIEW activity_report_internal.daily_members_v IS 'member_rows(NULL, ''-infinity'', ''infinity'', true): the stored rows when use_all_time allows, else computed.';

CREATE FUNCTION activity_report_internal.group_member_activity(group_id text, from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (first_name text, last_name text, email text, additional_information text,
                   publications bigint, comments bigint, reactions bigint, user_id text, role text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.first_name, a.last_name, a.email, a.additional_information, a.publications, a.comments, a.reactions,
           a.user_id, a.role
      FROM activity_report_internal.member_rows(ARRAY[$1], $2, $3) a
$$;
COMMENT ON FUNCTION activity_report_internal.group_member_activity(text, timestamptz, timestamptz) IS
  'Per member of a group, with the member''s role in it: publications, comments and reactions in [from_ts, to_ts). Building block of the seed-004 group reports.';


-- Per activity of the courses (of course_ids; NULL: every content with a parent): the seed-004 counts.
CREATE FUNCTION activity_report_internal.computed_activity_rows(course_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                       per_day boolean DEFAULT false)
    RETURNS TABLE (day date, course_id text, title text, views bigint, likes bigint, learned_something bigint, outdated bigint,
                   have_a_question bigint, comments bigint, downloads bigint, type text, activity_id text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH a AS (SELECT c.parent_id, c.content_id, c.name, c.content_type FROM activity_report.contents c
                WHERE c.parent_id IS NOT NULL AND ($1 IS NULL OR c.parent_id = ANY ($1))),
    f AS (SELECT CASE WHEN $4 THEN f.day END AS day, f.content_id, sum(f.views) AS views, sum(f.likes) AS likes, sum(f.learned_something) AS learned_something,
                 sum(f.outdated) AS outdated, sum(f.have_a_question) AS have_a_question, sum(f.comments) AS comments,
                 sum(f.downloads) FILTER (WHERE activity_report_internal.is_learner(du.role)) AS downloads
            FROM activity_report_internal.report_facts($2, $3, false, NULL,
                     CASE WHEN $1 IS NOT NULL THEN ARRAY(SELECT a.content_id FROM a) END) f
            LEFT JOIN activity_report.users du ON du.user_id = f.user_id
           WHERE f.piece = 0
           GROUP BY 1, f.content_id)
    -- per day: the activities with events that day
    SELECT f.day, a.parent_id, a.name, COALESCE(f.views, 0)::bigint, COALESCE(f.likes, 0)::bigint, COALESCE(f.learned_something, 0)::bigint,
           COALESCE(f.outdated, 0)::bigint, COALESCE(f.have_a_question, 0)::bigint, COALESCE(f.comments, 0)::bigint,
           CASE WHEN activity_report_internal.activity_type_key(a.content_type) IN ('document', 'cheatsheet')
                THEN COALESCE(f.downloads, 0) ELSE 0 END::bigint,
           a.content_type, a.content_id
      FROM a LEFT JOIN f ON f.content_id = a.content_id
     WHERE NOT $4 OR f.content_id IS NOT NULL
$$;
COMMENT ON FUNCTION activity_report_internal.computed_activity_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per activity (child content) of the courses (of course_ids; NULL: every parent), and per UTC day with events when per_day: views, reactions by kind, comments and learner downloads in [from_ts, to_ts). Building block of course_activity_engagement and its view.';

-- The stored rows over all time of activity_rows (54_rollups_all_time.sql), per course activity.
CREATE TABLE activity_report_internal.all_time_activities AS
    SELECT * FROM activity_report_internal.computed_activity_rows(NULL, '-infinity', 'infinity') WITH NO DATA;
CREATE INDEX ON activity_report_internal.all_time_activities (course_id);
COMMENT ON TABLE activity_report_internal.all_time_activities IS
  'The all-time rows of activity_rows over all time, per course activity, as of the last refresh_rollups that left no day dirty.';
CREATE TABLE activity_report_internal.daily_activities AS
    SELECT * FROM activity_report_internal.computed_activity_rows(NULL, '-infinity', 'infinity', true) WITH NO DATA;
CREATE INDEX ON activity_report_internal.daily_activities (course_id);
CREATE INDEX ON activity_report_internal.daily_activities (day);
COMMENT ON TABLE activity_report_internal.daily_activities IS
  'The per-day rows of activity_rows over all time, per course activity, as of the last refresh_rollups that left no day dirty.';

CREATE FUNCTION activity_report_internal.activity_rows(course_ids text[], from_ts timestamptz, to_ts timestamptz,
                                                       per_day boolean DEFAULT false)
    RETURNS TABLE (day date, course_id text, title text, views bigint, likes bigint, learned_something bigint, outdated bigint,
                   have_a_question bigint, comments bigint, downloads bigint, type text, activity_id text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    -- one query or the other, planned for these arguments (a stored table's index for given keys)
    IF activity_report_internal.use_all_time(from_ts, to_ts) THEN
        RETURN QUERY EXECUTE
            pg_catalog.format('SELECT r.* FROM activity_report_internal.%I r', CASE WHEN per_day THEN 'daily_activities' ELSE 'all_time_activities' END)
            || CASE WHEN course_ids IS NOT NULL THEN ' WHERE r.course_id OPERATOR(pg_catalog.=) ANY ($1)' ELSE '' END
            USING course_ids;
    ELSE
        RETURN QUERY SELECT * FROM activity_report_internal.computed_activity_rows(course_ids, from_ts, to_ts, per_day);
    END IF;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.activity_rows(text[], timestamptz, timestamptz, boolean) IS
  'Per activity (child content) of the courses (of course_ids; NULL: every parent), and per UTC day with events when per_day: views, reactions by kind, comments and learner downloads in [from_ts, to_ts). Building block of course_activity_engagement and its view. Reads the stored rows over all time when use_all_time allows, else computes them (computed_activity_rows).';

CREATE FUNCTION activity_report_internal.course_activity_rows(course_id text, from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (title text, views bigint, likes bigint, learned_something bigint, outdated bigint,
                   have_a_question bigint, comments bigint, downloads bigint, type text, activity_id text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.title, a.views, a.likes, a.learned_something, a.outdated, a.have_a_question, a.comments, a.downloads,
           a.type, a.activity_id
      FROM activity_report_internal.activity_rows(ARRAY[$1], $2, $3) a
$$;
COMMENT ON FUNCTION activity_report_internal.course_activity_rows(text, timestamptz, timestamptz) IS
  'Per activity of a course (its child contents): views, reactions by kind, comments and learner downloads in [from_ts, to_ts). Building block of course_activity_engagement.';

CREATE VIEW activity_report.collaborative_users_v WITH (security_invoker = true) AS
SELECT g.group_id, a.first_name, a.last_name, a.email, a.additional_information, a.publications, a.comments, a.reactions,
       a.user_id, a.role
  FROM activity_report.groups g
  JOIN activity_report_internal.all_time_members_v a ON a.group_id = g.group_id;
COMMENT ON VIEW activity_report.collaborative_users_v IS 'Collaborative activity of the users of every group (seed 004, Users tab): publications, comments and reactions per member.';
COMMENT ON COLUMN activity_report.collaborative_users_v.group_id IS 'Group.';
COMMENT ON COLUMN activity_report.collaborative_users_v.first_name IS 'First name of the user.';
COMMENT ON COLUMN activity_report.collaborative_users_v.last_name IS 'Last name of the user.';
COMMENT ON COLUMN activity_report.collaborative_users_v.email IS 'Email of the user.';
COMMENT ON COLUMN activity_report.collaborative_users_v.additional_information IS 'The user''s Additional information field.';
COMMENT ON COLUMN activity_report.collaborative_users_v.publications IS 'Posts in Messages (role publication); replies are not counted.';
COMMENT ON COLUMN activity_report.collaborative_users_v.comments IS 'Forum posts and replies, replies in Messages, comments (role comment).';
COMMENT ON COLUMN activity_report.collaborative_users_v.reactions IS 'Reactions in activities and likes on posts (role reaction).';
COMMENT ON COLUMN activity_report.collaborative_users_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.collaborative_users_v.role IS 'Role of the user in the group.';

CREATE FUNCTION activity_report.collaborative_users(group_id text, from_ts timestamptz DEFAULT '-infinity',
                                                   to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (first_name text, last_name text, email text, additional_information text,
                   publications bigint, comments bigint, reactions bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.first_name, a.last_name, a.email, a.additional_information, a.publications, a.comments, a.reactions
      FROM activity_report_internal.group_member_activity($1, COALESCE($2, '-infinity'), COALESCE($3, 'infinity')) a
     ORDER BY a.last_name, a.first_name, a.user_id
$$;
COMMENT ON FUNCTION activity_report.collaborative_users(text, timestamptz, timestamptz) IS
  'Collaborative activity of a group''s users (seed 004): one row per member, with publications, comments and reactions in [from_ts, to_ts) (all time by default).';

-- Per group, the totals of the members whose role in it is learner (seed 004), in [from_ts, to_ts).
CREATE FUNCTION activity_report_internal.computed_group_totals(from_ts timestamptz, to_ts timestamptz, per_day boolean DEFAULT false,
                                                      group_ids text[] DEFAULT NULL)
    RETURNS TABLE (day date, group_id text, publications bigint, comments bigint, reactions bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.day, a.group_id, sum(a.publications)::bigint, sum(a.comments)::bigint, sum(a.reactions)::bigint
      FROM activity_report_internal.member_rows($4, $1, $2, $3) a
     WHERE lower(a.role) = 'learner'
     GROUP BY a.day, a.group_id
$$;
COMMENT ON FUNCTION activity_report_internal.computed_group_totals(timestamptz, timestamptz, boolean, text[]) IS
  'Per group (of group_ids; NULL: every group), and per UTC day when per_day, publications, comments and reactions in [from_ts, to_ts) of the members whose role in the group is learner: the body of collaborative_groups and its view.';

-- The stored rows over all time of group_totals (54_rollups_all_time.sql), per group.
CREATE TABLE activity_report_internal.all_time_group_totals AS
    SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity') WITH NO DATA;
CREATE INDEX ON activity_report_internal.all_time_group_totals (group_id);
COMMENT ON TABLE activity_report_internal.all_time_group_totals IS
  'The all-time rows of group_totals over all time, per group, as of the last refresh_rollups that left no day dirty.';
CREATE TABLE activity_report_internal.daily_group_totals AS
    SELECT * FROM activity_report_internal.computed_group_totals('-infinity', 'infinity', true) WITH NO DATA;
CREATE INDEX ON activity_report_internal.daily_group_totals (group_id);
CREATE INDEX ON activity_report_internal.daily_group_totals (day);
COMMENT ON TABLE activity_report_internal.daily_group_totals IS
  'The per-day rows of group_totals over all time, per group, as of the last refresh_rollups that left no day dirty.';

CREATE FUNCTION activity_report_internal.group_totals(from_ts timestamptz, to_ts timestamptz, per_day boolean DEFAULT false)
    RETURNS TABLE (day date, group_id text, publications bigint, comments bigint, reactions bigint)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    -- one query or the other, planned for these arguments (a stored table's index for given keys)
    IF activity_report_internal.use_all_time(from_ts, to_ts) THEN
        RETURN QUERY EXECUTE
            pg_catalog.format('SELECT r.* FROM activity_report_internal.%I r', CASE WHEN per_day THEN 'daily_group_totals' ELSE 'all_time_group_totals' END);
    ELSE
        RETURN QUERY SELECT * FROM activity_report_internal.computed_group_totals(from_ts, to_ts, per_day);
    END IF;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.group_totals(timestamptz, timestamptz, boolean) IS
  'Per group (and per UTC day when per_day), publications, comments and reactions in [from_ts, to_ts) of the members whose role in the group is learner: the body of collaborative_groups and its view. Reads the stored rows over all time when use_all_time allows, else computes them (computed_group_totals).';

CREATE VIEW activity_report.collaborative_groups WITH (security_invoker = true) AS
SELECT g.name, COALESCE(t.publications, 0) AS publications, COALESCE(t.comments, 0) AS comments,
       COALESCE(t.reactions, 0) AS reactions, g.group_id
  FROM activity_report.groups g
  LEFT JOIN activity_report_internal.group_totals('-infinity', 'infinity') t ON t.group_id = g.group_id;
COMMENT ON VIEW activity_report.collaborative_groups IS 'Collaborative activity of several groups (seed 004, Groups tab): totals of the members whose role in the group is learner.';
COMMENT ON COLUMN activity_report.collaborative_groups.name IS 'Name of the group.';
COMMENT ON COLUMN activity_report.collaborative_groups.publications IS 'Publications of the group''s learners.';
COMMENT ON COLUMN activity_report.collaborative_groups.comments IS 'Comments of the group''s learners.';
COMMENT ON COLUMN activity_report.collaborative_groups.reactions IS 'Reactions of the group''s learners.';
COMMENT ON COLUMN activity_report.collaborative_groups.group_id IS 'Group ID.';

CREATE FUNCTION activity_report.collaborative_groups(from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (name text, publications bigint, comments bigint, reactions bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT g.name, COALESCE(t.publications, 0), COALESCE(t.comments, 0), COALESCE(t.reactions, 0)
      FROM activity_report.groups g
     LEFT JOIN activity_report_internal.group_totals(COALESCE($1, '-infinity'), COALESCE($2, 'infinity')) t ON t.group_id = g.group_id
     ORDER BY g.name, g.group_id
$$;
COMMENT ON FUNCTION activity_report.collaborative_groups(timestamptz, timestamptz) IS
  'Collaborative activity of several groups (seed 004): one row per group, totals in [from_ts, to_ts) over the members with the learner role.';

CREATE VIEW activity_report.course_activity_engagement_v WITH (security_invoker = true) AS
SELECT a.course_id, a.title, a.views, a.likes, a.learned_something, a.outdated, a.have_a_question,
       a.comments, a.downloads, a.type, a.activity_id
  FROM activity_report_internal.activity_rows(NULL, '-infinity', 'infinity') a;
COMMENT ON VIEW activity_report.course_activity_engagement_v IS 'Engagement by activity of every course (seed 004): views (starts), reactions by kind, comments and downloads per activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.course_id IS 'Course of the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.title IS 'Title of the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.views IS 'Times the activity was started (each attempt counts).';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.likes IS 'Like reactions in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.learned_something IS 'Learned something reactions in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.outdated IS 'Outdated reactions in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.have_a_question IS 'Have a question reactions in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.comments IS 'Public comments published in the activity.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.downloads IS 'Times the activity was downloaded by a learner (users.role not admin, editor or contributor); documents and cheat sheets only.';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.type IS 'Type of activity (Cheat Sheet, Question, Document).';
COMMENT ON COLUMN activity_report.course_activity_engagement_v.activity_id IS 'Activity content ID.';

CREATE FUNCTION activity_report.course_activity_engagement(course_id text, from_ts timestamptz DEFAULT '-infinity',
                                                          to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (title text, views bigint, likes bigint, learned_something bigint, outdated bigint,
                   have_a_question bigint, comments bigint, downloads bigint, type text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.title, a.views, a.likes, a.learned_something, a.outdated, a.have_a_question, a.comments, a.downloads, a.type
      FROM activity_report_internal.course_activity_rows($1, COALESCE($2, '-infinity'), COALESCE($3, 'infinity')) a
     ORDER BY a.title, a.activity_id
$$;
COMMENT ON FUNCTION activity_report.course_activity_engagement(text, timestamptz, timestamptz) IS
  'Engagement by activity of a course (seed 004): one row per activity (contents whose parent is the course), events in [from_ts, to_ts).';

-- Per course: views (starts of the course itself), reaction score (the course's own events, whose starts
-- are the views, and the reactions on its activities) and reactions by kind on its activities.
CREATE FUNCTION activity_report_internal.computed_course_event_totals(from_ts timestamptz, to_ts timestamptz, per_day boolean DEFAULT false,
                                                             course_ids text[] DEFAULT NULL)
    RETURNS TABLE (day date, course_id text, views bigint, score double precision, likes bigint, learned_something bigint,
                   outdated bigint, have_a_question bigint, useful bigint, irrelevant bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH courses AS (SELECT c.content_id FROM activity_report.contents c
                      WHERE lower(c.content_type) = 'course' AND ($4 IS NULL OR c.content_id = ANY ($4))),
    per_content AS (
        SELECT CASE WHEN $3 THEN f.day END AS day, f.content_id, sum(f.views) AS views, activity_report.rollup(f.score_all) AS score_all,
               activity_report.rollup(f.score_reactions) AS score_reactions,
               sum(f.likes) AS likes, sum(f.learned_something) AS learned_something, sum(f.outdated) AS outdated,
               sum(f.have_a_question) AS have_a_question, sum(f.useful) AS useful, sum(f.irrelevant) AS irrelevant
          FROM activity_report_internal.report_facts($1, $2, false, NULL,
                   -- given courses: their own facts and their activities'
                   CASE WHEN $4 IS NOT NULL THEN ARRAY(SELECT c.content_id FROM courses c UNION ALL
                                                       SELECT a.content_id FROM activity_report.contents a
                                                        WHERE a.parent_id IN (SELECT c.content_id FROM courses c)) END) f
         WHERE f.piece = 0 AND f.content_id IS NOT NULL
         GROUP BY 1, f.content_id),
    parts AS (  -- the course itself (own = true) and its activities
        SELECT c.content_id AS course_id, true AS own, p.* FROM courses c JOIN per_content p ON p.content_id = c.content_id
        UNION ALL
        SELECT c.content_id, false, p.* FROM courses c
          JOIN activity_report.contents a ON a.parent_id = c.content_id
          JOIN per_content p ON p.content_id = a.content_id)
    SELECT parts.day, parts.course_id,
           COALESCE(sum(parts.views) FILTER (WHERE parts.own), 0)::bigint,
           activity_report.reaction_score(activity_report.rollup(CASE WHEN parts.own THEN parts.score_all ELSE parts.score_reactions END)),
           COALESCE(sum(parts.likes) FILTER (WHERE NOT parts.own), 0)::bigint,
           COALESCE(sum(parts.learned_something) FILTER (WHERE NOT parts.own), 0)::bigint,
           COALESCE(sum(parts.outdated) FILTER (WHERE NOT parts.own), 0)::bigint,
           COALESCE(sum(parts.have_a_question) FILTER (WHERE NOT parts.own), 0)::bigint,
           COALESCE(sum(parts.useful) FILTER (WHERE NOT parts.own), 0)::bigint,
           COALESCE(sum(parts.irrelevant) FILTER (WHERE NOT parts.own), 0)::bigint
      FROM parts
     GROUP BY parts.day, parts.course_id
$$;
COMMENT ON FUNCTION activity_report_internal.computed_course_event_totals(timestamptz, timestamptz, boolean, text[]) IS
  'Per course (content of type course; of course_ids, NULL: every course) with events in [from_ts, to_ts), and per UTC day when per_day: views, reaction score and reactions by kind on its activities, from the facts of report_facts. Building block of collaborative_courses.';

-- The stored rows over all time of course_event_totals (54_rollups_all_time.sql), per course.
CREATE TABLE activity_report_internal.all_time_course_totals AS
    SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity') WITH NO DATA;
CREATE INDEX ON activity_report_internal.all_time_course_totals (course_id);
COMMENT ON TABLE activity_report_internal.all_time_course_totals IS
  'The all-time rows of course_event_totals over all time, per course, as of the last refresh_rollups that left no day dirty.';
CREATE TABLE activity_report_internal.daily_course_totals AS
    SELECT * FROM activity_report_internal.computed_course_event_totals('-infinity', 'infinity', true) WITH NO DATA;
CREATE INDEX ON activity_report_internal.daily_course_totals (course_id);
CREATE INDEX ON activity_report_internal.daily_course_totals (day);
COMMENT ON TABLE activity_report_internal.daily_course_totals IS
  'The per-day rows of course_event_totals over all time, per course, as of the last refresh_rollups that left no day dirty.';

CREATE FUNCTION activity_report_internal.course_event_totals(from_ts timestamptz, to_ts timestamptz, per_day boolean DEFAULT false)
    RETURNS TABLE (day date, course_id text, views bigint, score double precision, likes bigint, learned_something bigint,
                   outdated bigint, have_a_question bigint, useful bigint, irrelevant bigint)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    -- one query or the other, planned for these arguments (a stored table's index for given keys)
    IF activity_report_internal.use_all_time(from_ts, to_ts) THEN
        RETURN QUERY EXECUTE
            pg_catalog.format('SELECT r.* FROM activity_report_internal.%I r', CASE WHEN per_day THEN 'daily_course_totals' ELSE 'all_time_course_totals' END);
    ELSE
        RETURN QUERY SELECT * FROM activity_report_internal.computed_course_event_totals(from_ts, to_ts, per_day);
    END IF;
END
$fn$;
COMMENT ON FUNCTION activity_report_internal.course_event_totals(timestamptz, timestamptz, boolean) IS
  'Per course (content of type course) with events in [from_ts, to_ts), and per UTC day when per_day: views, reaction score and reactions by kind on its activities, from the facts of report_facts. Building block of collaborative_courses. Reads the stored rows over all time when use_all_time allows, else computes them (computed_course_event_totals).';

-- 360Learning's bands of the reaction score.
CREATE FUNCTION activity_report.reaction_band(score double precision) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE WHEN $1 > 50 THEN 'green' WHEN $1 >= 25 THEN 'orange' ELSE 'red' END $$;
COMMENT ON FUNCTION activity_report.reaction_band(double precision) IS
  'Band of a reaction score (360Learning): green above 50, orange from 25 to 50, red below 25; NULL without a score.';

CREATE FUNCTION activity_report.collaborative_courses(from_ts timestamptz DEFAULT '-infinity', to_ts timestamptz DEFAULT 'infinity')
    RETURNS TABLE (course_name text, course_id text, author text, co_authors text, views bigint, status text,
                   creation_date timestamptz, last_update timestamptz, reaction_score integer, likes bigint,
                   learned_something bigint, outdated bigint, have_a_question bigint, useful bigint, irrelevant bigint,
                   documents bigint, cheat_sheets bigint, questions bigint, source_language text,
                   available_translation_languages text, unavailable_translation_languages text, tags text, "group" text,
                   reaction_band text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT q.*, activity_report.reaction_band(q.reaction_score) FROM (
    SELECT c.name AS course_name, c.content_id AS course_id, au.display_name AS author,
           (SELECT COALESCE(string_agg(p.display_name, '|' ORDER BY x.n), '')
              FROM unnest(c.co_authors) WITH ORDINALITY x(who, n)
              CROSS JOIN LATERAL activity_report_internal.resolve_person(x.who) p) AS co_authors,
           COALESCE(x.views, 0) AS views,
           c.status, c.created_at AS creation_date,
           GREATEST(c.updated_at, (SELECT max(a.updated_at) FROM activity_report.contents a WHERE a.parent_id = c.content_id)) AS last_update,
           round(x.score::numeric)::integer AS reaction_score,
           COALESCE(x.likes, 0) AS likes, COALESCE(x.learned_something, 0) AS learned_something,
           COALESCE(x.outdated, 0) AS outdated, COALESCE(x.have_a_question, 0) AS have_a_question,
           COALESCE(x.useful, 0) AS useful, COALESCE(x.irrelevant, 0) AS irrelevant,
           COALESCE(k.documents, 0) AS documents, COALESCE(k.cheat_sheets, 0) AS cheat_sheets,
           COALESCE(k.questions, 0) AS questions,
           c.source_language,
           array_to_string(c.available_languages, '|') AS available_translation_languages,
           array_to_string(c.unavailable_languages, '|') AS unavailable_translation_languages,
           array_to_string(COALESCE(c.tags, '{}') || ARRAY(
               SELECT DISTINCT t FROM activity_report.contents a, unnest(a.tags) t
                WHERE a.parent_id = c.content_id AND t <> ALL (COALESCE(c.tags, '{}')) ORDER BY t), '|') AS tags,
           COALESCE(activity_report_internal.lowest_group(au.user_id), g.name) AS "group"
      FROM activity_report.contents c
      LEFT JOIN LATERAL activity_report_internal.resolve_person(c.author) au ON true
      LEFT JOIN activity_report.groups g ON g.group_id = c.group_id
      LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE kt = 'document') AS documents,
                  count(*) FILTER (WHERE kt = 'cheatsheet') AS cheat_sheets,
                  count(*) FILTER (WHERE kt = 'question') AS questions
             FROM activity_report.contents a, activity_report_internal.activity_type_key(a.content_type) kt
            WHERE a.parent_id = c.content_id) k ON true
      LEFT JOIN activity_report_internal.course_event_totals(COALESCE($1, '-infinity'), COALESCE($2, 'infinity')) x
             ON x.course_id = c.content_id
     WHERE lower(c.content_type) = 'course') q
     ORDER BY q.course_name, q.course_id
$$;
COMMENT ON FUNCTION activity_report.collaborative_courses(timestamptz, timestamptz) IS
  'Collaborative activity of several courses (seed 004): one row per course, with views, reaction score (and its band) and reactions by kind from events in [from_ts, to_ts), activity counts and languages.';

CREATE VIEW activity_report.collaborative_courses WITH (security_invoker = true) AS
SELECT * FROM activity_report.collaborative_courses('-infinity', 'infinity');
COMMENT ON VIEW activity_report.collaborative_courses IS 'Collaborative activity of several courses (seed 004): one row per course (contents of type course).';
COMMENT ON COLUMN activity_report.collaborative_courses.course_name IS 'Title of the course.';
COMMENT ON COLUMN activity_report.collaborative_courses.course_id IS 'Course ID.';
COMMENT ON COLUMN activity_report.collaborative_courses.author IS 'First and last name of the main author (contents.author, a user ID or a name; printed as given when no user matches).';
COMMENT ON COLUMN activity_report.collaborative_courses.co_authors IS 'First and last names of the co-authors, separated by |.';
COMMENT ON COLUMN activity_report.collaborative_courses.views IS 'Times the course itself was started (each attempt counts).';
COMMENT ON COLUMN activity_report.collaborative_courses.status IS 'Active, Archived or Deleted.';
COMMENT ON COLUMN activity_report.collaborative_courses.creation_date IS 'Date of the first save.';
COMMENT ON COLUMN activity_report.collaborative_courses.last_update IS 'Last edition of the course settings or of one of its activities (latest updated_at).';
COMMENT ON COLUMN activity_report.collaborative_courses.reaction_score IS 'reaction_score over the course''s own events (its starts are the views) and the reactions on its activities, rounded half away from zero.';
COMMENT ON COLUMN activity_report.collaborative_courses.likes IS 'Like reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.learned_something IS 'Learned something reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.outdated IS 'Outdated reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.have_a_question IS 'Have a question reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.useful IS 'Useful reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.irrelevant IS 'Irrelevant reactions on the course''s activities.';
COMMENT ON COLUMN activity_report.collaborative_courses.documents IS 'Document activities of the course.';
COMMENT ON COLUMN activity_report.collaborative_courses.cheat_sheets IS 'Cheat sheet activities of the course.';
COMMENT ON COLUMN activity_report.collaborative_courses.questions IS 'Question activities of the course.';
COMMENT ON COLUMN activity_report.collaborative_courses.source_language IS 'Language of the course edition.';
COMMENT ON COLUMN activity_report.collaborative_courses.available_translation_languages IS 'Translations available to learners, separated by |.';
COMMENT ON COLUMN activity_report.collaborative_courses.unavailable_translation_languages IS 'Translations declared but not available, separated by |.';
COMMENT ON COLUMN activity_report.collaborative_courses.tags IS 'Tags of the course, then those only its activities carry (alphabetical), separated by |.';
COMMENT ON COLUMN activity_report.collaborative_courses.reaction_band IS 'Band of the reaction score: green above 50, orange from 25 to 50, red below 25; NULL without a score.';
COMMENT ON COLUMN activity_report.collaborative_courses."group" IS 'Name of the lowest-level group of the main author (deepest group the author is a member of); the course''s own group_id when the author is in no group.';
