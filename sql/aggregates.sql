-- Metric aggregates (design §5): hand-computed cases for each rule, then a larger data set checked
-- against an independent plain-SQL formulation, serial and in a forced parallel plan.
\pset null '(null)'
CREATE TABLE agg_case (u text, c text, a text, ts timestamptz, closes timestamptz);
INSERT INTO agg_case VALUES
  -- u1 on s1: join 10:00, leave 10:30 and join 10:30 (a tie: the leave sorts first, so presence
  -- restarts), a repeated join at 10:40 is ignored; the stream is still open at the end.
  ('u1', 's1', 'Join',  '2026-01-01 10:00+00', '2026-01-01 11:00+00'),
  ('u1', 's1', 'Leave', '2026-01-01 10:30+00', NULL),
  ('u1', 's1', 'Join',  '2026-01-01 10:30+00', NULL),
  ('u1', 's1', 'JOIN',  '2026-01-01 10:40+00', NULL),   -- roles are matched case-insensitively
  -- u1 on s2: join 10:00, leave 10:10, then a leave while absent (ignored).
  ('u1', 's2', 'Join',  '2026-01-01 10:00+00', NULL),
  ('u1', 's2', 'Leave', '2026-01-01 10:10+00', NULL),
  ('u1', 's2', 'Leave', '2026-01-01 10:20+00', NULL),
  -- u2 on s1: a join; its window argument comes from another row of the same stream.
  ('u2', 's1', 'Join',  '2026-01-01 10:15+00', NULL),
  ('u2', 's1', 'View',  '2026-01-01 10:15+00', '2026-01-01 10:45+00'),
  -- skipped rows: NULL user, NULL content, NULL action, NULL time; a leave before any join.
  (NULL, 's1', 'Join',  '2026-01-01 09:00+00', NULL),
  ('u3', NULL, 'Join',  '2026-01-01 09:00+00', NULL),
  ('u3', 's1', NULL,    '2026-01-01 09:00+00', NULL),
  ('u3', 's1', 'Join',  NULL, NULL),
  ('u3', 's3', 'Leave', '2026-01-01 09:00+00', NULL);

-- 4 arguments, open intervals contribute nothing: u1 = 30 (s1) + 10 (s2) = 40; u2 = 0; u3 = 0.
-- 5 arguments: u1's s1 closes at 11:00 (+30) = 70; u2 closes at 10:45 (latest closes of its stream) = 30.
SELECT u, activity_report.minutes_viewed(u, c, a, ts) AS open_ignored,
          activity_report.minutes_viewed(u, c, a, ts, closes) AS closes_at
  FROM agg_case GROUP BY u ORDER BY u;
-- By content: s1 = 30 + 0 / 60 + 30; s2 = 10 / 10; s3 = 0 / 0.
SELECT c, activity_report.minutes_viewed(u, c, a, ts) AS open_ignored,
          activity_report.minutes_viewed(u, c, a, ts, closes) AS closes_at
  FROM agg_case GROUP BY c ORDER BY c;
-- By user and content, and over no rows. A group whose rows are all skipped (a NULL user, content, action or
-- time: u3/s1, u3/NULL, NULL/s1, and the NULL user and NULL content groups above) gives NULL, as no rows do.
SELECT u, c, activity_report.minutes_viewed(u, c, a, ts, closes) FROM agg_case GROUP BY u, c ORDER BY u, c;
SELECT activity_report.minutes_viewed(u, c, a, ts) FROM agg_case WHERE false;
-- So do the other aggregates, the summaries and rollup(): NULL inputs only give NULL; a NULL summary beside a
-- real one adds nothing (u1's 60 minutes on s1).
SELECT activity_report.watched_fraction(c, a, l) AS watched, activity_report.reaction_score(a, l) AS score
  FROM (VALUES (NULL::text, NULL::text, NULL::text)) v(c, a, l);
SELECT activity_report.minutes_viewed(activity_report.rollup(s)) AS presence,
       activity_report.watched_fraction(activity_report.rollup(w)) AS watch,
       activity_report.minutes_viewed_summary(NULL::text, NULL::text, NULL::text, NULL::timestamptz) IS NULL AS summary_of_nulls_is_null
  FROM (VALUES (NULL::activity_report.presence_summary, NULL::activity_report.watch_summary)) v(s, w);
SELECT activity_report.minutes_viewed(activity_report.rollup(s)) AS with_a_null_summary
  FROM (SELECT activity_report.minutes_viewed_summary(u, c, a, ts, closes) FROM agg_case WHERE u = 'u1' AND c = 's1'
        UNION ALL SELECT NULL) x(s);

-- engagement_rate, live window [10:00, 11:00): u1/s1 present 10:00-10:30 and 10:30-11:00 (open, closes
-- at live_ends) = 100%; u2/s1 10:15-11:00 = 75%; u1/s2 10 of 60 minutes = 16.67%.
SELECT c, activity_report.engagement_rate(u, c, a, ts, '2026-01-01 10:00+00', '2026-01-01 11:00+00') FROM agg_case GROUP BY c ORDER BY c;
SELECT u, round(activity_report.engagement_rate(u, c, a, ts, '2026-01-01 10:00+00', '2026-01-01 11:00+00')::numeric, 4)
  FROM agg_case GROUP BY u ORDER BY u;
-- Clipping: window [10:20, 10:40): u1/s1 present all 20 minutes = 100; u2/s1 10:20-10:40 = 100;
-- u1/s2 left at 10:10: no presence in the window, so not attended and not counted.
SELECT activity_report.engagement_rate(u, c, a, ts, '2026-01-01 10:20+00', '2026-01-01 10:40+00') FROM agg_case WHERE c = 's2';
SELECT activity_report.engagement_rate(u, c, a, ts, '2026-01-01 10:20+00', '2026-01-01 10:40+00') FROM agg_case;
-- Per-row windows: earliest live_starts and latest live_ends of the stream; an empty window is skipped.
SELECT activity_report.engagement_rate(u, c, a, ts,
         CASE WHEN a = 'Join' THEN timestamptz '2026-01-01 10:00+00' END,
         CASE WHEN a = 'Leave' THEN timestamptz '2026-01-01 10:20+00' END)
  FROM agg_case WHERE u = 'u1' AND c = 's2';   -- 10 of 20 minutes = 50
SELECT activity_report.engagement_rate(u, c, a, ts, '2026-01-01 11:00+00', '2026-01-01 10:00+00') FROM agg_case;

-- reaction_score: views are actions with role view; reactions add the polarity of the label's
-- reaction, else of the action's name. 4 views; +Learned something, -Outdated, +Like (label N/A:
-- the action Like counts), 0 for an unknown reaction: 100 * (2 - 1) / 4 = 25.
SELECT activity_report.reaction_score(a, l) FROM (VALUES
  ('Start', NULL), ('Start', NULL), ('Start', NULL), ('Start', NULL),
  ('React', 'Learned something'), ('React', 'OUTDATED'), ('Like', 'N/A'), ('React', 'Meh'),
  (NULL, 'Like')) AS v(a, l);
SELECT activity_report.reaction_score(a, l) FROM (VALUES ('React', 'Like')) AS v(a, l);               -- no views: NULL
SELECT activity_report.reaction_score(a, l) FROM (VALUES ('Start', NULL), ('React', 'Useful'), ('React', 'Like')) AS v(a, l);  -- clamped at 100
SELECT activity_report.reaction_score(a, l) FROM (VALUES ('Start', NULL), ('React', 'Irrelevant'), ('React', 'Not useful')) AS v(a, l);  -- clamped at -100

-- watched_fraction: the largest explicit percentage, or 0.1 per unmarked watch event, capped at 1.
SELECT activity_report.watched_fraction(c, a, l) FROM (VALUES
  ('YouTube 50%', 'Watched YouTube', 'mcDnMbJwFCA'), ('YouTube 25%', 'Watched YouTube', 'mcDnMbJwFCA')) AS v(c, a, l);  -- 0.5
SELECT activity_report.watched_fraction(c, a, l) FROM (VALUES
  ('Content - video', 'Watch', 'N/A'), ('Content - video', 'Watch', 'N/A'), ('Content - video', 'Watch', NULL),
  ('Content - video', 'Play', 'N/A')) AS v(c, a, l);   -- 3 unmarked = 0.3 (Play is not watch progress)
SELECT activity_report.watched_fraction(c, a, l) FROM (VALUES
  ('Content - video', 'Watch', 'N/A'), ('Session', 'Watched', '20%')) AS v(c, a, l);  -- max(0.2, 0.1) = 0.2
SELECT activity_report.watched_fraction('Content - video', 'Watch', 'N/A') FROM generate_series(1, 14);  -- capped at 1
SELECT activity_report.watched_fraction(c, a, l) FROM (VALUES ('YouTube 100% real', 'Watched YouTube', '100% real')) AS v(c, a, l);

-- Bad input: errors name the value, the backend survives.
SELECT activity_report.minutes_viewed('u', 's', 'Join', 'infinity');
SELECT activity_report.minutes_viewed('u', 's', 'Join', now(), '-infinity');
SELECT activity_report.engagement_rate('u', 's', 'Join', now(), 'infinity', now());
SELECT activity_report.watched_fraction('YouTube 150%', 'Watched YouTube', 'x');
SELECT activity_report.watched_fraction('Content - video', 'Watch', '1000000%');
SELECT activity_report.minutes_viewed(repeat('u', 1000000), repeat('s', 1000000), 'Join', '2026-01-01');
SELECT activity_report.reaction_score(repeat('x', 1000000), repeat('y', 1000000));

-- A larger, deterministic data set: the aggregates against a plain-SQL formulation (window
-- functions: an event counts when it differs from the previous one of its stream, leave sorting
-- first at equal times), serial and parallel.
CREATE TABLE agg_big AS
SELECT 'u' || (i % 37) AS u, 's' || (i % 11) AS c,
       (ARRAY['Join', 'Join', 'Leave', 'Leave', 'View', 'leave'])[1 + (i * 7) % 6] AS a,
       timestamptz '2026-02-01 00:00+00' + ((i * 7919) % 20000) * interval '1 second' AS ts,
       timestamptz '2026-02-01 05:00+00' + (i % 13) * interval '1 minute' AS closes
  FROM generate_series(1, 60000) AS i;
ANALYZE agg_big;
CREATE VIEW agg_big_sql AS
WITH ev AS (
  SELECT u, c, ts, lower(a) = 'leave' AS is_leave,
         max(closes) OVER (PARTITION BY u, c) AS closes
    FROM agg_big WHERE lower(a) IN ('join', 'leave')
), marked AS (
  SELECT *, lag(is_leave, 1, true) OVER (PARTITION BY u, c ORDER BY ts, is_leave DESC) AS prev_leave FROM ev
), effective AS (
  SELECT *, lead(ts) OVER (PARTITION BY u, c ORDER BY ts, is_leave DESC) AS next_ts FROM marked WHERE is_leave <> prev_leave
)
SELECT u, sum(extract(epoch FROM (coalesce(next_ts, CASE WHEN closes > ts THEN closes ELSE ts END) - ts)) / 60) AS minutes
  FROM effective WHERE NOT is_leave GROUP BY u;

CREATE TEMP TABLE serial_result AS
  SELECT u, activity_report.minutes_viewed(u, c, a, ts, closes) AS minutes FROM agg_big GROUP BY u;
SELECT count(*) AS users, count(*) FILTER (WHERE abs(s.minutes - p.minutes) < 1e-6) AS equal_to_plain_sql
  FROM serial_result s JOIN agg_big_sql p USING (u);

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT u, activity_report.minutes_viewed(u, c, a, ts, closes) FROM agg_big GROUP BY u;
SELECT count(*) AS users,
       count(*) FILTER (WHERE p.minutes = s.minutes) AS identical_to_serial
  FROM (SELECT u, activity_report.minutes_viewed(u, c, a, ts, closes) AS minutes FROM agg_big GROUP BY u) p
  JOIN serial_result s USING (u);
SELECT activity_report.engagement_rate(u, c, a, ts, timestamptz '2026-02-01 01:00+00', timestamptz '2026-02-01 04:00+00') =
       (SELECT activity_report.engagement_rate(u, c, a, ts, timestamptz '2026-02-01 01:00+00', timestamptz '2026-02-01 04:00+00')
          FROM (SELECT * FROM agg_big ORDER BY ts DESC OFFSET 0) r) AS parallel_equals_reordered
  FROM agg_big;
EXPLAIN (COSTS OFF) SELECT activity_report.reaction_score(a, NULL), activity_report.watched_fraction(NULL, a, NULL) FROM agg_big;
CREATE TABLE react_big AS
SELECT (ARRAY['Start', 'React', 'React', 'Like', 'View', 'Emoji'])[1 + i % 6] AS a,
       (ARRAY['Like', 'Outdated', 'Useful', 'Meh', NULL, 'Irrelevant', 'Have a question'])[1 + i % 7] AS l
  FROM generate_series(1, 50000) AS i;
ANALYZE react_big;
-- Plain SQL: roles of an action are the union over the literal action patterns of all kinds.
WITH roles AS (
  SELECT lower(action_pattern) AS action, bool_or('view' = ANY (roles)) AS is_view, bool_or('reaction' = ANY (roles)) AS is_reaction
    FROM activity_report.activity_kinds GROUP BY 1
), scored AS (
  SELECT r.is_view, r.is_reaction, coalesce(pl.polarity, pa.polarity, 0) AS polarity
    FROM react_big b
    LEFT JOIN roles r ON r.action = lower(b.a)
    LEFT JOIN activity_report.reaction_types pl ON lower(pl.reaction) = lower(b.l)
    LEFT JOIN activity_report.reaction_types pa ON lower(pa.reaction) = lower(b.a)
)
SELECT round(greatest(-100, least(100, 100.0 * (count(*) FILTER (WHERE is_reaction AND polarity > 0)
                                              - count(*) FILTER (WHERE is_reaction AND polarity < 0))
                                        / nullif(count(*) FILTER (WHERE is_view), 0))), 9) AS plain_sql,
       (SELECT round(activity_report.reaction_score(a, l)::numeric, 9) FROM react_big) AS aggregate
  FROM scored;
DROP TABLE react_big;
-- Rollup summaries: daily summaries rolled up over a month equal the raw aggregates, also for presence
-- intervals spanning midnight (hand case: join 23:30, leave 00:30 the next day = 60 minutes).
CREATE TABLE month_events AS
SELECT 'u' || (i % 23) AS u, 's' || (i % 7) AS c,
       (ARRAY['Join', 'Leave', 'Join', 'Leave', 'View', 'React', 'Start', 'Watch'])[1 + (i * 7) % 8] AS a,
       (ARRAY['Like', 'Outdated', 'N/A', '40%', 'Useful'])[1 + i % 5] AS l,
       timestamptz '2026-03-01 00:00+00' + ((i * 7919) % (31 * 86400)) * interval '1 second' AS ts
  FROM generate_series(1, 40000) AS i
UNION ALL VALUES ('night owl', 's1', 'Join', NULL, timestamptz '2026-03-05 23:30+00'),
                 ('night owl', 's1', 'Leave', NULL, timestamptz '2026-03-06 00:30+00');
CREATE TABLE daily AS
SELECT u, date_trunc('day', ts, 'UTC') AS day,
       activity_report.minutes_viewed_summary(u, c, a, ts, timestamptz '2026-04-01 00:00+00') AS presence,
       activity_report.engagement_rate_summary(u, c, a, ts, timestamptz '2026-03-10 00:00+00', timestamptz '2026-03-20 00:00+00') AS engagement,
       activity_report.reaction_score_summary(a, l) AS reactions,
       activity_report.watched_fraction_summary(NULL, a, l) AS watching
  FROM month_events GROUP BY 1, 2;
SELECT activity_report.minutes_viewed(activity_report.rollup(presence)) AS night_owl_minutes FROM daily WHERE u = 'night owl';
SELECT count(*) AS users,
       count(*) FILTER (WHERE r.minutes = raw.minutes) AS minutes_equal,
       count(*) FILTER (WHERE r.engagement IS NOT DISTINCT FROM raw.engagement) AS engagement_equal,
       count(*) FILTER (WHERE r.reactions IS NOT DISTINCT FROM raw.reactions) AS reactions_equal,
       count(*) FILTER (WHERE r.watching = raw.watching) AS watching_equal
  FROM (SELECT u, activity_report.minutes_viewed(activity_report.rollup(presence)) AS minutes,
               activity_report.engagement_rate(activity_report.rollup(engagement)) AS engagement,
               activity_report.reaction_score(activity_report.rollup(reactions)) AS reactions,
               activity_report.watched_fraction(activity_report.rollup(watching)) AS watching
          FROM daily GROUP BY u) r
  JOIN (SELECT u, activity_report.minutes_viewed(u, c, a, ts, timestamptz '2026-04-01 00:00+00') AS minutes,
               activity_report.engagement_rate(u, c, a, ts, timestamptz '2026-03-10 00:00+00', timestamptz '2026-03-20 00:00+00') AS engagement,
               activity_report.reaction_score(a, l) AS reactions,
               activity_report.watched_fraction(NULL, a, l) AS watching
          FROM month_events GROUP BY u) raw USING (u);
-- Summaries are values: text round trip, and bad input is refused with an error.
SELECT activity_report.minutes_viewed(presence::text::activity_report.presence_summary) = activity_report.minutes_viewed(presence) AS round_trip
  FROM daily WHERE u = 'night owl' LIMIT 1;
SELECT '\x5201'::activity_report.reaction_summary;
SELECT '\x5001'::activity_report.presence_summary;
SELECT 'not hex'::activity_report.watch_summary;
DROP TABLE month_events, daily;
RESET ALL;
DROP VIEW agg_big_sql;
DROP TABLE agg_case, agg_big;
