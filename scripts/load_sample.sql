-- Loads the bundled sample data set (data/sample) into activity_report; invalid rows are kept in
-- rejected_events. Run with psql from the repository root.
\set ON_ERROR_STOP on
\copy activity_report.users (user_id, first_name, last_name, company, email, role, industry, country, additional_information, tags, portal, deleted) FROM 'data/sample/users.csv' WITH (FORMAT csv, HEADER true)
\copy activity_report.contents (content_id, content_type, name, slug, parent_id, starts_at, ends_at, duration, status, author, group_id, portal) FROM 'data/sample/contents.csv' WITH (FORMAT csv, HEADER true)
SET activity_report.on_invalid = 'reject';
\copy activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, content_name, content_slug, portal, source_ref) FROM 'data/sample/events.csv' WITH (FORMAT csv, HEADER true)
RESET activity_report.on_invalid;
