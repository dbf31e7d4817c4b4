-- Compact presence summaries (design §8, summary format 2): a summary keeps, per stream, only what another
-- slice can still change, so its size follows presence intervals, not events; every accessor reads the same
-- from it as the aggregates from the raw events; rollup() of summaries of disjoint slices is exact, and of
-- overlapping compacted ones an error (SQLSTATE 22023).
SET timezone = 'UTC';

-- 1,000 joins and one leave have the size of one join and one leave, and the same 1,000 minutes
-- (the earliest join, at 10:00, to the leave at 10:00 + 1000 min).
CREATE TEMP TABLE repeated AS
SELECT 'u1' AS u, 'c1' AS c, 'Join' AS a, timestamptz '2026-01-05 10:00' + i * interval '1 second' AS t FROM generate_series(0, 999) i
UNION ALL SELECT 'u1', 'c1', 'Leave', timestamptz '2026-01-05 10:00' + interval '1000 minutes';
SELECT octet_length(activity_report.minutes_viewed_summary(u, c, a, t)::text) AS many_joins_bytes,
       (SELECT octet_length(activity_report.minutes_viewed_summary(u, c, a, t)::text)
          FROM (VALUES ('u1', 'c1', 'Join', timestamptz '2026-01-05 10:00'), ('u1', 'c1', 'Leave', '2026-01-05 11:00')) v(u, c, a, t)) AS one_interval_bytes,
       activity_report.minutes_viewed(activity_report.minutes_viewed_summary(u, c, a, t)) AS minutes_1000
  FROM repeated;
-- The bytes, by hand: version 2, 'P', one stream (u1 '\0' c1), no window, span [10:00, 10:00 + 1000 min]
-- (2026-01-05 10:00 is 820,922,400,000,000 µs after 2000-01-01; 1000 minutes are 60,000,000,000 µs), compacted,
-- two events: the join at 10:00 and the leave.
SELECT activity_report.minutes_viewed_summary(u, c, a, t)::text =
       '\x0250' || '0000000000000001' || '00000005' || '7531006331' || '00' || '00000001'
       || lpad(to_hex(820922400000000), 16, '0') || lpad(to_hex(820922400000000 + 60000000000), 16, '0') || '01'
       || '0000000000000002' || lpad(to_hex(820922400000000), 16, '0') || '00' || lpad(to_hex(820922400000000 + 60000000000), 16, '0') || '01'
       AS writes_format_2
  FROM repeated;

-- Streams split by UTC day (presence across midnight), summarised per day, rolled up: the raw aggregates'
-- results, bit for bit, for every accessor.
CREATE TEMP TABLE days_events AS
SELECT 'u' || (i % 7) AS u, 'c' || (i % 3) AS c,
       (ARRAY['Join', 'Join', 'Leave', 'Join', 'Leave', 'View'])[1 + (i * 5) % 6] AS a,
       timestamptz '2026-03-01 00:00' + ((i * 7919) % (5 * 1440)) * interval '1 minute' + (i % 4) * interval '1 second' AS t,
       timestamptz '2026-03-01 06:00' + (i % 5) * interval '1 day' AS closes
  FROM generate_series(1, 3000) i;
CREATE TEMP TABLE days AS
SELECT date_trunc('day', t) AS day, u,
       activity_report.minutes_viewed_summary(u, c, a, t, closes) AS m,
       activity_report.engagement_rate_summary(u, c, a, t, timestamptz '2026-03-01 12:00', timestamptz '2026-03-04 12:00') AS e
  FROM days_events GROUP BY 1, 2;
SELECT count(*) AS users,
       count(*) FILTER (WHERE r.m = raw.m) AS minutes_identical,
       count(*) FILTER (WHERE r.e = raw.e) AS engagement_identical,
       count(*) FILTER (WHERE r.p = raw.p AND r.pc = raw.pc) AS presence_minutes_identical
  FROM (SELECT u, activity_report.minutes_viewed(activity_report.rollup(m)) AS m, activity_report.engagement_rate(activity_report.rollup(e)) AS e,
               activity_report.presence_minutes(activity_report.rollup(m), '2026-03-02 07:30', '2026-03-04 17:00') AS p,
               activity_report.presence_minutes(activity_report.rollup(m), '2026-03-02 07:30', '2026-03-04 17:00', true) AS pc
          FROM days GROUP BY u) r
  JOIN (SELECT u, activity_report.minutes_viewed(u, c, a, t, closes) AS m,
               activity_report.engagement_rate(u, c, a, t, timestamptz '2026-03-01 12:00', timestamptz '2026-03-04 12:00') AS e,
               activity_report.presence_minutes(activity_report.minutes_viewed_summary(u, c, a, t), '2026-03-02 07:30', '2026-03-04 17:00') AS p,
               activity_report.presence_minutes(activity_report.minutes_viewed_summary(u, c, a, t), '2026-03-02 07:30', '2026-03-04 17:00', true) AS pc
          FROM days_events GROUP BY u) raw USING (u);
-- a month from the days, in a forced parallel plan: the same as serially
CREATE TABLE compact_days AS SELECT * FROM days;
ANALYZE compact_days;
CREATE TEMP TABLE serial_rollup AS
SELECT u, activity_report.minutes_viewed(activity_report.rollup(m)) AS m FROM compact_days GROUP BY u;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT u, activity_report.rollup(m) FROM compact_days GROUP BY u;
SELECT count(*) AS users, count(*) FILTER (WHERE p.m = s.m) AS parallel_identical
  FROM (SELECT u, activity_report.minutes_viewed(activity_report.rollup(m)) AS m FROM compact_days GROUP BY u) p JOIN serial_rollup s USING (u);
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation; RESET enable_hashagg;
DROP TABLE compact_days;

-- Overlapping spans. u1/c1 on day 1: joins at 10:00 and 10:05 (the second dropped: compacted), a leave at 11:00.
CREATE TEMP TABLE slices (name text, s activity_report.presence_summary);
INSERT INTO slices
SELECT 'compacted 10:00-11:00', activity_report.minutes_viewed_summary(u, c, a, t)
  FROM (VALUES ('u1', 'c1', 'Join', timestamptz '2026-01-05 10:00'), ('u1', 'c1', 'Join', '2026-01-05 10:05'), ('u1', 'c1', 'Leave', '2026-01-05 11:00')) v(u, c, a, t)
UNION ALL
SELECT 'plain 10:30-12:00', activity_report.minutes_viewed_summary(u, c, a, t)
  FROM (VALUES ('u1', 'c1', 'Join', timestamptz '2026-01-05 10:30'), ('u1', 'c1', 'Leave', '2026-01-05 12:00')) v(u, c, a, t)
UNION ALL
SELECT 'plain 11:00-12:00', activity_report.minutes_viewed_summary(u, c, a, t)
  FROM (VALUES ('u1', 'c1', 'Join', timestamptz '2026-01-05 11:00'), ('u1', 'c1', 'Leave', '2026-01-05 12:00')) v(u, c, a, t)
UNION ALL
SELECT 'plain 11:01-12:00', activity_report.minutes_viewed_summary(u, c, a, t)
  FROM (VALUES ('u1', 'c1', 'Join', timestamptz '2026-01-05 11:01'), ('u1', 'c1', 'Leave', '2026-01-05 12:00')) v(u, c, a, t)
UNION ALL
SELECT 'other stream 10:00-12:00', activity_report.minutes_viewed_summary(u, c, a, t)
  FROM (VALUES ('u2', 'c1', 'Join', timestamptz '2026-01-05 10:00'), ('u2', 'c1', 'Join', '2026-01-05 10:01'), ('u2', 'c1', 'Leave', '2026-01-05 12:00')) v(u, c, a, t);
-- disjoint: exact (10:00-11:00 and 11:01-12:00 = 119 minutes); another stream may overlap (+ 120)
SELECT activity_report.minutes_viewed(activity_report.rollup(s)) AS disjoint_239
  FROM slices WHERE name IN ('compacted 10:00-11:00', 'plain 11:01-12:00', 'other stream 10:00-12:00');
-- two summaries without dropped events: exact even when they overlap (J10:30 J11:00 L12:00 L12:00: 90 minutes)
SELECT activity_report.minutes_viewed(activity_report.rollup(s)) AS overlapping_plain_90
  FROM slices WHERE name IN ('plain 10:30-12:00', 'plain 11:00-12:00');
-- overlapping, one compacted: refused, naming the stream and both spans; touching at one instant counts
SELECT activity_report.minutes_viewed(activity_report.rollup(s)) FROM slices WHERE name IN ('compacted 10:00-11:00', 'plain 10:30-12:00');
\set VERBOSITY sqlstate
SELECT activity_report.rollup(s) FROM slices WHERE name IN ('compacted 10:00-11:00', 'plain 11:00-12:00');
-- the same compacted summary twice
SELECT activity_report.rollup(s) FROM (SELECT s FROM slices WHERE name = 'compacted 10:00-11:00' UNION ALL SELECT s FROM slices WHERE name = 'compacted 10:00-11:00') x;
\set VERBOSITY default

-- Format 2 read by hand: u1/c1 with a closes_at of 01:30 (flags 2), span [00:00, 01:00] not compacted, a join at
-- 00:00 (2000-01-01) and a leave at 01:00 (3,600,000,000 µs = d693a400): 60 minutes; presence_minutes over
-- [00:30, infinity) ignores closes_at: 30.
SELECT activity_report.minutes_viewed(b::activity_report.presence_summary) AS minutes_60,
       activity_report.presence_minutes(b::activity_report.presence_summary, '2000-01-01 00:30', 'infinity', true) AS from_half_past_30
  FROM (SELECT replace('\x0250 0000000000000001 00000005 7531006331 02 0000000141dd7600 00000001 0000000000000000 00000000d693a400 00 0000000000000002 0000000000000000 00 00000000d693a400 01', ' ', '') AS b) x;
-- Impossible format-2 states are refused with 22P03: not sorted; the last event outside the span; a span
-- without events; the same stream twice; a newer format (3)
\set VERBOSITY sqlstate
SELECT replace('\x0250 0000000000000001 00000005 7531006331 00 00000001 0000000000000000 00000000d693a400 00 0000000000000002 00000000d693a400 01 0000000000000000 00', ' ', '')::activity_report.presence_summary;
SELECT replace('\x0250 0000000000000001 00000005 7531006331 00 00000001 0000000000000000 00000000d693a400 01 0000000000000002 0000000000000000 00 00000001d693a400 01', ' ', '')::activity_report.presence_summary;
SELECT replace('\x0250 0000000000000001 00000005 7531006331 00 00000001 0000000000000000 00000000d693a400 00 0000000000000000', ' ', '')::activity_report.presence_summary;
SELECT replace('\x0250 0000000000000002 00000005 7531006331 02 0000000141dd7600 00000000 0000000000000000 00000005 7531006331 02 0000000141dd7600 00000000 0000000000000000', ' ', '')::activity_report.presence_summary;
SELECT '\x0350'::activity_report.presence_summary;
\set VERBOSITY default
