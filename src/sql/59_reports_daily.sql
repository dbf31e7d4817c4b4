-- Daily views for BI tools (design §8): each seed-003 and seed-004 view with a leading day (UTC) column, for
-- the days with activity. Additive columns (counts, minutes: presence split at midnight, watched minutes as
-- the day's increase of the watched fraction) sum over the days to the all-time view; distinct counts and
-- rates are those of the day.

CREATE VIEW activity_report.user_analytics_daily_v WITH (security_invoker = true) AS
SELECT a.day, a.user_id, NULLIF(trim(concat_ws(' ', u.first_name, u.last_name)), '') AS user_name, u.role, u.company,
       u.industry, u.country, a.total_minutes_viewed, a.sessions_viewed, a.average_live_engagement_rate, a.videos_viewed,
       a.reactions, a.chat_messages_sent, a.poll_responses, a.qa_threads_created, a.attachments_downloaded,
       a.live_minutes, a.recording_minutes, a.on_demand_minutes
  FROM activity_report_internal.daily_analytics_v a
  LEFT JOIN activity_report.users u ON u.user_id = a.user_id;
COMMENT ON VIEW activity_report.user_analytics_daily_v IS 'User analytics dashboard (seed 003) per day (UTC): one row per user and day with activity; minutes and counts sum over the days to user_analytics_v.';

CREATE VIEW activity_report.user_sessions_daily_v WITH (security_invoker = true) AS
SELECT m.day, m.user_id, m.name AS session_name, COALESCE(m.live_minutes, 0) + m.recording_minutes AS minutes_viewed,
       m.engagement_rate, m.reactions, m.raised_hands, m.attachments_downloaded, m.chat_messages AS chat_messages_sent,
       m.polls_answered
  FROM activity_report_internal.daily_content_metrics_v m
 WHERE m.is_session;
COMMENT ON VIEW activity_report.user_sessions_daily_v IS 'Per-session breakdown of the user analytics (seed 003) per day (UTC): minutes (presence split at midnight) and counts sum over the days to user_sessions_v.';

CREATE VIEW activity_report.user_on_demand_daily_v WITH (security_invoker = true) AS
SELECT m.day, m.user_id, m.name, m.on_demand_minutes AS minutes_viewed, 100 * m.watched_fraction AS completion_rate
  FROM activity_report_internal.daily_content_metrics_v m
 WHERE NOT m.is_session AND m.played;
COMMENT ON VIEW activity_report.user_on_demand_daily_v IS 'On-demand breakdown of the user analytics (seed 003) per day (UTC): the day''s increase of minutes viewed and of the completion rate; both sum over the days to user_on_demand_v.';

CREATE VIEW activity_report.user_attachments_daily_v WITH (security_invoker = true) AS
SELECT a.day, a.user_id, a.name, a.file_type, a.source
  FROM activity_report_internal.daily_attachments_v a;
COMMENT ON VIEW activity_report.user_attachments_daily_v IS 'Attachments downloaded (seed 003) per day (UTC): one row per user, day and distinct file downloaded that day.';

CREATE VIEW activity_report.collaborative_users_daily_v WITH (security_invoker = true) AS
SELECT a.day, g.group_id, a.first_name, a.last_name, a.email, a.additional_information, a.publications, a.comments,
       a.reactions, a.user_id, a.role
  FROM activity_report.groups g
  JOIN activity_report_internal.daily_members_v a ON a.group_id = g.group_id;
COMMENT ON VIEW activity_report.collaborative_users_daily_v IS 'Collaborative activity of the users of every group (seed 004) per day (UTC): one row per member and day with activity; counts sum to collaborative_users_v.';

CREATE VIEW activity_report.collaborative_groups_daily_v WITH (security_invoker = true) AS
SELECT t.day, g.name, t.publications, t.comments, t.reactions, g.group_id
  FROM activity_report.groups g
  JOIN activity_report_internal.group_totals('-infinity', 'infinity', true) t ON t.group_id = g.group_id;
COMMENT ON VIEW activity_report.collaborative_groups_daily_v IS 'Collaborative activity of several groups (seed 004) per day (UTC): learners'' totals per group and day with activity; they sum to collaborative_groups.';

CREATE VIEW activity_report.course_activity_engagement_daily_v WITH (security_invoker = true) AS
SELECT a.day, a.course_id, a.title, a.views, a.likes, a.learned_something, a.outdated, a.have_a_question,
       a.comments, a.downloads, a.type, a.activity_id
  FROM activity_report_internal.activity_rows(NULL, '-infinity', 'infinity', true) a;
COMMENT ON VIEW activity_report.course_activity_engagement_daily_v IS 'Engagement by activity of every course (seed 004) per day (UTC): one row per activity and day with events; counts sum to course_activity_engagement_v.';

CREATE VIEW activity_report.collaborative_courses_daily_v WITH (security_invoker = true) AS
SELECT x.day, c.name AS course_name, x.course_id, x.views, round(x.score::numeric)::integer AS reaction_score,
       activity_report.reaction_band(round(x.score::numeric)::integer) AS reaction_band,
       x.likes, x.learned_something, x.outdated, x.have_a_question, x.useful, x.irrelevant
  FROM activity_report_internal.course_event_totals('-infinity', 'infinity', true) x
  JOIN activity_report.contents c ON c.content_id = x.course_id;
COMMENT ON VIEW activity_report.collaborative_courses_daily_v IS 'Collaborative activity of several courses (seed 004) per day (UTC): views, reaction score and reactions by kind per course and day with events; counts sum to collaborative_courses.';

-- The daily views' columns mean what the all-time views' do (for that day).
DO $comments$
DECLARE
    v record;
    c record;
BEGIN
    FOR v IN SELECT * FROM (VALUES ('user_analytics_daily_v', 'user_analytics_v'), ('user_sessions_daily_v', 'user_sessions_v'),
                                   ('user_on_demand_daily_v', 'user_on_demand_v'), ('user_attachments_daily_v', 'user_attachments_v'),
                                   ('collaborative_users_daily_v', 'collaborative_users_v'),
                                   ('collaborative_groups_daily_v', 'collaborative_groups'),
                                   ('course_activity_engagement_daily_v', 'course_activity_engagement_v'),
                                   ('collaborative_courses_daily_v', 'collaborative_courses')) x(daily, total) LOOP
        FOR c IN SELECT a.attname, pg_catalog.col_description(t.attrelid, t.attnum) AS comment
                   FROM pg_catalog.pg_attribute a
                   LEFT JOIN pg_catalog.pg_attribute t
                          ON t.attrelid OPERATOR(pg_catalog.=) pg_catalog.to_regclass('activity_report.' OPERATOR(pg_catalog.||) v.total)
                         AND t.attname OPERATOR(pg_catalog.=) a.attname
                  WHERE a.attrelid OPERATOR(pg_catalog.=) pg_catalog.to_regclass('activity_report.' OPERATOR(pg_catalog.||) v.daily)
                    AND a.attnum OPERATOR(pg_catalog.>) 0 LOOP
            EXECUTE pg_catalog.format('COMMENT ON COLUMN activity_report.%I.%I IS %L', v.daily, c.attname,
                CASE WHEN c.attname OPERATOR(pg_catalog.=) 'day' THEN 'The day (UTC).'
                     ELSE COALESCE(c.comment, pg_catalog.initcap(pg_catalog.replace(c.attname, '_', ' ')) OPERATOR(pg_catalog.||) '.') END
                OPERATOR(pg_catalog.||) CASE WHEN c.attname OPERATOR(pg_catalog.=) 'day' THEN '' ELSE ' That day.' END);
        END LOOP;
    END LOOP;
END
$comments$;
