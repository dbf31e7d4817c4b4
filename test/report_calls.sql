-- The seed-003/004 report calls and views that test/rollups/run.sh and test/shards/run.sh compare: every
-- function with random ranges whose bounds fall inside days, for the busiest users, groups and courses, and
-- every view. Prints one query per line (after setseed's empty line).
SELECT setseed(0.42);
WITH span AS (SELECT min(occurred_at) AS lo, max(occurred_at) AS hi FROM activity_report.events),
r AS (SELECT lo + (hi - lo) * a AS f, lo + (hi - lo) * (a + (1 - a) * b) AS t
        FROM span, LATERAL (SELECT random() AS a, random() AS b FROM generate_series(1, 4)) x),
u AS (SELECT user_id FROM activity_report.events GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 3),
g AS (SELECT group_id FROM activity_report.group_members GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2),
c AS (SELECT parent_id FROM activity_report.contents WHERE parent_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2),
calls AS (
    SELECT format('SELECT * FROM activity_report.%s(%L, %L, %L)', fn, u.user_id, r.f, r.t) AS q
      FROM u, r, unnest(ARRAY['user_analytics', 'user_sessions', 'user_on_demand', 'user_attachments']) fn
    UNION ALL SELECT format('SELECT * FROM activity_report.%s(%L)', fn, u.user_id)
      FROM u, unnest(ARRAY['user_analytics', 'user_sessions', 'user_on_demand', 'user_attachments']) fn
    UNION ALL SELECT format('SELECT * FROM activity_report.collaborative_users(%L, %L, %L)', g.group_id, r.f, r.t) FROM g, r
    UNION ALL SELECT format('SELECT * FROM activity_report.course_activity_engagement(%L, %L, %L)', c.parent_id, r.f, r.t) FROM c, r
    UNION ALL SELECT format('SELECT * FROM activity_report.collaborative_groups(%L, %L)', r.f, r.t) FROM r
    UNION ALL SELECT format('SELECT * FROM activity_report.collaborative_courses(%L, %L)', r.f, r.t) FROM r
    UNION ALL SELECT format('SELECT * FROM activity_report.user_analytics(%L, %L, %L)', x.u, x.f, x.t)
      FROM (VALUES ('g7-u1', '2026-03-11 00:00+00', '2026-03-11 00:30+00'), ('g7-u2', '2026-03-10 23:56+00', '2026-03-12'),
                   ('g7-u2', '2026-03-11 01:50+00', 'infinity')) x(u, f, t)
    UNION ALL SELECT 'SELECT * FROM activity_report.' || v
      FROM unnest(ARRAY['user_analytics_v', 'user_sessions_v', 'user_on_demand_v', 'user_attachments_v',
                        'collaborative_users_v', 'collaborative_groups', 'course_activity_engagement_v',
                        'collaborative_courses', 'user_analytics_daily_v', 'user_sessions_daily_v',
                        'user_on_demand_daily_v', 'user_attachments_daily_v', 'collaborative_users_daily_v',
                        'collaborative_groups_daily_v', 'course_activity_engagement_daily_v',
                        'collaborative_courses_daily_v']) v)
SELECT q FROM calls;
