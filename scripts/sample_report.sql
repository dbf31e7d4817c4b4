-- The report printed by scripts/main.sh: what the sample events are, by vocabulary and kind, and what
-- was rejected and why.
\pset footer off
\echo
\echo 'Events by vocabulary and activity kind'
SELECT e.vocabulary, k.section, k.name AS kind, pg_catalog.array_to_string(k.roles, ',') AS roles,
       pg_catalog.count(*) AS events, pg_catalog.count(DISTINCT e.user_id) AS users
  FROM activity_report.events e
  JOIN activity_report.activity_kinds k USING (kind_id)
 GROUP BY 1, 2, 3, 4
 ORDER BY 1, 2, 3;
\echo 'Activity rows (sitewide activity layout)'
SELECT e.user_id, u.first_name AS first, u.last_name AS last, u.company, u.email, e.category, e.action,
       e.label, e.occurred_at AS date, e.content_id, e.content_name, e.details
  FROM activity_report.events e
  LEFT JOIN activity_report.users u USING (user_id)
 ORDER BY e.occurred_at, e.event_id
 LIMIT 12;
\echo 'Rejected rows'
SELECT source_ref, vocabulary, category, action, label, reason
  FROM activity_report.rejected_events ORDER BY rejected_id;
\echo 'Live sessions: minutes viewed and live engagement rate per user (metric aggregates)'
SELECT e.user_id, c.name AS session,
       round(activity_report.minutes_viewed(e.user_id, e.content_id, e.action, e.occurred_at, c.ends_at)::numeric, 1) AS minutes_viewed,
       round(activity_report.engagement_rate(e.user_id, e.content_id, e.action, e.occurred_at, c.starts_at, c.ends_at)::numeric, 1) AS engagement_rate
  FROM activity_report.events e
  JOIN activity_report.contents c USING (content_id)
  JOIN activity_report.content_types t USING (content_type)
 WHERE t.is_live
 GROUP BY 1, 2 ORDER BY 1, 2;
\echo 'Courses: reaction score (views = starts; reactions on the course and its activities)'
SELECT coalesce(c.parent_id, c.content_id) AS course_id,
       activity_report.reaction_score(e.action, e.label) AS reaction_score
  FROM activity_report.events e JOIN activity_report.contents c USING (content_id)
 WHERE e.vocabulary = 'collaborative'
 GROUP BY 1;
