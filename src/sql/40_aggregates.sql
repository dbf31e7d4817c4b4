-- Metric aggregates (design §5). Support functions are STABLE (they read the taxonomy: roles of an
-- action, polarity of a reaction) and PARALLEL SAFE; states are internal with combine / serialize /
-- deserialize functions, so the planner can use Partial / Finalize Aggregate plans.

CREATE FUNCTION activity_report_internal.presence_minutes_sfunc(internal, text, text, text, timestamptz)
    RETURNS internal LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_presence_minutes_sfunc';
CREATE FUNCTION activity_report_internal.presence_minutes_sfunc(internal, text, text, text, timestamptz, timestamptz)
    RETURNS internal LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_presence_minutes_sfunc';
CREATE FUNCTION activity_report_internal.presence_engagement_sfunc(internal, text, text, text, timestamptz, timestamptz, timestamptz)
    RETURNS internal LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_presence_engagement_sfunc';
CREATE FUNCTION activity_report_internal.presence_combine(internal, internal)
    RETURNS internal LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_presence_combine';
CREATE FUNCTION activity_report_internal.presence_serialize(internal)
    RETURNS bytea LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_presence_serialize';
CREATE FUNCTION activity_report_internal.presence_deserialize(bytea, internal)
    RETURNS internal LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_presence_deserialize';
CREATE FUNCTION activity_report_internal.minutes_viewed_final(internal)
    RETURNS double precision LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_minutes_viewed_final';
CREATE FUNCTION activity_report_internal.engagement_rate_final(internal)
    RETURNS double precision LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_engagement_rate_final';
COMMENT ON FUNCTION activity_report_internal.presence_minutes_sfunc(internal, text, text, text, timestamptz) IS 'Transition function of minutes_viewed (4 arguments).';
COMMENT ON FUNCTION activity_report_internal.presence_minutes_sfunc(internal, text, text, text, timestamptz, timestamptz) IS 'Transition function of minutes_viewed (with closes_at).';
COMMENT ON FUNCTION activity_report_internal.presence_engagement_sfunc(internal, text, text, text, timestamptz, timestamptz, timestamptz) IS 'Transition function of engagement_rate.';
COMMENT ON FUNCTION activity_report_internal.presence_combine(internal, internal) IS 'Combine function of the presence aggregates (minutes_viewed, engagement_rate).';
COMMENT ON FUNCTION activity_report_internal.presence_serialize(internal) IS 'Serialize function of the presence aggregates.';
COMMENT ON FUNCTION activity_report_internal.presence_deserialize(bytea, internal) IS 'Deserialize function of the presence aggregates.';
COMMENT ON FUNCTION activity_report_internal.minutes_viewed_final(internal) IS 'Final function of minutes_viewed.';
COMMENT ON FUNCTION activity_report_internal.engagement_rate_final(internal) IS 'Final function of engagement_rate.';

CREATE AGGREGATE activity_report.minutes_viewed(user_id text, content_id text, action text, occurred_at timestamptz) (
    SFUNC = activity_report_internal.presence_minutes_sfunc, STYPE = internal,
    FINALFUNC = activity_report_internal.minutes_viewed_final,
    COMBINEFUNC = activity_report_internal.presence_combine,
    SERIALFUNC = activity_report_internal.presence_serialize, DESERIALFUNC = activity_report_internal.presence_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE activity_report.minutes_viewed(user_id text, content_id text, action text, occurred_at timestamptz, closes_at timestamptz) (
    SFUNC = activity_report_internal.presence_minutes_sfunc, STYPE = internal,
    FINALFUNC = activity_report_internal.minutes_viewed_final,
    COMBINEFUNC = activity_report_internal.presence_combine,
    SERIALFUNC = activity_report_internal.presence_serialize, DESERIALFUNC = activity_report_internal.presence_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE activity_report.minutes_viewed(text, text, text, timestamptz) IS
  'Total length in minutes of the presence intervals of every (user_id, content_id) stream in the group: actions with role join open presence, role leave closes it (sorted by time, a leave before a join at equal times; a join while present and a leave while absent are ignored). An interval still open at the end contributes nothing. Rows with a NULL argument are skipped.';
COMMENT ON AGGREGATE activity_report.minutes_viewed(text, text, text, timestamptz, timestamptz) IS
  'minutes_viewed where an interval still open at the end of a stream closes at closes_at (the latest non-NULL closes_at of the stream) when that is later than the join.';

CREATE AGGREGATE activity_report.engagement_rate(user_id text, content_id text, action text, occurred_at timestamptz,
                                                 live_starts timestamptz, live_ends timestamptz) (
    SFUNC = activity_report_internal.presence_engagement_sfunc, STYPE = internal,
    FINALFUNC = activity_report_internal.engagement_rate_final,
    COMBINEFUNC = activity_report_internal.presence_combine,
    SERIALFUNC = activity_report_internal.presence_serialize, DESERIALFUNC = activity_report_internal.presence_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE activity_report.engagement_rate(text, text, text, timestamptz, timestamptz, timestamptz) IS
  'Average live engagement rate, 0-100: for each (user_id, content_id) stream, its presence intervals (as in minutes_viewed; an open one closes at live_ends) clipped to [live_starts, live_ends) - the earliest live_starts and latest live_ends of the stream - divided by the window length, times 100; the mean over the streams with any presence in their window (NULL when none). Our logs carry no tab-focus or mute signal, so engagement is the share of the live window during which the viewer had the session open.';

CREATE FUNCTION activity_report_internal.reaction_sfunc(internal, text, text)
    RETURNS internal LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_reaction_sfunc';
CREATE FUNCTION activity_report_internal.reaction_combine(internal, internal)
    RETURNS internal LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_reaction_combine';
CREATE FUNCTION activity_report_internal.reaction_serialize(internal)
    RETURNS bytea LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_reaction_serialize';
CREATE FUNCTION activity_report_internal.reaction_deserialize(bytea, internal)
    RETURNS internal LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_reaction_deserialize';
CREATE FUNCTION activity_report_internal.reaction_score_final(internal)
    RETURNS double precision LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_reaction_score_final';
COMMENT ON FUNCTION activity_report_internal.reaction_sfunc(internal, text, text) IS 'Transition function of reaction_score.';
COMMENT ON FUNCTION activity_report_internal.reaction_combine(internal, internal) IS 'Combine function of reaction_score.';
COMMENT ON FUNCTION activity_report_internal.reaction_serialize(internal) IS 'Serialize function of reaction_score.';
COMMENT ON FUNCTION activity_report_internal.reaction_deserialize(bytea, internal) IS 'Deserialize function of reaction_score.';
COMMENT ON FUNCTION activity_report_internal.reaction_score_final(internal) IS 'Final function of reaction_score.';
CREATE AGGREGATE activity_report.reaction_score(action text, label text) (
    SFUNC = activity_report_internal.reaction_sfunc, STYPE = internal,
    FINALFUNC = activity_report_internal.reaction_score_final,
    COMBINEFUNC = activity_report_internal.reaction_combine,
    SERIALFUNC = activity_report_internal.reaction_serialize, DESERIALFUNC = activity_report_internal.reaction_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE activity_report.reaction_score(text, text) IS
  'Reaction score in [-100, 100], NULL without views: 100 x (positive - negative reactions) / views. Rows whose action has role view are views; rows whose action has role reaction add the polarity (activity_report.reaction_types) of the reaction named in label, or, when the label names no known reaction, of the action itself. 360Learning publishes the range, inputs and bands (green above 50, orange 25-50, red below 25) but not its formula: this formula is ours.';

CREATE FUNCTION activity_report_internal.watch_sfunc(internal, text, text, text)
    RETURNS internal LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_watch_sfunc';
CREATE FUNCTION activity_report_internal.watch_combine(internal, internal)
    RETURNS internal LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_watch_combine';
CREATE FUNCTION activity_report_internal.watch_serialize(internal)
    RETURNS bytea LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_watch_serialize';
CREATE FUNCTION activity_report_internal.watch_deserialize(bytea, internal)
    RETURNS internal LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_watch_deserialize';
CREATE FUNCTION activity_report_internal.watched_fraction_final(internal)
    RETURNS double precision LANGUAGE c IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ar_watched_fraction_final';
COMMENT ON FUNCTION activity_report_internal.watch_sfunc(internal, text, text, text) IS 'Transition function of watched_fraction.';
COMMENT ON FUNCTION activity_report_internal.watch_combine(internal, internal) IS 'Combine function of watched_fraction.';
COMMENT ON FUNCTION activity_report_internal.watch_serialize(internal) IS 'Serialize function of watched_fraction.';
COMMENT ON FUNCTION activity_report_internal.watch_deserialize(bytea, internal) IS 'Deserialize function of watched_fraction.';
COMMENT ON FUNCTION activity_report_internal.watched_fraction_final(internal) IS 'Final function of watched_fraction.';
CREATE AGGREGATE activity_report.watched_fraction(category text, action text, label text) (
    SFUNC = activity_report_internal.watch_sfunc, STYPE = internal,
    FINALFUNC = activity_report_internal.watched_fraction_final,
    COMBINEFUNC = activity_report_internal.watch_combine,
    SERIALFUNC = activity_report_internal.watch_serialize, DESERIALFUNC = activity_report_internal.watch_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE activity_report.watched_fraction(text, text, text) IS
  'Fraction 0-1 of a video watched, over one viewer''s events on it: the largest explicit percentage among watch-progress events (YouTube 50% in the category, a label that is a percentage such as 50%), or 0.1 per watch-progress event without one (seed 001 logs one per additional 10%), whichever is larger, capped at 1. Completion rate = 100 x watched fraction; on-demand minutes = watched fraction x duration.';
