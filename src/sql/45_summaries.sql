-- Storable summaries for rollups (design §5): a summary is an aggregate's partial state as a type.
-- Make them per day (or any slice) with the *_summary aggregates, combine them with rollup(), read a
-- metric with the accessor of the same name as the aggregate: the result equals aggregating the raw events.

CREATE TYPE activity_report.presence_summary;
CREATE FUNCTION activity_report.presence_summary_in(cstring) RETURNS activity_report.presence_summary
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_presence_summary_in';
CREATE FUNCTION activity_report.presence_summary_out(activity_report.presence_summary) RETURNS cstring
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_summary_out';
CREATE FUNCTION activity_report.presence_summary_recv(internal) RETURNS activity_report.presence_summary
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_presence_summary_recv';
CREATE FUNCTION activity_report.presence_summary_send(activity_report.presence_summary) RETURNS bytea
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_summary_send';
CREATE TYPE activity_report.presence_summary (INPUT = activity_report.presence_summary_in, OUTPUT = activity_report.presence_summary_out,
    RECEIVE = activity_report.presence_summary_recv, SEND = activity_report.presence_summary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended);
COMMENT ON TYPE activity_report.presence_summary IS 'Stored partial state of minutes_viewed, engagement_rate and presence_minutes, compact: per (user_id, content_id) stream only what another slice can still change (the earliest join before its first leave and that leave, the presence intervals after it, a trailing open join), its window arguments, the time span of its events and whether events were dropped. Text form: the bytea hex form of its bytes (summary format 2: a version byte, the kind, big-endian fields; format 1 and 0.1.0''s bytes still read).';
COMMENT ON FUNCTION activity_report.presence_summary_in(cstring) IS 'Input function of presence_summary (validates the state).';
COMMENT ON FUNCTION activity_report.presence_summary_out(activity_report.presence_summary) IS 'Output function of presence_summary.';
COMMENT ON FUNCTION activity_report.presence_summary_recv(internal) IS 'Binary input function of presence_summary (validates the state).';
COMMENT ON FUNCTION activity_report.presence_summary_send(activity_report.presence_summary) IS 'Binary output function of presence_summary.';
CREATE FUNCTION activity_report_internal.presence_summary_final(internal) RETURNS activity_report.presence_summary
    LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_presence_summary_final';
COMMENT ON FUNCTION activity_report_internal.presence_summary_final(internal) IS 'Final function of the aggregates that return a presence_summary.';
CREATE FUNCTION activity_report_internal.presence_rollup_sfunc(internal, activity_report.presence_summary) RETURNS internal
    LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_presence_rollup_sfunc';
COMMENT ON FUNCTION activity_report_internal.presence_rollup_sfunc(internal, activity_report.presence_summary) IS 'Transition function of rollup(presence_summary).';
CREATE AGGREGATE activity_report.rollup(activity_report.presence_summary) (
    SFUNC = activity_report_internal.presence_rollup_sfunc, STYPE = internal, FINALFUNC = activity_report_internal.presence_summary_final,
    COMBINEFUNC = activity_report_internal.presence_combine, SERIALFUNC = activity_report_internal.presence_serialize,
    DESERIALFUNC = activity_report_internal.presence_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE activity_report.rollup(activity_report.presence_summary) IS 'Combines presence summaries (e.g. daily ones into a month): the same as summarising their raw events at once. A stream in two summaries whose time spans overlap, one of them compacted, raises SQLSTATE 22023.';

CREATE TYPE activity_report.reaction_summary;
CREATE FUNCTION activity_report.reaction_summary_in(cstring) RETURNS activity_report.reaction_summary
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_reaction_summary_in';
CREATE FUNCTION activity_report.reaction_summary_out(activity_report.reaction_summary) RETURNS cstring
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_summary_out';
CREATE FUNCTION activity_report.reaction_summary_recv(internal) RETURNS activity_report.reaction_summary
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_reaction_summary_recv';
CREATE FUNCTION activity_report.reaction_summary_send(activity_report.reaction_summary) RETURNS bytea
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_summary_send';
CREATE TYPE activity_report.reaction_summary (INPUT = activity_report.reaction_summary_in, OUTPUT = activity_report.reaction_summary_out,
    RECEIVE = activity_report.reaction_summary_recv, SEND = activity_report.reaction_summary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended);
COMMENT ON TYPE activity_report.reaction_summary IS 'Stored partial state of reaction_score: counts of views, positive and negative reactions. Text form: the bytea hex form of its bytes (summary format 1: a version byte, the kind, big-endian fields; 0.1.0''s bytes still read).';
COMMENT ON FUNCTION activity_report.reaction_summary_in(cstring) IS 'Input function of reaction_summary (validates the state).';
COMMENT ON FUNCTION activity_report.reaction_summary_out(activity_report.reaction_summary) IS 'Output function of reaction_summary.';
COMMENT ON FUNCTION activity_report.reaction_summary_recv(internal) IS 'Binary input function of reaction_summary (validates the state).';
COMMENT ON FUNCTION activity_report.reaction_summary_send(activity_report.reaction_summary) IS 'Binary output function of reaction_summary.';
CREATE FUNCTION activity_report_internal.reaction_summary_final(internal) RETURNS activity_report.reaction_summary
    LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_reaction_summary_final';
COMMENT ON FUNCTION activity_report_internal.reaction_summary_final(internal) IS 'Final function of the aggregates that return a reaction_summary.';
CREATE FUNCTION activity_report_internal.reaction_rollup_sfunc(internal, activity_report.reaction_summary) RETURNS internal
    LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_reaction_rollup_sfunc';
COMMENT ON FUNCTION activity_report_internal.reaction_rollup_sfunc(internal, activity_report.reaction_summary) IS 'Transition function of rollup(reaction_summary).';
CREATE AGGREGATE activity_report.rollup(activity_report.reaction_summary) (
    SFUNC = activity_report_internal.reaction_rollup_sfunc, STYPE = internal, FINALFUNC = activity_report_internal.reaction_summary_final,
    COMBINEFUNC = activity_report_internal.reaction_combine, SERIALFUNC = activity_report_internal.reaction_serialize,
    DESERIALFUNC = activity_report_internal.reaction_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE activity_report.rollup(activity_report.reaction_summary) IS 'Combines reaction summaries (e.g. daily ones into a month): the same as summarising their raw events at once.';

CREATE TYPE activity_report.watch_summary;
CREATE FUNCTION activity_report.watch_summary_in(cstring) RETURNS activity_report.watch_summary
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_watch_summary_in';
CREATE FUNCTION activity_report.watch_summary_out(activity_report.watch_summary) RETURNS cstring
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_summary_out';
CREATE FUNCTION activity_report.watch_summary_recv(internal) RETURNS activity_report.watch_summary
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_watch_summary_recv';
CREATE FUNCTION activity_report.watch_summary_send(activity_report.watch_summary) RETURNS bytea
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_summary_send';
CREATE TYPE activity_report.watch_summary (INPUT = activity_report.watch_summary_in, OUTPUT = activity_report.watch_summary_out,
    RECEIVE = activity_report.watch_summary_recv, SEND = activity_report.watch_summary_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended);
COMMENT ON TYPE activity_report.watch_summary IS 'Stored partial state of watched_fraction: the largest explicit percentage and the number of unmarked watch-progress events. Text form: the bytea hex form of its bytes (summary format 1: a version byte, the kind, big-endian fields; 0.1.0''s bytes still read).';
COMMENT ON FUNCTION activity_report.watch_summary_in(cstring) IS 'Input function of watch_summary (validates the state).';
COMMENT ON FUNCTION activity_report.watch_summary_out(activity_report.watch_summary) IS 'Output function of watch_summary.';
COMMENT ON FUNCTION activity_report.watch_summary_recv(internal) IS 'Binary input function of watch_summary (validates the state).';
COMMENT ON FUNCTION activity_report.watch_summary_send(activity_report.watch_summary) IS 'Binary output function of watch_summary.';
CREATE FUNCTION activity_report_internal.watch_summary_final(internal) RETURNS activity_report.watch_summary
    LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_watch_summary_final';
COMMENT ON FUNCTION activity_report_internal.watch_summary_final(internal) IS 'Final function of the aggregates that return a watch_summary.';
CREATE FUNCTION activity_report_internal.watch_rollup_sfunc(internal, activity_report.watch_summary) RETURNS internal
    LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_watch_rollup_sfunc';
COMMENT ON FUNCTION activity_report_internal.watch_rollup_sfunc(internal, activity_report.watch_summary) IS 'Transition function of rollup(watch_summary).';
CREATE AGGREGATE activity_report.rollup(activity_report.watch_summary) (
    SFUNC = activity_report_internal.watch_rollup_sfunc, STYPE = internal, FINALFUNC = activity_report_internal.watch_summary_final,
    COMBINEFUNC = activity_report_internal.watch_combine, SERIALFUNC = activity_report_internal.watch_serialize,
    DESERIALFUNC = activity_report_internal.watch_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE activity_report.rollup(activity_report.watch_summary) IS 'Combines watch summaries (e.g. daily ones into a month): the same as summarising their raw events at once.';

CREATE AGGREGATE activity_report.minutes_viewed_summary(user_id text, content_id text, action text, occurred_at timestamptz) (
    SFUNC = activity_report_internal.presence_minutes_sfunc, STYPE = internal, FINALFUNC = activity_report_internal.presence_summary_final,
    COMBINEFUNC = activity_report_internal.presence_combine, SERIALFUNC = activity_report_internal.presence_serialize,
    DESERIALFUNC = activity_report_internal.presence_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE activity_report.minutes_viewed_summary(text, text, text, timestamptz) IS 'The presence_summary of minutes_viewed(user_id, content_id, action, occurred_at): store it, rollup() it, read it with minutes_viewed(summary).';

CREATE AGGREGATE activity_report.minutes_viewed_summary(user_id text, content_id text, action text, occurred_at timestamptz, closes_at timestamptz) (
    SFUNC = activity_report_internal.presence_minutes_sfunc, STYPE = internal, FINALFUNC = activity_report_internal.presence_summary_final,
    COMBINEFUNC = activity_report_internal.presence_combine, SERIALFUNC = activity_report_internal.presence_serialize,
    DESERIALFUNC = activity_report_internal.presence_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE activity_report.minutes_viewed_summary(text, text, text, timestamptz, timestamptz) IS 'The presence_summary of minutes_viewed(user_id, content_id, action, occurred_at, closes_at).';

CREATE AGGREGATE activity_report.engagement_rate_summary(user_id text, content_id text, action text, occurred_at timestamptz, live_starts timestamptz, live_ends timestamptz) (
    SFUNC = activity_report_internal.presence_engagement_sfunc, STYPE = internal, FINALFUNC = activity_report_internal.presence_summary_final,
    COMBINEFUNC = activity_report_internal.presence_combine, SERIALFUNC = activity_report_internal.presence_serialize,
    DESERIALFUNC = activity_report_internal.presence_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE activity_report.engagement_rate_summary(text, text, text, timestamptz, timestamptz, timestamptz) IS 'The presence_summary of engagement_rate(...): store it, rollup() it, read it with engagement_rate(summary).';

CREATE AGGREGATE activity_report.reaction_score_summary(action text, label text) (
    SFUNC = activity_report_internal.reaction_sfunc, STYPE = internal, FINALFUNC = activity_report_internal.reaction_summary_final,
    COMBINEFUNC = activity_report_internal.reaction_combine, SERIALFUNC = activity_report_internal.reaction_serialize,
    DESERIALFUNC = activity_report_internal.reaction_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE activity_report.reaction_score_summary(text, text) IS 'The reaction_summary of reaction_score(action, label): store it, rollup() it, read it with reaction_score(summary).';

CREATE AGGREGATE activity_report.watched_fraction_summary(category text, action text, label text) (
    SFUNC = activity_report_internal.watch_sfunc, STYPE = internal, FINALFUNC = activity_report_internal.watch_summary_final,
    COMBINEFUNC = activity_report_internal.watch_combine, SERIALFUNC = activity_report_internal.watch_serialize,
    DESERIALFUNC = activity_report_internal.watch_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE activity_report.watched_fraction_summary(text, text, text) IS 'The watch_summary of watched_fraction(category, action, label): store it, rollup() it, read it with watched_fraction(summary).';

CREATE FUNCTION activity_report.minutes_viewed(summary activity_report.presence_summary) RETURNS double precision
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_summary_minutes_viewed';
COMMENT ON FUNCTION activity_report.minutes_viewed(activity_report.presence_summary) IS 'minutes_viewed of a presence summary (an open interval closes at the summarised closes_at, if any).';

CREATE FUNCTION activity_report.engagement_rate(summary activity_report.presence_summary) RETURNS double precision
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_summary_engagement_rate';
COMMENT ON FUNCTION activity_report.engagement_rate(activity_report.presence_summary) IS 'engagement_rate of a presence summary made by engagement_rate_summary.';

CREATE FUNCTION activity_report.presence_minutes(summary activity_report.presence_summary, clip_from timestamptz, clip_to timestamptz, open_closes boolean DEFAULT false) RETURNS double precision
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_summary_presence_minutes';
COMMENT ON FUNCTION activity_report.presence_minutes(activity_report.presence_summary, timestamptz, timestamptz, boolean) IS 'Minutes of presence inside [clip_from, clip_to): the sum over the summary''s (user_id, content_id) streams of their presence intervals (sorted by time, a leave before a join at equal times, a join while present and a leave while absent ignored) clipped to the range. An interval still open at the end of its stream closes at clip_to when open_closes is true and clip_to is finite and later than the join; otherwise it counts nothing. The summarised closes_at, live_starts and live_ends are not used (the reports clip presence to a session''s live window and a time range with it, design §8). -infinity and infinity are allowed as bounds.';

CREATE FUNCTION activity_report.reaction_score(summary activity_report.reaction_summary) RETURNS double precision
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_summary_reaction_score';
COMMENT ON FUNCTION activity_report.reaction_score(activity_report.reaction_summary) IS 'reaction_score of a reaction summary.';

CREATE FUNCTION activity_report.watched_fraction(summary activity_report.watch_summary) RETURNS double precision
    LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_summary_watched_fraction';
COMMENT ON FUNCTION activity_report.watched_fraction(activity_report.watch_summary) IS 'watched_fraction of a watch summary.';
