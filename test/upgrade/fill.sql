-- Data a 0.1.0 user has, written through the public interface only, so the same file fills the old version
-- (before ALTER EXTENSION ... UPDATE) and a fresh install of the new one: users, contents, groups, events of
-- every vocabulary, a user vocabulary with its kinds and events, a user kind in a seeded vocabulary,
-- rejected rows, summaries kept in a user table, and a reader role bound to one portal.
\set ON_ERROR_STOP on
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ar_upgrade_reader') THEN
        CREATE ROLE ar_upgrade_reader NOLOGIN IN ROLE activity_report_reader;
    END IF;
END $$;
INSERT INTO activity_report.portal_access VALUES ('ar_upgrade_reader', 'acme');

INSERT INTO activity_report.vocabularies (vocabulary, title, description) VALUES ('myplatform', 'My platform', 'added by a user');
INSERT INTO activity_report.activity_kinds (vocabulary, section, name, category_pattern, action_pattern, label_pattern, roles) VALUES
  ('myplatform', 'Live', 'Entered', 'Room', 'Enter', 'N/A', '{join}'),
  ('myplatform', 'Live', 'Exited', 'Room', 'Exit', 'N/A', '{leave}'),
  ('activity_exporter', 'Content', 'Cheered', 'Content - [Content type]', 'Cheer', 'N/A', '{reaction}');
INSERT INTO activity_report.reaction_types (reaction, polarity, description) VALUES ('Bravo', 1, 'added by a user');

CREATE FUNCTION pg_temp.load_portal(p text, n int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO activity_report.users (user_id, first_name, last_name, email, role, company, portal) VALUES
      (p || '-u1', 'Learner', p, p || '-u1@test', 'learner', 'Co ' || p, p), (p || '-u2', 'Editor', p, p || '-u2@test', 'editor', NULL, p);
    INSERT INTO activity_report.groups (group_id, name, portal) VALUES (p || '-g1', 'Group ' || p, p);
    INSERT INTO activity_report.group_members VALUES (p || '-g1', p || '-u1', 'learner'), (p || '-g1', p || '-u2', 'editor');
    INSERT INTO activity_report.contents (content_id, content_type, name, parent_id, starts_at, ends_at, duration, status, author, group_id, tags, portal) VALUES
      (p || '-s1', 'OTSession', 'Session ' || p, NULL, '2026-06-01 10:00+00', '2026-06-01 11:00+00', '60 minutes', 'Active', NULL, NULL, '{}', p),
      (p || '-v1', 'video', 'Video ' || p, NULL, NULL, NULL, '10 minutes', 'Active', NULL, NULL, '{}', p),
      (p || '-c1', 'Course', 'Course ' || p, NULL, NULL, NULL, NULL, 'Active', p || '-u2', p || '-g1', ARRAY[p], p),
      (p || '-a1', 'Document', 'Notes ' || p, p || '-c1', NULL, NULL, NULL, 'Active', NULL, NULL, '{}', p);
    INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal, source_ref)
    SELECT v.vocabulary, timestamptz '2026-06-01 10:00+00' + v.at, p || v.who, v.category, v.action, v.label, p || v.content, p,
           format('%s-%s-%s', p, i, left(md5(concat_ws('|', v.at, v.who, v.category, v.action, v.label)), 8))
      FROM generate_series(1, n) i,
           LATERAL (VALUES
             ('activity_exporter', interval '0', '-u1', 'Content - OTSession', 'Join', 'N/A', '-s1'),
             ('activity_exporter', 20 * i * interval '1 minute', '-u1', 'Content - OTSession', 'Leave', 'N/A', '-s1'),
             ('activity_exporter', interval '1 minute', '-u1', 'Content - OTSession', 'Emoji', 'Love', '-s1'),
             ('activity_exporter', interval '1 minute', '-u1', 'Content - OTSession', 'Cheer', 'N/A', '-s1'),
             ('activity_exporter', interval '2 minutes', '-u1', 'Content - OTSession', 'Chat', 'hi', '-s1'),
             ('activity_exporter', interval '3 minutes', '-u1', 'Download', 'Download', 'deck' || i || '.pdf', '-s1'),
             ('activity_exporter', interval '2 hours', '-u1', 'Content - video', 'Play', 'N/A', '-v1'),
             ('activity_exporter', interval '2 hours' + i * interval '1 minute', '-u1', 'Content - video', 'Watch', 'N/A', '-v1'),
             ('event_platform', interval '150 minutes', '-u1', 'YouTube 40%', 'Watched YouTube', 'Video', '-v1'),
             ('event_platform', interval '3 hours', '-u2', 'Clicked', 'Schedule Row', '/main', NULL),
             ('content_actions', interval '4 hours', '-u1', 'course', 'enrollment', 'sso', '-c1'),
             ('collaborative', interval '5 hours', '-u1', 'Messages', 'Post', 'hi', NULL),
             ('collaborative', interval '5 hours', '-u1', 'Forum', 'Reply', 're', NULL),
             ('collaborative', interval '5 hours', '-u1', 'Course', 'Start', 'N/A', '-c1'),
             ('collaborative', interval '5 hours', '-u2', 'Course', 'Start', 'N/A', '-c1'),
             ('collaborative', interval '5 hours', '-u1', 'Activity', 'Start', 'N/A', '-a1'),
             ('collaborative', interval '5 hours', '-u1', 'Activity', 'React', 'Like', '-a1'),
             ('collaborative', interval '5 hours', '-u1', 'Activity', 'Download', 'N/A', '-a1'),
             ('collaborative', interval '5 hours', '-u2', 'Activity', 'React', 'Outdated', '-a1'),
             ('myplatform', interval '6 hours', '-u1', 'Room', 'Enter', 'N/A', '-s1'),
             ('myplatform', interval '6 hours 30 minutes', '-u1', 'Room', 'Exit', 'N/A', '-s1')
           ) v(vocabulary, at, who, category, action, label, content);
END
$$;
SELECT pg_temp.load_portal('acme', 1), pg_temp.load_portal('globex', 2);

SET activity_report.on_invalid = 'reject';
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, portal, source_ref) VALUES
  ('activity_exporter', '2026-06-02 10:00+00', 'acme-u1', 'Content - OTSession', 'Review', 'Rating: 9 / too good', 'acme', 'bad-1'),
  ('event_platform', '2026-06-02 10:00+00', 'globex-u1', 'Vimeo 120%', 'Watched Vimeo', '12345', 'globex', 'bad-2'),
  ('myplatform', '2026-06-02 10:00+00', 'acme-u1', 'Room', 'Dance', 'N/A', 'acme', 'bad-3');
RESET activity_report.on_invalid;

-- Summaries stored by the version that made them, per portal and user (and one per content).
CREATE TABLE public.kept_summaries AS
SELECT portal, user_id,
       activity_report.minutes_viewed_summary(user_id, content_id, action, occurred_at) AS presence,
       activity_report.engagement_rate_summary(e.user_id, e.content_id, e.action, e.occurred_at, c.starts_at, c.ends_at) AS engagement,
       activity_report.reaction_score_summary(action, label) AS reactions,
       activity_report.watched_fraction_summary(category, action, label) AS watch
  FROM activity_report.events e LEFT JOIN activity_report.contents c USING (content_id, portal)
 GROUP BY portal, user_id;
GRANT SELECT ON public.kept_summaries TO ar_upgrade_reader;
