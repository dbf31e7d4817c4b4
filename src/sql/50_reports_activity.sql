-- Reports of seeds 000-002 (design §6): activity rows, unique users, the Content Actions Log. Each is a
-- view over all time for BI tools (security_invoker: the caller's privileges and row-level security apply)
-- and a function taking the half-open time range [from_ts, to_ts) and the seed's filters (NULL = no
-- filter). The functions are STABLE PL/pgSQL with a pinned search_path. Each runs its query with EXECUTE ...
-- USING so that it is planned for the actual range and filters (a sequential scan and a sort that spills
-- for a wide range, the occurred_at index for a narrow one); a static query in an SQL function would get a
-- generic plan estimated for a tiny range (a bitmap scan and nested-loop lookups whose memory grows with the
-- table). The query text is constant and the values are parameters. Rows go into a tuplestore that spills
-- beyond work_mem, so memory stays flat however many events match.

CREATE VIEW activity_report.sitewide_activity_v WITH (security_invoker = true) AS
SELECT e.user_id, u.first_name AS first, u.last_name AS last, u.company, u.email,
       e.category, e.action, e.label, e.occurred_at AS date,
       e.content_id, COALESCE(NULLIF(e.content_name, ''), c.name) AS content_name,
       COALESCE(NULLIF(e.content_slug, ''), c.slug) AS content_slug, e.event_id, e.vocabulary, e.kind_id, e.portal
  FROM activity_report.events e
  LEFT JOIN activity_report.users u ON u.user_id OPERATOR(pg_catalog.=) e.user_id
  LEFT JOIN activity_report.contents c ON c.content_id OPERATOR(pg_catalog.=) e.content_id;
COMMENT ON VIEW activity_report.sitewide_activity_v IS
  'Sitewide activity report (seed 000), all time: one row per event - who (users), what (category, action, label), when (date), where (content; NULL when not on a content page).';
COMMENT ON COLUMN activity_report.sitewide_activity_v.user_id IS 'Who: user ID.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.first IS 'Who: first name.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.last IS 'Who: last name.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.company IS 'Who: company.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.email IS 'Who: email.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.category IS 'What: category.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.action IS 'What: action.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.label IS 'What: label.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.date IS 'When: date and time of the activity.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.content_id IS 'Where: content ID (NULL when not on a content page).';
COMMENT ON COLUMN activity_report.sitewide_activity_v.content_name IS 'Where: content name (the event''s, else the content''s).';
COMMENT ON COLUMN activity_report.sitewide_activity_v.content_slug IS 'Where: content slug (the event''s, else the content''s).';
COMMENT ON COLUMN activity_report.sitewide_activity_v.event_id IS 'Event identifier (the report''s tie-breaker order).';
COMMENT ON COLUMN activity_report.sitewide_activity_v.vocabulary IS 'Vocabulary of the event.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.kind_id IS 'Activity kind of the event.';
COMMENT ON COLUMN activity_report.sitewide_activity_v.portal IS 'Tenant of the event.';

-- The row types of the reports whose filters share a name with an output column (PL/pgSQL does not allow
-- that in RETURNS TABLE).
CREATE TYPE activity_report.sitewide_activity_row AS (user_id text, first text, last text, company text, email text,
    category text, action text, label text, date timestamptz, content_id text, content_name text, content_slug text);
COMMENT ON TYPE activity_report.sitewide_activity_row IS 'A row of sitewide_activity(): who, what, when, where (seed 000 columns, in order).';
COMMENT ON COLUMN activity_report.sitewide_activity_row.user_id IS 'Who: user ID.';
COMMENT ON COLUMN activity_report.sitewide_activity_row.first IS 'Who: first name.';
COMMENT ON COLUMN activity_report.sitewide_activity_row.last IS 'Who: last name.';
COMMENT ON COLUMN activity_report.sitewide_activity_row.company IS 'Who: company.';
COMMENT ON COLUMN activity_report.sitewide_activity_row.email IS 'Who: email.';
COMMENT ON COLUMN activity_report.sitewide_activity_row.category IS 'What: category.';
COMMENT ON COLUMN activity_report.sitewide_activity_row.action IS 'What: action.';
COMMENT ON COLUMN activity_report.sitewide_activity_row.label IS 'What: label.';
COMMENT ON COLUMN activity_report.sitewide_activity_row.date IS 'When: date and time of the activity.';
COMMENT ON COLUMN activity_report.sitewide_activity_row.content_id IS 'Where: content ID (NULL when not on a content page).';
COMMENT ON COLUMN activity_report.sitewide_activity_row.content_name IS 'Where: content name.';
COMMENT ON COLUMN activity_report.sitewide_activity_row.content_slug IS 'Where: content slug.';

-- A report of activity rows and its download twin (activity_report_internal.<report>_download, the same
-- arguments) run one query, written once in <report>_query: the twin's rows also carry each event's vocabulary
-- and portal, which `activity-report report` writes as two more columns, so that a download loads back as the
-- same events (a row valid in several vocabularies lands in its own, a tenant's rows stay its).
CREATE FUNCTION activity_report_internal.sitewide_activity_query(download boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 'SELECT v.user_id, v.first, v.last, v.company, v.email, v.category, v.action, v.label, v.date,
                   v.content_id, v.content_name, v.content_slug'
           OPERATOR(pg_catalog.||) CASE WHEN $1 THEN ', v.vocabulary, v.portal' ELSE '' END OPERATOR(pg_catalog.||) '
              FROM activity_report.sitewide_activity_v v
             WHERE v.date >= $1 AND v.date < $2
               AND ($3 IS NULL OR v.content_id = $3)
               AND ($4 IS NULL OR v.vocabulary = $4)
             ORDER BY v.date, v.event_id'
$$;
COMMENT ON FUNCTION activity_report_internal.sitewide_activity_query(boolean) IS
  'The query of sitewide_activity() (parameters: from_ts, to_ts, content_id, vocabulary); with download, its rows also carry the vocabulary and portal (sitewide_activity_download).';

CREATE FUNCTION activity_report.sitewide_activity(from_ts timestamptz, to_ts timestamptz, content_id text DEFAULT NULL,
                                                  vocabulary text DEFAULT NULL)
    RETURNS SETOF activity_report.sitewide_activity_row
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY EXECUTE activity_report_internal.sitewide_activity_query(false)
        USING COALESCE($1, '-infinity'), COALESCE($2, 'infinity'), $3, $4;
END
$$;
COMMENT ON FUNCTION activity_report.sitewide_activity(timestamptz, timestamptz, text, text) IS
  'Sitewide activity report (seed 000): the events of [from_ts, to_ts), optionally of one content page and of one vocabulary (platform), with who / what / when / where columns, ordered by date then event.';

CREATE TYPE activity_report_internal.sitewide_activity_download_row AS (user_id text, first text, last text, company text,
    email text, category text, action text, label text, date timestamptz, content_id text, content_name text,
    content_slug text, vocabulary text, portal text);
COMMENT ON TYPE activity_report_internal.sitewide_activity_download_row IS
  'A row of sitewide_activity_download(): the columns of sitewide_activity(), then the event''s vocabulary and portal.';
CREATE FUNCTION activity_report_internal.sitewide_activity_download(from_ts timestamptz, to_ts timestamptz,
                                                                   content_id text DEFAULT NULL, vocabulary text DEFAULT NULL)
    RETURNS SETOF activity_report_internal.sitewide_activity_download_row
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY EXECUTE activity_report_internal.sitewide_activity_query(true)
        USING COALESCE($1, '-infinity'), COALESCE($2, 'infinity'), $3, $4;
END
$$;
COMMENT ON FUNCTION activity_report_internal.sitewide_activity_download(timestamptz, timestamptz, text, text) IS
  'The rows of sitewide_activity() with each event''s vocabulary and portal, for the download (activity-report report sitewide_activity), which then loads back as the same events.';

CREATE VIEW activity_report.user_activity_export_v WITH (security_invoker = true) AS
SELECT v.user_id, v.first, v.last, v.company, v.email, v.category, v.action, v.label, v.date AS date_time,
       v.content_id, v.content_name, v.content_slug, v.event_id, v.vocabulary, k.section, k.name AS exporter_name, v.portal,
       v.kind_id
  FROM activity_report.sitewide_activity_v v
  LEFT JOIN activity_report.activity_kinds k ON k.kind_id OPERATOR(pg_catalog.=) v.kind_id;
COMMENT ON VIEW activity_report.user_activity_export_v IS
  'User Activity Exporter report (seed 001), all time: the activity rows with the section and "Name in exporter" of their kind.';
COMMENT ON COLUMN activity_report.user_activity_export_v.user_id IS 'Who: user ID.';
COMMENT ON COLUMN activity_report.user_activity_export_v.first IS 'Who: first name.';
COMMENT ON COLUMN activity_report.user_activity_export_v.last IS 'Who: last name.';
COMMENT ON COLUMN activity_report.user_activity_export_v.company IS 'Who: company.';
COMMENT ON COLUMN activity_report.user_activity_export_v.email IS 'Who: email.';
COMMENT ON COLUMN activity_report.user_activity_export_v.category IS 'What: category.';
COMMENT ON COLUMN activity_report.user_activity_export_v.action IS 'What: action.';
COMMENT ON COLUMN activity_report.user_activity_export_v.label IS 'What: label.';
COMMENT ON COLUMN activity_report.user_activity_export_v.date_time IS 'When: date and time of the activity.';
COMMENT ON COLUMN activity_report.user_activity_export_v.content_id IS 'Where: content ID (NULL when not on a content page).';
COMMENT ON COLUMN activity_report.user_activity_export_v.content_name IS 'Where: content name.';
COMMENT ON COLUMN activity_report.user_activity_export_v.content_slug IS 'Where: content slug.';
COMMENT ON COLUMN activity_report.user_activity_export_v.event_id IS 'Event identifier (the report''s tie-breaker order).';
COMMENT ON COLUMN activity_report.user_activity_export_v.vocabulary IS 'Vocabulary of the event.';
COMMENT ON COLUMN activity_report.user_activity_export_v.section IS 'Section of the event''s kind (Content, Feed, ...), used by "choose which data to include".';
COMMENT ON COLUMN activity_report.user_activity_export_v.exporter_name IS 'Name in exporter of the event''s kind.';
COMMENT ON COLUMN activity_report.user_activity_export_v.portal IS 'Tenant of the event.';
COMMENT ON COLUMN activity_report.user_activity_export_v.kind_id IS 'Activity kind of the event.';

-- include selects kinds by section or Section/Name; a row matches when its kind has the patterns of a
-- selected kind, so kinds the seed lists twice with the same triple (rows classify as the first) match too.
CREATE FUNCTION activity_report_internal.check_include(include text[]) RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    unknown text;
BEGIN
    SELECT i.item INTO unknown FROM unnest(include) AS i(item)
     WHERE NOT EXISTS (SELECT FROM activity_report.activity_kinds k
                        WHERE lower(k.section) = lower(btrim(i.item)) OR lower(k.section || '/' || k.name) = lower(btrim(i.item)))
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'user_activity_export: include value % names no section and no Section/Name in exporter', quote_literal(unknown)
            USING ERRCODE = '22023',
                  HINT = 'Valid sections: ' || (SELECT string_agg(DISTINCT k.section, ', ' ORDER BY k.section) FROM activity_report.activity_kinds k)
                         || '; or a section and a name, as in ''Content/Viewed''.';
    END IF;
END
$$;
COMMENT ON FUNCTION activity_report_internal.check_include(text[]) IS
  'Raises 22023, with the valid sections as hint, when a value of user_activity_export''s include names no section and no Section/Name in exporter.';

CREATE FUNCTION activity_report_internal.user_activity_export_query(download boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 'SELECT v.user_id, v.first, v.last, v.company, v.email, v.category, v.action, v.label, v.date_time,
                   v.content_id, v.content_name, v.content_slug'
           OPERATOR(pg_catalog.||) CASE WHEN $1 THEN ', v.vocabulary, v.portal' ELSE '' END OPERATOR(pg_catalog.||) '
              FROM activity_report.user_activity_export_v v
             WHERE v.date_time >= $1 AND v.date_time < $2
               AND ($4 IS NULL OR v.vocabulary = $4)
               AND ($3 IS NULL OR EXISTS (
                     SELECT FROM activity_report.activity_kinds k, activity_report.activity_kinds sel, unnest($3) AS i(item)
                      WHERE k.kind_id = v.kind_id AND sel.vocabulary = k.vocabulary
                        AND lower(sel.category_pattern) = lower(k.category_pattern)
                        AND lower(sel.action_pattern) = lower(k.action_pattern)
                        AND lower(sel.label_pattern) = lower(k.label_pattern)
                        AND (lower(btrim(i.item)) = lower(sel.section) OR lower(btrim(i.item)) = lower(sel.section || ''/'' || sel.name))))
             ORDER BY v.date_time, v.event_id'
$$;
COMMENT ON FUNCTION activity_report_internal.user_activity_export_query(boolean) IS
  'The query of user_activity_export() (parameters: from_ts, to_ts, include, vocabulary); with download, its rows also carry the vocabulary and portal (user_activity_export_download).';

CREATE FUNCTION activity_report.user_activity_export(from_ts timestamptz, to_ts timestamptz, include text[] DEFAULT NULL,
                                                     vocabulary text DEFAULT NULL)
    RETURNS TABLE (user_id text, first text, last text, company text, email text, category text, action text,
                   label text, date_time timestamptz, content_id text, content_name text, content_slug text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM activity_report_internal.check_include(include);
    RETURN QUERY EXECUTE activity_report_internal.user_activity_export_query(false)
        USING COALESCE($1, '-infinity'), COALESCE($2, 'infinity'), $3, $4;
END
$$;
COMMENT ON FUNCTION activity_report.user_activity_export(timestamptz, timestamptz, text[], text) IS
  'User Activity Exporter report (seed 001): the activity rows of [from_ts, to_ts), optionally of one vocabulary; include chooses which data to include, by section (''Content'', ''Feed'') or ''Section/Name in exporter'' (''Content/Viewed''), case-insensitively, matching every kind with that section and name; NULL includes everything, a value that names nothing is an error listing the sections.';

CREATE TYPE activity_report_internal.user_activity_export_download_row AS (user_id text, first text, last text,
    company text, email text, category text, action text, label text, date_time timestamptz, content_id text,
    content_name text, content_slug text, vocabulary text, portal text);
COMMENT ON TYPE activity_report_internal.user_activity_export_download_row IS
  'A row of user_activity_export_download(): the columns of user_activity_export(), then the event''s vocabulary and portal.';
CREATE FUNCTION activity_report_internal.user_activity_export_download(from_ts timestamptz, to_ts timestamptz,
                                                                      include text[] DEFAULT NULL, vocabulary text DEFAULT NULL)
    RETURNS SETOF activity_report_internal.user_activity_export_download_row
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM activity_report_internal.check_include(include);
    RETURN QUERY EXECUTE activity_report_internal.user_activity_export_query(true)
        USING COALESCE($1, '-infinity'), COALESCE($2, 'infinity'), $3, $4;
END
$$;
COMMENT ON FUNCTION activity_report_internal.user_activity_export_download(timestamptz, timestamptz, text[], text) IS
  'The rows of user_activity_export() with each event''s vocabulary and portal, for the download (activity-report report user_activity_export), which then loads back as the same events.';

CREATE VIEW activity_report.unique_users_v WITH (security_invoker = true) AS
SELECT a.user_id, u.first_name AS first, u.last_name AS last, u.company, u.email, u.tags, u.dimensions,
       a.first_activity, a.last_activity, a.events
  FROM (SELECT e.user_id, pg_catalog.min(e.occurred_at) AS first_activity, pg_catalog.max(e.occurred_at) AS last_activity,
               pg_catalog.count(*) AS events
          FROM activity_report.events e GROUP BY e.user_id) a
  LEFT JOIN activity_report.users u ON u.user_id OPERATOR(pg_catalog.=) a.user_id;
COMMENT ON VIEW activity_report.unique_users_v IS 'Unique users report (seeds 000/001), all time: every user with at least one event, with tags and dimensions.';
COMMENT ON COLUMN activity_report.unique_users_v.user_id IS 'User ID.';
COMMENT ON COLUMN activity_report.unique_users_v.first IS 'First name.';
COMMENT ON COLUMN activity_report.unique_users_v.last IS 'Last name.';
COMMENT ON COLUMN activity_report.unique_users_v.company IS 'Company.';
COMMENT ON COLUMN activity_report.unique_users_v.email IS 'Email (match it with the activity reports).';
COMMENT ON COLUMN activity_report.unique_users_v.tags IS 'User tags.';
COMMENT ON COLUMN activity_report.unique_users_v.dimensions IS 'User dimensions: social links, phone, address, ...';
COMMENT ON COLUMN activity_report.unique_users_v.first_activity IS 'Time of the user''s first event.';
COMMENT ON COLUMN activity_report.unique_users_v.last_activity IS 'Time of the user''s last event.';
COMMENT ON COLUMN activity_report.unique_users_v.events IS 'Number of the user''s events.';

CREATE FUNCTION activity_report.unique_users(from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (user_id text, first text, last text, company text, email text, tags text[], dimensions jsonb)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY EXECUTE $q$
        SELECT a.user_id, u.first_name, u.last_name, u.company, u.email, u.tags, u.dimensions
          FROM (SELECT DISTINCT e.user_id FROM activity_report.events e WHERE e.occurred_at >= $1 AND e.occurred_at < $2) a
          LEFT JOIN activity_report.users u ON u.user_id = a.user_id
         ORDER BY a.user_id
    $q$ USING COALESCE($1, '-infinity'), COALESCE($2, 'infinity');
END
$$;
COMMENT ON FUNCTION activity_report.unique_users(timestamptz, timestamptz) IS
  'Unique users report (seeds 000/001): users with at least one event in [from_ts, to_ts), with tags and dimensions, ordered by user ID.';

CREATE VIEW activity_report.content_actions_log_v WITH (security_invoker = true) AS
SELECT u.email, COALESCE(u.portal, e.portal) AS panorama_name, e.category AS content_type,
       COALESCE(NULLIF(e.content_name, ''), c.name) AS content_title,
       e.action AS type, e.label AS source, e.occurred_at AS timestamp,
       e.user_id, e.content_id, c.group_id AS course_group, e.event_id, g.name AS course_group_name
  FROM activity_report.events e
  LEFT JOIN activity_report.users u ON u.user_id OPERATOR(pg_catalog.=) e.user_id
  LEFT JOIN activity_report.contents c ON c.content_id OPERATOR(pg_catalog.=) e.content_id
  LEFT JOIN activity_report.groups g ON g.group_id OPERATOR(pg_catalog.=) c.group_id
 WHERE e.vocabulary OPERATOR(pg_catalog.=) 'content_actions';
COMMENT ON VIEW activity_report.content_actions_log_v IS
  'Content Actions Log (seed 002), all time: enrollments, status changes, certificate grants and access revocations.';
COMMENT ON COLUMN activity_report.content_actions_log_v.email IS 'Learner''s email address.';
COMMENT ON COLUMN activity_report.content_actions_log_v.panorama_name IS 'Name of the client portal (Panorama) the learner is part of (the learner''s portal, else the event''s).';
COMMENT ON COLUMN activity_report.content_actions_log_v.content_type IS 'Type of content (webinar, video, course, ...).';
COMMENT ON COLUMN activity_report.content_actions_log_v.content_title IS 'Title of the content (the event''s, else the content''s).';
COMMENT ON COLUMN activity_report.content_actions_log_v.type IS 'Action type: enrollment, status_change, revoked_access or certificate_grant.';
COMMENT ON COLUMN activity_report.content_actions_log_v.source IS 'How the action was performed (course_purchase, manager status change, ...).';
COMMENT ON COLUMN activity_report.content_actions_log_v.timestamp IS 'Date and time the action was recorded.';
COMMENT ON COLUMN activity_report.content_actions_log_v.user_id IS 'Learner''s user ID.';
COMMENT ON COLUMN activity_report.content_actions_log_v.content_id IS 'Content ID.';
COMMENT ON COLUMN activity_report.content_actions_log_v.course_group IS 'Group of the content (contents.group_id).';
COMMENT ON COLUMN activity_report.content_actions_log_v.event_id IS 'Event identifier (tie-breaker order).';
COMMENT ON COLUMN activity_report.content_actions_log_v.course_group_name IS 'Name of the group of the content.';

CREATE TYPE activity_report.content_actions_log_row AS (email text, panorama_name text, content_type text,
    content_title text, type text, source text, "timestamp" timestamptz);
COMMENT ON TYPE activity_report.content_actions_log_row IS 'A row of content_actions_log(): the seed 002 columns, in order.';
COMMENT ON COLUMN activity_report.content_actions_log_row.email IS 'Learner''s email address.';
COMMENT ON COLUMN activity_report.content_actions_log_row.panorama_name IS 'Name of the client portal (Panorama) the learner is part of.';
COMMENT ON COLUMN activity_report.content_actions_log_row.content_type IS 'Type of content (webinar, video, course, ...).';
COMMENT ON COLUMN activity_report.content_actions_log_row.content_title IS 'Title of the content.';
COMMENT ON COLUMN activity_report.content_actions_log_row.type IS 'Action type: enrollment, status_change, revoked_access or certificate_grant.';
COMMENT ON COLUMN activity_report.content_actions_log_row.source IS 'How the action was performed (course_purchase, manager status change, ...).';
COMMENT ON COLUMN activity_report.content_actions_log_row.timestamp IS 'Date and time the action was recorded.';

CREATE FUNCTION activity_report.content_actions_log(from_ts timestamptz, to_ts timestamptz, portal text DEFAULT NULL,
                                                    content_id text DEFAULT NULL, learner text DEFAULT NULL,
                                                    type text DEFAULT NULL, source text DEFAULT NULL,
                                                    course_group text DEFAULT NULL, content_type text DEFAULT NULL)
    RETURNS SETOF activity_report.content_actions_log_row
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY EXECUTE $q$
        SELECT v.email, v.panorama_name, v.content_type, v.content_title, v.type, v.source, v.timestamp
          FROM activity_report.content_actions_log_v v
         WHERE v.timestamp >= $1 AND v.timestamp < $2
           AND ($3 IS NULL OR v.panorama_name = $3)
           AND ($4 IS NULL OR v.content_id = $4)
           AND ($5 IS NULL OR v.user_id = $5 OR lower(v.email) = lower($5))
           AND ($6 IS NULL OR lower(v.type) = lower($6))
           AND ($7 IS NULL OR lower(v.source) = lower($7))
           AND ($8 IS NULL OR v.course_group = $8 OR lower(v.course_group_name) = lower($8))
           AND ($9 IS NULL OR lower(v.content_type) = lower($9))
         ORDER BY v.timestamp, v.event_id
    $q$ USING COALESCE($1, '-infinity'), COALESCE($2, 'infinity'), $3, $4, $5, $6, $7, $8, $9;
END
$$;
COMMENT ON FUNCTION activity_report.content_actions_log(timestamptz, timestamptz, text, text, text, text, text, text, text) IS
  'Content Actions Log (seed 002) of [from_ts, to_ts), filtered by portal (Panorama: the learner''s), content, learner (user ID or email), type, source, course group (ID or name) and content type (case-insensitive); NULL filters are off. Ordered by timestamp.';

-- jsonb (design §6, and 0.1.0's type): the array keeps the report's row order; jsonb orders each object's keys its own
-- way (by length, then bytes). `activity-report report content_actions_log --format json` writes them in the report's order.
CREATE FUNCTION activity_report.content_actions_log_json(from_ts timestamptz, to_ts timestamptz, portal text DEFAULT NULL,
                                                         content_id text DEFAULT NULL, learner text DEFAULT NULL,
                                                         type text DEFAULT NULL, source text DEFAULT NULL,
                                                         course_group text DEFAULT NULL, content_type text DEFAULT NULL)
    RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(jsonb_agg(jsonb_build_object('email', l.email, 'panorama_name', l.panorama_name,
                                                 'content_type', l.content_type, 'content_title', l.content_title,
                                                 'type', l.type, 'source', l.source, 'timestamp', l."timestamp")
                              ORDER BY l.ord), '[]'::jsonb)
      FROM activity_report.content_actions_log($1, $2, $3, $4, $5, $6, $7, $8, $9) WITH ORDINALITY AS l(email, panorama_name, content_type, content_title, type, source, "timestamp", ord)
$$;
COMMENT ON FUNCTION activity_report.content_actions_log_json(timestamptz, timestamptz, text, text, text, text, text, text, text) IS
  'The Content Actions Log as one jsonb array of objects (email, panorama_name, content_type, content_title, type, source, timestamp), in the report''s order.';
