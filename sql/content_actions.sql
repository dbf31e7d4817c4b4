-- Seed 002: every documented Type / Source pair is allowed, spelling quirks included; others are not.
SELECT type, count(*) AS sources FROM activity_report.content_action_sources GROUP BY type ORDER BY type;

SELECT t.type, t.source, activity_report.validate_content_action(t.type, t.source) AS allowed
  FROM (VALUES ('enrollment', 'course_purchase'),
               ('enrollment', 'gift-course-purchase'),      -- as documented (hyphens)
               ('enrollment', 'gift_course_purchase'),      -- the underscore spelling of every other source
               ('status_change', 'Manager_grant_completed'),-- as documented (capital M)
               ('status_change', 'manager_grant_completed'),
               ('STATUS_CHANGE', 'COURSE_COMPLETED'),       -- case-insensitive
               ('revoked_access', 'sso'),
               ('certificate_grant', 'api'),
               ('certificate_grant', 'sso'),                -- sso is not a certificate source
               ('enrollment', 'course_completed'),          -- a status_change source, not an enrollment one
               ('enrollment', ''),
               ('refund', 'course_purchase')) AS t(type, source);
SELECT activity_report.validate_content_action(NULL, 'sso') IS NULL AS strict_on_null;

-- Roles of the pairs that metrics depend on (design §2).
SELECT type, source, roles FROM activity_report.content_action_sources
 WHERE roles OPERATOR(pg_catalog.<>) '{}' AND type <> 'enrollment' ORDER BY type, source;
SELECT count(*) FILTER (WHERE roles = '{enrollment}') AS enrollment_with_role, count(*) AS enrollment_rows
  FROM activity_report.content_action_sources WHERE type = 'enrollment';

-- Classified as events: category = content type, action = Type, label = Source.
SELECT name, roles, details FROM activity_report.classify('content_actions', 'webinar', 'status_change', 'webinar_attended');
SELECT name, roles, details FROM activity_report.classify('content_actions', 'course', 'enrollment', 'Manager_grant_completed');
SELECT * FROM activity_report.validate_event(ROW('2026-01-01', 'u1', 'course', 'certificate_grant', 'reschedule', NULL, NULL, NULL), 'content_actions');
