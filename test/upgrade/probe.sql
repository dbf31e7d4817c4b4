-- What users of a database see: the values of the stored summaries (also combined with rollup()), the
-- taxonomy's user rows, rejected rows, and every report as the reader bound to portal acme. run.sh compares
-- the output before and after ALTER EXTENSION ... UPDATE, and with a fresh install holding the same data.
\set ON_ERROR_STOP on
\pset format unaligned
\pset null '(null)'
SET extra_float_digits = 3;
SELECT 'summary', portal, user_id, activity_report.minutes_viewed(presence), activity_report.engagement_rate(engagement),
       activity_report.reaction_score(reactions), activity_report.watched_fraction(watch)
  FROM public.kept_summaries ORDER BY portal, user_id;
SELECT 'rollup', portal, activity_report.minutes_viewed(activity_report.rollup(presence)),
       activity_report.engagement_rate(activity_report.rollup(engagement)),
       activity_report.reaction_score(activity_report.rollup(reactions)), activity_report.watched_fraction(activity_report.rollup(watch))
  FROM public.kept_summaries GROUP BY portal ORDER BY portal;
-- The same metrics straight from the raw events: a stored summary must agree with them.
SELECT 'raw', e.portal, e.user_id, activity_report.minutes_viewed(e.user_id, e.content_id, e.action, e.occurred_at),
       activity_report.engagement_rate(e.user_id, e.content_id, e.action, e.occurred_at, c.starts_at, c.ends_at),
       activity_report.reaction_score(e.action, e.label), activity_report.watched_fraction(e.category, e.action, e.label)
  FROM activity_report.events e LEFT JOIN activity_report.contents c USING (content_id, portal)
 GROUP BY e.portal, e.user_id ORDER BY 2, 3;
SELECT 'user taxonomy', v.* FROM activity_report.vocabularies v WHERE NOT seeded ORDER BY 2;
SELECT 'user taxonomy', k.vocabulary, k.section, k.name, k.category_pattern, k.action_pattern, k.label_pattern, k.roles
  FROM activity_report.activity_kinds k WHERE NOT seeded ORDER BY k.name;
SELECT 'user taxonomy', r.* FROM activity_report.reaction_types r WHERE NOT seeded;
SELECT 'event', e.source_ref, e.vocabulary, e.category, e.action, e.label, k.name AS kind, e.details
  FROM activity_report.events e LEFT JOIN activity_report.activity_kinds k USING (kind_id) ORDER BY e.source_ref;
SELECT 'rejected', source_ref, vocabulary, occurred_at, category, action, label, reason FROM activity_report.rejected_events ORDER BY source_ref;

-- Partitioned events (0.2.0): rows per partition, and the identity goes on where it was.
SELECT 'partition', tableoid::regclass, count(*), min(event_id), max(event_id) FROM activity_report.events GROUP BY 1, 2 ORDER BY 2::text;
SELECT 'identity', last_value, is_called FROM activity_report.events_event_id_seq;
SET ROLE ar_upgrade_reader;
SELECT 'reader events', count(*), count(*) FILTER (WHERE portal = 'acme') FROM activity_report.events;
SELECT 'sitewide_activity', * FROM activity_report.sitewide_activity('-infinity', 'infinity');
SELECT 'sitewide_activity_v', * FROM activity_report.sitewide_activity_v ORDER BY event_id;  -- a view: no order of its own
SELECT 'user_activity_export', * FROM activity_report.user_activity_export('-infinity', 'infinity');
SELECT 'user_activity_export_v', v.* FROM activity_report.user_activity_export_v v ORDER BY v::text;  -- a view: no order of its own
SELECT 'unique_users', * FROM activity_report.unique_users('-infinity', 'infinity');
SELECT 'unique_users_v', v.* FROM activity_report.unique_users_v v ORDER BY v::text;  -- a view: no order of its own
SELECT 'content_actions_log', * FROM activity_report.content_actions_log('-infinity', 'infinity');
SELECT 'content_actions_log_json', activity_report.content_actions_log_json('-infinity', 'infinity');
SELECT 'content_actions_log_v', v.* FROM activity_report.content_actions_log_v v ORDER BY v::text;  -- a view: no order of its own
SELECT 'user_analytics', * FROM activity_report.user_analytics('acme-u1');
SELECT 'user_analytics other portal', * FROM activity_report.user_analytics('globex-u1');
SELECT 'user_analytics_v', v.* FROM activity_report.user_analytics_v v ORDER BY v::text;  -- a view: no order of its own
SELECT 'user_sessions', * FROM activity_report.user_sessions('acme-u1');
SELECT 'user_sessions_v', v.* FROM activity_report.user_sessions_v v ORDER BY v::text;  -- a view: no order of its own
SELECT 'user_on_demand', * FROM activity_report.user_on_demand('acme-u1');
SELECT 'user_on_demand_v', v.* FROM activity_report.user_on_demand_v v ORDER BY v::text;  -- a view: no order of its own
SELECT 'user_attachments', * FROM activity_report.user_attachments('acme-u1');
SELECT 'user_attachments_v', v.* FROM activity_report.user_attachments_v v ORDER BY v::text;  -- a view: no order of its own
SELECT 'collaborative_users', * FROM activity_report.collaborative_users('acme-g1');
SELECT 'collaborative_users_v', v.* FROM activity_report.collaborative_users_v v ORDER BY v::text;  -- a view: no order of its own
SELECT 'collaborative_groups', * FROM activity_report.collaborative_groups();
SELECT 'collaborative_groups (view)', v.* FROM activity_report.collaborative_groups v ORDER BY v::text;  -- a view: no order of its own
SELECT 'course_activity_engagement', * FROM activity_report.course_activity_engagement('acme-c1');
SELECT 'course_activity_engagement_v', v.* FROM activity_report.course_activity_engagement_v v ORDER BY v::text;  -- a view: no order of its own
SELECT 'collaborative_courses', * FROM activity_report.collaborative_courses();
SELECT 'collaborative_courses (view)', v.* FROM activity_report.collaborative_courses v ORDER BY v::text;  -- a view: no order of its own
SELECT 'kept summaries as reader', portal, activity_report.minutes_viewed(presence) FROM public.kept_summaries ORDER BY 2, 3;
RESET ROLE;
