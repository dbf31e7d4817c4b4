-- Cost grows with the input and stays interruptible; extreme timestamps; one percentage rule (issue 12).
-- Every expected value is worked out in the comment above its query. Rows written here are rolled back.
\pset null '(null)'

-- 1. A placeholder before a literal, over a 160,000-character label (the matcher used to parse the value
-- at every candidate boundary: 7 s, and deaf to statement_timeout).
BEGIN;
INSERT INTO activity_report.vocabularies (vocabulary, title) VALUES ('cost_limits', 'Cost limits test');
INSERT INTO activity_report.activity_kinds (vocabulary, section, name, category_pattern, action_pattern, label_pattern, roles) VALUES
  ('cost_limits', 'Quizzes', 'Scored', 'Quiz', 'Score', '[Score 0-9]9', '{completion}'),
  ('cost_limits', 'Quizzes', 'Answered', 'Quiz', 'Answer', '[A] a [B] a [C] a [D] z', '{}');
SET LOCAL statement_timeout = '5s';
-- 160,000 nines then x: the label never ends with the literal 9, no kind
SELECT count(*) FROM activity_report.classify('cost_limits', 'Quiz', 'Score', repeat('9', 160000) || 'x');
-- 160,000 nines: the one split leaves [Score 0-9] 159,999 nines, out of range
SELECT field, regexp_replace(problem, '9{10,}', '9…', 'g') AS problem
  FROM activity_report.validate_event(ROW(now(), 'u', 'Quiz', 'Score', repeat('9', 160000), NULL, NULL, NULL)::activity_report.activity_event, 'cost_limits');
-- 9, 160,000 spaces, 9: the score is the first 9
SELECT details FROM activity_report.classify('cost_limits', 'Quiz', 'Score', '9' || repeat(' ', 160000) || '9');
-- four placeholders over "a a … a z" (80,000 times "a ", then z): each as short as the rest allows, a, a and
-- a, and [D] the rest: 160,001 - 12 ("a a a a a a ") - 2 (" z") = 159,987 characters
SELECT details ->> 'a' AS a, details ->> 'b' AS b, details ->> 'c' AS c, length(details ->> 'd') AS d_length
  FROM activity_report.classify('cost_limits', 'Quiz', 'Answer', repeat('a ', 80000) || 'z');
-- 2,000,000 nines take far longer than 1 ms to match: statement_timeout stops the statement (57014),
-- and the session goes on
CREATE TEMP TABLE cost_limits_big AS SELECT repeat('9', 2000000) || 'x' AS label;
SAVEPOINT before_timeout;
SET LOCAL statement_timeout = '1ms';
\set VERBOSITY sqlstate
SELECT count(*) FROM cost_limits_big, activity_report.classify('cost_limits', 'Quiz', 'Score', cost_limits_big.label);
\set VERBOSITY default
ROLLBACK TO before_timeout;
SELECT count(*) FROM activity_report.classify('cost_limits', 'Quiz', 'Score', '59');
ROLLBACK;

-- 2. Extreme valid timestamps. 4714-11-24 BC is Julian day 0, 294276-12-31 Julian day 109,203,527:
-- 109,203,527 days = 157,253,078,880 minutes, 9.4e18 microseconds (more than a bigint holds). Computed
-- independently from the epochs (numeric) and from the dates.
SELECT (extract(epoch FROM timestamptz '294276-12-31 00:00+00') - extract(epoch FROM timestamptz '4714-11-24 00:00+00 BC')) / 60 = 157253078880 AS by_epochs,
       (date '294276-12-31' - date '4714-11-24 BC')::bigint * 1440 AS by_days;
-- join at the first valid time, leave at 294276-12-31; a second stream open from the first time, closed
-- by closes_at 294276-12-31: twice the span
SELECT activity_report.minutes_viewed(u, c, a, t) AS one_stream
  FROM (VALUES ('u', 'c', 'Join', timestamptz '4714-11-24 00:00+00 BC'), ('u', 'c', 'Leave', timestamptz '294276-12-31 00:00+00')) AS v(u, c, a, t);
SELECT activity_report.minutes_viewed(u, c, a, t, closes) AS two_streams
  FROM (VALUES ('u', 'c', 'Join', timestamptz '4714-11-24 00:00+00 BC', NULL::timestamptz),
               ('u', 'c', 'Leave', timestamptz '294276-12-31 00:00+00', NULL),
               ('u', 'd', 'Join', timestamptz '4714-11-24 00:00+00 BC', timestamptz '294276-12-31 00:00+00')) AS v(u, c, a, t, closes);
-- engagement over a window of the whole span: stream c present all of it (100 %), stream d from
-- 2000-01-01 (Julian day 2,451,545) on, open until the window ends: 106,751,982 of 109,203,527 days.
-- The mean: (100 + 100 * 106751982 / 109203527) / 2 = 98.8775...
SELECT round(activity_report.engagement_rate(u, c, a, t, timestamptz '4714-11-24 00:00+00 BC', timestamptz '294276-12-31 00:00+00')::numeric, 9) AS rate,
       round((100 + 100.0 * 106751982 / 109203527) / 2, 9) AS by_hand
  FROM (VALUES ('u', 'c', 'Join', timestamptz '4714-11-24 00:00+00 BC'), ('u', 'c', 'Leave', timestamptz '294276-12-31 00:00+00'),
               ('u', 'd', 'Join', timestamptz '2000-01-01 00:00+00')) AS v(u, c, a, t);
-- The same window as a session's live window: the user analytics reports measure it exactly too
BEGIN;
INSERT INTO activity_report.users (user_id, first_name, last_name, email, portal) VALUES ('cl-u', 'Cost', 'Limits', 'cl@test', 'acme');
INSERT INTO activity_report.contents (content_id, content_type, name, starts_at, ends_at) VALUES
  ('cl-s', 'OTSession', 'Forever', '4714-11-24 00:00+00 BC', '294276-12-31 00:00+00');
INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, content_id) VALUES
  ('4714-11-24 00:00+00 BC', 'cl-u', 'Content - OTSession', 'Join', 'N/A', 'cl-s'),
  ('294276-12-31 00:00+00', 'cl-u', 'Content - OTSession', 'Leave', 'N/A', 'cl-s');
-- live 157,253,078,880 minutes, 100 % of the window
SELECT live_minutes, average_live_engagement_rate, sessions_viewed FROM activity_report.user_analytics('cl-u');
SELECT session_name, minutes_viewed, engagement_rate FROM activity_report.user_sessions('cl-u');
ROLLBACK;

-- 3. One percentage rule: what classify captures as [Percentage watched], watched_fraction reads, and where
-- classify rejects the percentage, watched_fraction raises (22P02 not a number, 22003 above 100 %); in the
-- category (YouTube [Percentage watched]) and in the label (Progress | Watched | [Percentage watched]).
CREATE FUNCTION pg_temp.watched(category text, action text, label text) RETURNS text
    LANGUAGE plpgsql AS $$
DECLARE
    fraction double precision;
BEGIN
    SELECT activity_report.watched_fraction(category, action, label) INTO fraction;
    RETURN fraction::text;
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE;
END $$;
-- -50%, 1e2%, 50%%, 5.%, %: not numbers; 101%: above 100; 50.5% = 0.505; 100% and 100.0% = 1; " 50 %" = 0.5;
-- 0% = 0 (no unmarked event either)
SELECT x AS written,
       (SELECT details ->> 'percentage_watched' FROM activity_report.classify('event_platform', 'YouTube ' || x, 'Watched YouTube', 'title')) AS classified,
       (SELECT regexp_replace(problem, '^.*: ', '') FROM activity_report.validate_event(ROW(now(), 'u', 'YouTube ' || x, 'Watched YouTube', 'title', NULL, NULL, NULL)::activity_report.activity_event, 'event_platform')) AS rejected,
       pg_temp.watched('YouTube ' || x, 'Watched YouTube', 'title') AS watched
  FROM (VALUES ('-50%'), ('1e2%'), ('50.5%'), ('100%'), ('100.0%'), ('101%'), (' 50 %'), ('50%%'), ('5.%'), ('%'), ('0%')) AS v(x);
SELECT x AS written,
       (SELECT details ->> 'percentage_watched' FROM activity_report.classify('event_platform', 'Progress', 'Watched', x)) AS classified,
       (SELECT regexp_replace(problem, '^.*: ', '') FROM activity_report.validate_event(ROW(now(), 'u', 'Progress', 'Watched', x, NULL, NULL, NULL)::activity_report.activity_event, 'event_platform')) AS rejected,
       pg_temp.watched('Progress', 'Watched', x) AS watched
  FROM (VALUES ('-50%'), ('1e2%'), ('50.5%'), ('100%'), ('101%'), (' 50 %'), ('50%%')) AS v(x);
-- The one difference: a number without '%' is a percentage where a pattern says so (classify reads 50),
-- while watched_fraction, which has no pattern, reads only what is written as a percentage: an
-- unmarked watch event, 0.1.
SELECT (SELECT details ->> 'percentage_watched' FROM activity_report.classify('event_platform', 'YouTube 50', 'Watched YouTube', 'title')) AS classified,
       pg_temp.watched('YouTube 50', 'Watched YouTube', 'title') AS watched;
