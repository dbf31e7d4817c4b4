-- The event model (design §3): the activity_event type, the events fact table, rejected events and
-- the user / content / group dimensions. All of it is user data: pg_dump keeps every row.

CREATE TYPE activity_report.activity_event AS (
    occurred_at  timestamptz,
    user_id      text,
    category     text,
    action       text,
    label        text,
    content_id   text,
    content_name text,
    content_slug text
);
COMMENT ON TYPE activity_report.activity_event IS 'Who / what / when / where of one activity event, as in the activity report rows of the platforms.';

-- Partitioned by month on occurred_at (design §8): monthly partitions events_yYYYYmMM (UTC months) made by
-- activity_report.ensure_event_partitions, and a DEFAULT partition, so that an event of any time is stored.
-- The keys and indexes are those of each partition (activity_report_internal.index_event_partition): a unique
-- index of a partitioned table includes the partition key, so event_id with occurred_at is each partition's
-- primary key (event_id alone comes from the identity) and source_ref is unique with its occurred_at (the
-- loader's key is made from the row, its time included: README "Partitions"). They are not indexes of events
-- itself: a partition made later is no extension member, pg_dump writes it as CREATE TABLE + ATTACH PARTITION
-- + its own indexes, and an index of events (made by CREATE EXTENSION before that ATTACH) would give the
-- partition a second copy of each one and fail the restore.
CREATE TABLE activity_report.events (
    event_id     bigint GENERATED ALWAYS AS IDENTITY,
    vocabulary   text NOT NULL DEFAULT 'activity_exporter',
    occurred_at  timestamptz NOT NULL,
    user_id      text NOT NULL,
    category     text NOT NULL,
    action       text NOT NULL,
    label        text,
    content_id   text,
    content_name text,
    content_slug text,
    portal       text,
    source_ref   text,
    kind_id      integer,
    details      jsonb,
    loaded_at    timestamptz NOT NULL DEFAULT pg_catalog.now()
) PARTITION BY RANGE (occurred_at);
CREATE TABLE activity_report.events_default PARTITION OF activity_report.events DEFAULT;
COMMENT ON TABLE activity_report.events_default IS
  'Default partition of activity_report.events: events of a month that has no partition of its own yet (activity_report.ensure_event_partitions moves them into it). Read it through activity_report.events.';
COMMENT ON TABLE activity_report.events IS
  'Activity events. Each row is validated and classified on insert (kind_id, details); activity_report.on_invalid decides what happens to invalid rows.';
COMMENT ON COLUMN activity_report.events.event_id IS 'Event identifier, in insertion order.';
COMMENT ON COLUMN activity_report.events.vocabulary IS 'Vocabulary of the (category, action, label) triple; see activity_report.vocabularies.';
COMMENT ON COLUMN activity_report.events.occurred_at IS 'When the activity happened.';
COMMENT ON COLUMN activity_report.events.user_id IS 'Who did it (activity_report.users.user_id).';
COMMENT ON COLUMN activity_report.events.category IS 'Category column of the platform export.';
COMMENT ON COLUMN activity_report.events.action IS 'Action column of the platform export.';
COMMENT ON COLUMN activity_report.events.label IS 'Label column of the platform export (NULL, empty or N/A when not applicable).';
COMMENT ON COLUMN activity_report.events.content_id IS 'Content page where it happened (blank when not on a content page).';
COMMENT ON COLUMN activity_report.events.content_name IS 'Name of that content.';
COMMENT ON COLUMN activity_report.events.content_slug IS 'Slug of that content.';
COMMENT ON COLUMN activity_report.events.portal IS 'Tenant (the Panorama of the Content Actions Log).';
COMMENT ON COLUMN activity_report.events.source_ref IS 'Idempotency key of a load: unique (with occurred_at, the partition key) when not NULL, so re-loading an export adds nothing.';
COMMENT ON COLUMN activity_report.events.kind_id IS 'The activity kind the triple matched (activity_report.activity_kinds); NULL for an invalid row kept with on_invalid = accept.';
COMMENT ON COLUMN activity_report.events.details IS 'Placeholder values parsed from the triple, e.g. {"content_type": "OTSession"}; for an accepted invalid row {"problems": [...]}.';
COMMENT ON COLUMN activity_report.events.loaded_at IS 'When the row was inserted.';

CREATE FUNCTION activity_report_internal.index_event_partition(part regclass) RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    name text := (SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) part);
BEGIN
    EXECUTE pg_catalog.format('ALTER TABLE %s ADD CONSTRAINT %I PRIMARY KEY (event_id, occurred_at)', part, name OPERATOR(pg_catalog.||) '_pkey');
    EXECUTE pg_catalog.format('CREATE UNIQUE INDEX %I ON %s (source_ref, occurred_at) WHERE source_ref IS NOT NULL', name OPERATOR(pg_catalog.||) '_source_ref_key', part);
    EXECUTE pg_catalog.format('CREATE INDEX %I ON %s (occurred_at)', name OPERATOR(pg_catalog.||) '_occurred_at_idx', part);
    EXECUTE pg_catalog.format('CREATE INDEX %I ON %s (user_id, occurred_at)', name OPERATOR(pg_catalog.||) '_user_idx', part);
    EXECUTE pg_catalog.format('CREATE INDEX %I ON %s (content_id, occurred_at)', name OPERATOR(pg_catalog.||) '_content_idx', part);
END
$$;
COMMENT ON FUNCTION activity_report_internal.index_event_partition(regclass) IS
  'Gives a partition of activity_report.events its keys and indexes: primary key (event_id, occurred_at), unique (source_ref, occurred_at) where source_ref is not NULL, and (occurred_at), (user_id, occurred_at), (content_id, occurred_at).';
SELECT activity_report_internal.index_event_partition('activity_report.events_default');

CREATE TABLE activity_report.rejected_events (
    rejected_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vocabulary   text,
    occurred_at  text,
    user_id      text,
    category     text,
    action       text,
    label        text,
    content_id   text,
    content_name text,
    content_slug text,
    portal       text,
    source_ref   text,
    origin       text,
    reason       text NOT NULL,
    problems     jsonb,
    rejected_at  timestamptz NOT NULL DEFAULT pg_catalog.now()
);
-- A rejected row is recorded once, however often (and however concurrently) its file is loaded: the loader
-- and the trigger insert with ON CONFLICT DO NOTHING.
CREATE UNIQUE INDEX rejected_events_source_ref_idx ON activity_report.rejected_events (source_ref) WHERE source_ref IS NOT NULL;
COMMENT ON TABLE activity_report.rejected_events IS
  'Events that failed validation, kept as given (every field as text) with the reason: nothing is lost.';
COMMENT ON COLUMN activity_report.rejected_events.rejected_id IS 'Rejection identifier.';
COMMENT ON COLUMN activity_report.rejected_events.vocabulary IS 'Vocabulary as given.';
COMMENT ON COLUMN activity_report.rejected_events.occurred_at IS 'Event time as given (text: it may not be a valid timestamp).';
COMMENT ON COLUMN activity_report.rejected_events.user_id IS 'User as given.';
COMMENT ON COLUMN activity_report.rejected_events.category IS 'Category as given.';
COMMENT ON COLUMN activity_report.rejected_events.action IS 'Action as given.';
COMMENT ON COLUMN activity_report.rejected_events.label IS 'Label as given.';
COMMENT ON COLUMN activity_report.rejected_events.content_id IS 'Content ID as given.';
COMMENT ON COLUMN activity_report.rejected_events.content_name IS 'Content name as given.';
COMMENT ON COLUMN activity_report.rejected_events.content_slug IS 'Content slug as given.';
COMMENT ON COLUMN activity_report.rejected_events.portal IS 'Portal as given.';
COMMENT ON COLUMN activity_report.rejected_events.source_ref IS 'Idempotency key as given: unique when not NULL, so a row rejected again is kept once.';
COMMENT ON COLUMN activity_report.rejected_events.origin IS 'Where the row came from (file and line for loads), when known.';
COMMENT ON COLUMN activity_report.rejected_events.reason IS 'The first problem, as "field: problem".';
COMMENT ON COLUMN activity_report.rejected_events.problems IS 'Every problem: [{"field", "problem", "hint"}].';
COMMENT ON COLUMN activity_report.rejected_events.rejected_at IS 'When the row was rejected.';

CREATE TABLE activity_report.users (
    user_id                text PRIMARY KEY,
    first_name             text,
    last_name              text,
    company                text,
    email                  text,
    role                   text,
    industry               text,
    country                text,
    additional_information text,
    tags                   text[] NOT NULL DEFAULT '{}',
    dimensions             jsonb NOT NULL DEFAULT '{}',
    portal                 text,
    deleted                boolean NOT NULL DEFAULT false
);
CREATE INDEX users_email_idx ON activity_report.users (pg_catalog.lower(email));
-- A person is also named by "first last" (contents.author, co_authors): an index finds them by it.
CREATE FUNCTION activity_report_internal.full_name(first_name text, last_name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT trim(concat_ws(' ', $1, $2)) $$;
COMMENT ON FUNCTION activity_report_internal.full_name(text, text) IS
  'A user''s "first last" name (trimmed; a missing part is left out), as the reports print it and authors name users.';
CREATE INDEX users_full_name_idx ON activity_report.users (activity_report_internal.full_name(first_name, last_name));
COMMENT ON TABLE activity_report.users IS 'Users (the who-columns of the reports). Deleted users keep their row: their activity still counts.';
COMMENT ON COLUMN activity_report.users.user_id IS 'User identifier, as in events.user_id.';
COMMENT ON COLUMN activity_report.users.first_name IS 'First name.';
COMMENT ON COLUMN activity_report.users.last_name IS 'Last name.';
COMMENT ON COLUMN activity_report.users.company IS 'Company.';
COMMENT ON COLUMN activity_report.users.email IS 'Email address.';
COMMENT ON COLUMN activity_report.users.role IS 'Role (user analytics details).';
COMMENT ON COLUMN activity_report.users.industry IS 'Industry.';
COMMENT ON COLUMN activity_report.users.country IS 'Country.';
COMMENT ON COLUMN activity_report.users.additional_information IS 'Free "Additional information" field (collaborative activity report).';
COMMENT ON COLUMN activity_report.users.tags IS 'User tags (unique users report).';
COMMENT ON COLUMN activity_report.users.dimensions IS 'Other dimensions: social links, phone, address, ...';
COMMENT ON COLUMN activity_report.users.portal IS 'Tenant the user belongs to (Panorama).';
COMMENT ON COLUMN activity_report.users.deleted IS 'true for deleted users; their activity still counts.';

CREATE TABLE activity_report.contents (
    content_id              text PRIMARY KEY,
    content_type            text,
    name                    text,
    slug                    text,
    parent_id               text,
    starts_at               timestamptz,
    ends_at                 timestamptz,
    duration                interval,
    status                  text NOT NULL DEFAULT 'Active' CHECK (status OPERATOR(pg_catalog.=) ANY (ARRAY['Active', 'Archived', 'Deleted'])),
    author                  text,
    co_authors              text[] NOT NULL DEFAULT '{}',
    group_id                text,
    source_language         text,
    available_languages     text[] NOT NULL DEFAULT '{}',
    unavailable_languages   text[] NOT NULL DEFAULT '{}',
    tags                    text[] NOT NULL DEFAULT '{}',
    portal                  text,
    created_at              timestamptz,
    updated_at              timestamptz,
    CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at OPERATOR(pg_catalog.>) starts_at)
);
CREATE INDEX contents_parent_idx ON activity_report.contents (parent_id);
COMMENT ON TABLE activity_report.contents IS 'Contents: sessions, videos, courses, lessons, activities. Archived and deleted contents keep their row: their activity still counts.';
COMMENT ON COLUMN activity_report.contents.content_id IS 'Content identifier, as in events.content_id.';
COMMENT ON COLUMN activity_report.contents.content_type IS 'Type (activity_report.content_types): OTSession, video, Course, Document, ...';
COMMENT ON COLUMN activity_report.contents.name IS 'Name or title.';
COMMENT ON COLUMN activity_report.contents.slug IS 'Slug.';
COMMENT ON COLUMN activity_report.contents.parent_id IS 'Parent content: session -> event, lesson/activity -> course, breakout -> session.';
COMMENT ON COLUMN activity_report.contents.starts_at IS 'Start of the live window of a session.';
COMMENT ON COLUMN activity_report.contents.ends_at IS 'End of the live window of a session.';
COMMENT ON COLUMN activity_report.contents.duration IS 'Length of a video or recording.';
COMMENT ON COLUMN activity_report.contents.status IS 'Active, Archived or Deleted.';
COMMENT ON COLUMN activity_report.contents.author IS 'Main author (first and last name).';
COMMENT ON COLUMN activity_report.contents.co_authors IS 'Co-authors.';
COMMENT ON COLUMN activity_report.contents.group_id IS 'Lowest-level group of the main author.';
COMMENT ON COLUMN activity_report.contents.source_language IS 'Language of the course edition.';
COMMENT ON COLUMN activity_report.contents.available_languages IS 'Translations available to learners.';
COMMENT ON COLUMN activity_report.contents.unavailable_languages IS 'Translations declared but not available to learners.';
COMMENT ON COLUMN activity_report.contents.tags IS 'Tags of the content (or of its activities).';
COMMENT ON COLUMN activity_report.contents.portal IS 'Tenant the content belongs to.';
COMMENT ON COLUMN activity_report.contents.created_at IS 'Date of the first save.';
COMMENT ON COLUMN activity_report.contents.updated_at IS 'Date of the last edition.';

CREATE TABLE activity_report.groups (
    group_id  text PRIMARY KEY,
    name      text NOT NULL,
    parent_id text,
    portal    text
);
COMMENT ON TABLE activity_report.groups IS 'Groups of users (collaborative activity).';
COMMENT ON COLUMN activity_report.groups.group_id IS 'Group identifier.';
COMMENT ON COLUMN activity_report.groups.name IS 'Group name.';
COMMENT ON COLUMN activity_report.groups.parent_id IS 'Parent group.';
COMMENT ON COLUMN activity_report.groups.portal IS 'Tenant the group belongs to.';

CREATE TABLE activity_report.group_members (
    group_id text NOT NULL,
    user_id  text NOT NULL,
    role     text NOT NULL DEFAULT 'learner',
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user_idx ON activity_report.group_members (user_id);
COMMENT ON TABLE activity_report.group_members IS 'Membership of users in groups, with their role in the group (learner, editor, contributor, admin, ...).';
COMMENT ON COLUMN activity_report.group_members.group_id IS 'Group.';
COMMENT ON COLUMN activity_report.group_members.user_id IS 'Member.';
COMMENT ON COLUMN activity_report.group_members.role IS 'Role of the member in this group; group totals count learners only.';

-- User data: pg_dump keeps every row (these tables belong to the extension).
SELECT pg_catalog.pg_extension_config_dump('activity_report.events', '');
SELECT pg_catalog.pg_extension_config_dump('activity_report.events_default', '');
SELECT pg_catalog.pg_extension_config_dump('activity_report.events_event_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('activity_report.rejected_events', '');
SELECT pg_catalog.pg_extension_config_dump('activity_report.rejected_events_rejected_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('activity_report.users', '');
SELECT pg_catalog.pg_extension_config_dump('activity_report.contents', '');
SELECT pg_catalog.pg_extension_config_dump('activity_report.groups', '');
SELECT pg_catalog.pg_extension_config_dump('activity_report.group_members', '');

CREATE FUNCTION activity_report_internal.events_classify() RETURNS trigger
    LANGUAGE c VOLATILE PARALLEL UNSAFE
    AS 'MODULE_PATHNAME', 'ar_events_classify';
COMMENT ON FUNCTION activity_report_internal.events_classify() IS
  'BEFORE INSERT OR UPDATE trigger of activity_report.events: validates and classifies each row (kind_id, details) and applies activity_report.on_invalid (error, reject, accept) to invalid ones.';
CREATE TRIGGER events_classify BEFORE INSERT OR UPDATE OF vocabulary, occurred_at, user_id, category, action, label
    ON activity_report.events FOR EACH ROW EXECUTE FUNCTION activity_report_internal.events_classify();
COMMENT ON TRIGGER events_classify ON activity_report.events IS
  'Validates and classifies each inserted or updated event; activity_report.on_invalid decides what happens to invalid ones.';

-- Monthly partitions (design §8). The default partition takes every event whose month has no partition;
-- this function makes the missing months of a range, and moves the default partition's rows of such a month
-- into it (in the caller's transaction: all or nothing). It runs as the extension's owner (only the owner
-- of events may add partitions) and is granted to activity_report_writer (src/sql/60_security.sql).
-- Partitions it makes are not extension members: pg_dump dumps them, definition and rows, like user tables.
CREATE FUNCTION activity_report.ensure_event_partitions(from_ts timestamptz, to_ts timestamptz) RETURNS integer
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET "TimeZone" = 'UTC'
AS $$
DECLARE
    first_month timestamp;
    last_month  timestamp;
    m           timestamp;
    lo          timestamptz;
    hi          timestamptz;
    part        text;
    locked      boolean := false;
    created     integer := 0;
BEGIN
    IF from_ts IS NULL OR to_ts IS NULL OR to_ts OPERATOR(pg_catalog.<=) from_ts THEN
        RETURN 0;
    END IF;
    IF NOT pg_catalog.isfinite(from_ts) OR NOT pg_catalog.isfinite(to_ts)
       OR from_ts OPERATOR(pg_catalog.<) CAST('0001-01-01 00:00:00+00' AS timestamptz)
       OR to_ts OPERATOR(pg_catalog.>) CAST('10000-01-01 00:00:00+00' AS timestamptz) THEN
        RAISE EXCEPTION 'ensure_event_partitions: the range [%, %) is not within the years 1 to 9999', from_ts, to_ts
            USING ERRCODE = '22023', HINT = 'Events outside monthly partitions stay in activity_report.events_default.';
    END IF;
    -- Only the extension's own tables (this runs as their owner): a schema activity_report made by someone
    -- else after the extension's was renamed is not touched.
    IF (SELECT pg_catalog.count(*) FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension x ON x.oid OPERATOR(pg_catalog.=) d.refobjid
         WHERE x.extname OPERATOR(pg_catalog.=) 'activity_report' AND d.deptype OPERATOR(pg_catalog.=) 'e'
           AND d.classid OPERATOR(pg_catalog.=) CAST('pg_catalog.pg_class' AS pg_catalog.regclass)
           AND d.objid OPERATOR(pg_catalog.=) ANY (ARRAY[pg_catalog.to_regclass('activity_report.events'),
                                                         pg_catalog.to_regclass('activity_report.events_default')]::pg_catalog.oid[]))
       OPERATOR(pg_catalog.<>) 2 THEN
        RAISE EXCEPTION 'ensure_event_partitions: activity_report.events or activity_report.events_default is not the extension''s table'
            USING ERRCODE = '42809';
    END IF;
    first_month := pg_catalog.date_trunc('month', from_ts AT TIME ZONE 'UTC');
    last_month := pg_catalog.date_trunc('month', (to_ts OPERATOR(pg_catalog.-) CAST('1 microsecond' AS interval)) AT TIME ZONE 'UTC');
    IF pg_catalog.age(last_month, first_month) OPERATOR(pg_catalog.>=) CAST('100 years' AS interval) THEN
        RAISE EXCEPTION 'ensure_event_partitions: [%, %) spans more than 1200 months', from_ts, to_ts
            USING ERRCODE = '22023', HINT = 'Ask for the months that hold events.';
    END IF;
    m := first_month;
    WHILE m OPERATOR(pg_catalog.<=) last_month LOOP
        part := 'events_' OPERATOR(pg_catalog.||) pg_catalog.to_char(m, '"y"YYYY"m"MM');
        IF pg_catalog.to_regclass(pg_catalog.format('activity_report.%I', part)) IS NULL THEN
            IF NOT locked THEN
                -- Adding a partition takes this lock anyway; taken first, no other lock is upgraded to it.
                -- Then look again: another session may have made the month meanwhile.
                LOCK TABLE activity_report.events IN ACCESS EXCLUSIVE MODE;
                locked := true;
                CONTINUE;
            END IF;
            lo := m AT TIME ZONE 'UTC';
            hi := (m OPERATOR(pg_catalog.+) CAST('1 month' AS interval)) AT TIME ZONE 'UTC';
            -- The month's rows leave the default partition for a new table (as they are: no trigger judges
            -- them again, event_id and loaded_at kept), which gets its indexes and becomes the month's partition.
            EXECUTE pg_catalog.format('CREATE TABLE activity_report.%I (LIKE activity_report.events INCLUDING DEFAULTS)', part);
            EXECUTE pg_catalog.format(
                'WITH moved AS (DELETE FROM activity_report.events_default d '
                '                WHERE d.occurred_at OPERATOR(pg_catalog.>=) $1 AND d.occurred_at OPERATOR(pg_catalog.<) $2 RETURNING d.*) '
                'INSERT INTO activity_report.%I SELECT * FROM moved', part) USING lo, hi;
            PERFORM activity_report_internal.index_event_partition(pg_catalog.format('activity_report.%I', part)::pg_catalog.regclass);
            EXECUTE pg_catalog.format('ALTER TABLE activity_report.events ATTACH PARTITION activity_report.%I FOR VALUES FROM (%L) TO (%L)',
                                      part, lo, hi);
            EXECUTE pg_catalog.format('COMMENT ON TABLE activity_report.%I IS %L', part,
                pg_catalog.format('Events of %s (UTC): a partition of activity_report.events. Read it through activity_report.events.',
                                  pg_catalog.to_char(m, 'YYYY-MM')));
            created := created OPERATOR(pg_catalog.+) 1;
        END IF;
        m := m OPERATOR(pg_catalog.+) CAST('1 month' AS interval);
    END LOOP;
    RETURN created;
END
$$;
COMMENT ON FUNCTION activity_report.ensure_event_partitions(timestamptz, timestamptz) IS
  'Makes the missing monthly partitions (UTC months, named activity_report.events_yYYYYmMM) of activity_report.events for the months that meet [from_ts, to_ts), moving the default partition''s rows of those months into them; returns the number of partitions made. Takes an ACCESS EXCLUSIVE lock on events only when a month is missing.';
