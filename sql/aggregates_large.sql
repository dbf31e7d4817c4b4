-- Large groups and hash aggregation under a tiny work_mem (issue: memory per group proportional to its
-- events; a million-event group works; many groups spill cleanly). Expected values are closed-form.
SET client_min_messages = warning;

-- One (user, content) stream of 1,000,000 events: joins at even minutes, leaves one minute later,
-- so 500,000 one-minute intervals: 500,000 minutes; over a window of 1,000,000 minutes, 50 %.
CREATE TEMP TABLE one_group AS
SELECT 'u1'::text AS user_id, 'c1'::text AS content_id,
       CASE WHEN i % 2 = 0 THEN 'Join' ELSE 'Leave' END AS action,
       timestamptz '2026-01-01 00:00+00' + i * interval '1 minute' AS occurred_at
  FROM generate_series(0, 999999) AS i;
SELECT count(*) AS events,
       activity_report.minutes_viewed(user_id, content_id, action, occurred_at) AS minutes,
       activity_report.engagement_rate(user_id, content_id, action, occurred_at,
                                       timestamptz '2026-01-01 00:00+00',
                                       timestamptz '2026-01-01 00:00+00' + interval '1000000 minutes') AS rate
  FROM one_group;

-- 20,000 users x 10 events (5 one-minute visits each) grouped by a hash aggregate with work_mem = 64kB:
-- it spills to disk in batches and every user still gets exactly 5 minutes.
CREATE TEMP TABLE many_groups AS
SELECT 'u' || (i / 10) AS user_id, 'c1'::text AS content_id,
       CASE WHEN i % 2 = 0 THEN 'Join' ELSE 'Leave' END AS action,
       timestamptz '2026-01-01 00:00+00' + (i % 10) * interval '1 minute' AS occurred_at
  FROM generate_series(0, 199999) AS i;
ANALYZE many_groups;
SET work_mem = '64kB';
SET enable_sort = off;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS users, min(m) AS min_minutes, max(m) AS max_minutes
  FROM (SELECT user_id, activity_report.minutes_viewed(user_id, content_id, action, occurred_at) AS m
          FROM many_groups GROUP BY user_id) s;
-- The plan was a HashAggregate that spilled (more than one batch, disk used).
CREATE FUNCTION pg_temp.hashagg_batches() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) SELECT user_id, activity_report.minutes_viewed(user_id, content_id, action, occurred_at) FROM many_groups GROUP BY user_id' INTO plan;
    RETURN CASE WHEN plan -> 0 -> 'Plan' ->> 'Node Type' = 'Aggregate' AND plan -> 0 -> 'Plan' ->> 'Strategy' = 'Hashed'
                THEN (plan -> 0 -> 'Plan' ->> 'HashAgg Batches')::integer END;
END $$;
SELECT pg_temp.hashagg_batches() > 1 AS spilled;
RESET work_mem;
RESET enable_sort;
RESET max_parallel_workers_per_gather;
