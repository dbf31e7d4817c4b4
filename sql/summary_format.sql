-- The stored summary format (design §10): format 1 is a version byte (01), the kind's tag ('P' 50,
-- 'R' 52, 'W' 57) and the payload in big-endian order; bytes of 0.1.0 (the tag, then little-endian)
-- still read and are written back in format 1. Bytes below are written by hand; the 0.1.0 ones are byte for
-- byte what the 0.1.0 library wrote for the same events (checked against a build of b25c398).
\pset null '(null)'
-- reaction_summary: views 4, positive 1, negative 0 -> 100 * 1 / 4 = 25
SELECT activity_report.reaction_score('\x0152000000000000000400000000000000010000000000000000'::activity_report.reaction_summary) AS format_1,
       activity_report.reaction_score('\x52040000000000000001000000000000000000000000000000'::activity_report.reaction_summary) AS version_010;
-- what the aggregate writes: 2 views (course starts), 1 Like -> views 2, positive 1, negative 0
SELECT activity_report.reaction_score_summary(a, l)::text
  FROM (VALUES ('Start', 'N/A'), ('Start', 'N/A'), ('React', 'Like')) v(a, l);
-- 0.1.0's bytes come back in format 1, and roll up with format-1 summaries: views 4+2, positive 1+1 -> 33.3
SELECT '\x52040000000000000001000000000000000000000000000000'::activity_report.reaction_summary::text AS normalized;
SELECT round(activity_report.reaction_score(activity_report.rollup(s))::numeric, 4) AS rolled_up
  FROM (VALUES ('\x52040000000000000001000000000000000000000000000000'::activity_report.reaction_summary),
               ('\x0152000000000000000200000000000000010000000000000000')) v(s);
-- watch_summary: max fraction 0.5 (3fe0000000000000), 2 unmarked events; 0.1.0: little-endian
SELECT activity_report.watched_fraction('\x01573fe00000000000000000000000000002'::activity_report.watch_summary) AS format_1,
       activity_report.watched_fraction('\x57000000000000e03f0200000000000000'::activity_report.watch_summary) AS version_010;
-- 0.1.0's watch summary of one 'YouTube 50%' event: 0.5, no unmarked events
SELECT activity_report.watched_fraction('\x57000000000000e03f0000000000000000'::activity_report.watch_summary) AS version_010_youtube_50;
-- presence_summary: stream u1/c1 (key 7531 00 6331), a join at 0 and a leave at 3,600,000,000 µs -> 60 minutes
SELECT activity_report.minutes_viewed((replace('\x0150 0000000000000005 7531006331 0000000000000002 00000000 00000005 0000000000000000 00 00000000 00000005 00000000d693a400 01 0000000000000000', ' ', ''))::activity_report.presence_summary) AS format_1,
       activity_report.minutes_viewed((replace('\x50 0500000000000000 7531006331 0200000000000000 00000000 05000000 0000000000000000 00 00000000 05000000 00a493d600000000 01 0000000000000000', ' ', ''))::activity_report.presence_summary) AS version_010;
-- the aggregate writes format 2 (compact summaries, sql/compact_summaries.sql): one stream (length 5, key, no
-- window flags), one span [0, 3,600,000,000 µs] not compacted, two events (time, leave flag)
SELECT activity_report.minutes_viewed_summary(u, c, a, t)::text = replace('\x0250 0000000000000001 00000005 7531006331 00 00000001 0000000000000000 00000000d693a400 00 0000000000000002 0000000000000000 00 00000000d693a400 01', ' ', '') AS aggregate_writes_format_2
  FROM (VALUES ('u1', 'c1', 'Leave', timestamptz '2000-01-01 01:00+00'), ('u1', 'c1', 'Join', timestamptz '2000-01-01 00:00+00')) v(u, c, a, t);

-- Impossible states are refused with SQLSTATE 22P03, whatever the entry: input, receive, accessors.
\set VERBOSITY sqlstate
-- a score from negative views (views -1)
SELECT activity_report.reaction_score('\x0152ffffffffffffffff00000000000000010000000000000000'::activity_report.reaction_summary);
-- a watched fraction of -10 (c024000000000000)
SELECT activity_report.watched_fraction('\x0157c0240000000000000000000000000000'::activity_report.watch_summary);
-- the same through 0.1.0's form
SELECT activity_report.watched_fraction('\x5700000000000024c00000000000000000'::activity_report.watch_summary);
-- presence with a join far outside the timestamp range (would give an engagement rate of -33,333)
SELECT activity_report.engagement_rate((replace('\x0150 0000000000000005 7531006331 0000000000000002 00000000 00000005 8000000000000001 00 00000000 00000005 00000000d693a400 01 0000000000000000', ' ', ''))::activity_report.presence_summary);
-- presence whose times are not sorted (format 1 writes them sorted)
SELECT activity_report.minutes_viewed((replace('\x0150 0000000000000005 7531006331 0000000000000002 00000000 00000005 00000000d693a400 01 00000000 00000005 0000000000000000 00 0000000000000000', ' ', ''))::activity_report.presence_summary);
-- a newer format, a wrong kind, truncated bytes
SELECT '\x0252'::activity_report.reaction_summary;
SELECT '\x01573fe00000000000000000000000000002'::activity_report.reaction_summary;
SELECT '\x0152'::activity_report.reaction_summary;
\set VERBOSITY default
SELECT '\x0157c0240000000000000000000000000000'::activity_report.watch_summary;

-- send / receive: a binary COPY round trip gives the same summaries, and send writes format 1.
CREATE TEMP TABLE kept (r activity_report.reaction_summary, w activity_report.watch_summary, p activity_report.presence_summary);
INSERT INTO kept
SELECT activity_report.reaction_score_summary(a, 'Like'), activity_report.watched_fraction_summary('YouTube 40%', 'Watched YouTube', 'x'),
       activity_report.minutes_viewed_summary(u, 'c1', a, t)
  FROM (VALUES ('u1', 'Join', timestamptz '2026-01-01 10:00+00'), ('u1', 'Leave', '2026-01-01 10:30+00'),
               ('u2', 'Join', '2026-01-01 10:10+00')) v(u, a, t);
SELECT '/tmp/activity_report_summary_format_' || current_setting('port') || '.bin' AS copy_file \gset
COPY kept TO :'copy_file' WITH (FORMAT binary);
CREATE TEMP TABLE back (LIKE kept);
COPY back FROM :'copy_file' WITH (FORMAT binary);
SELECT k.r::text = b.r::text AND k.w::text = b.w::text AND k.p::text = b.p::text AS same_after_round_trip,
       activity_report.minutes_viewed(b.p) AS minutes, activity_report.watched_fraction(b.w) AS fraction
  FROM kept k, back b;
SELECT activity_report.reaction_summary_send('\x52040000000000000001000000000000000000000000000000'::activity_report.reaction_summary) AS sent;
