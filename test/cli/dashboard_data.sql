-- Data of test/cli/dashboard.sh: a curated user (dana) whose every dashboard number is computed by hand
-- below, a user without events (eve) and a user with 60 sessions (lena) whose table spans pages.
-- Rules (design §6, seed 003): live minutes = presence clipped to [starts_at, ends_at) (an open join closes at
-- ends_at); engagement = live minutes / window; recording minutes = watched fraction of watch events after
-- ends_at x duration (each exporter "Watch" is 10 %); on-demand minutes = watched fraction x duration.
INSERT INTO activity_report.users (user_id, first_name, last_name, role, company, industry, country) VALUES
  ('dana', 'Dana', 'Scully', 'Attendee', 'R&D <Labs> "West"', 'Research', 'US'),
  ('eve', 'Eve', 'Moneypenny', 'Speaker', 'MI6', NULL, 'GB'),
  ('lena', 'Lena', 'Long', 'Attendee', 'Many Sessions Ltd', 'Media', 'DE');
INSERT INTO activity_report.contents (content_id, content_type, name, starts_at, ends_at, duration) VALUES
  ('k1', 'OTSession', 'Opening Keynote', '2026-05-04 09:00+00', '2026-05-04 10:00+00', '60 minutes'),
  ('k2', 'BreakoutOTSession', 'Design Breakout', '2026-05-04 11:00+00', '2026-05-04 11:45+00', NULL),
  ('k3', 'GroupOTSession', 'Roundtable', '2026-05-04 14:00+00', '2026-05-04 15:30+00', '90 minutes'),
  ('v1', 'video', 'Product Tour', NULL, NULL, '12 minutes'),
  ('v2', 'video', 'Customer Story', NULL, NULL, '25 minutes');
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id) VALUES
  -- k1 (60-minute window): joined 09:05-09:45 (40) and 09:50-open, closed at 10:00 (10): 50 live minutes,
  -- 50/60 = 83.33 % -> 83.3%. Three watch events after 10:00: 0.3 x 60 = 18 recording minutes. Minutes viewed
  -- 50 + 18 = 68.0. Two reactions, one raised hand, two chat messages, one poll, one download (slides.pdf).
  ('activity_exporter', '2026-05-04 08:58+00', 'dana', 'Content - OTSession', 'View', 'N/A', 'k1'),
  ('activity_exporter', '2026-05-04 09:05+00', 'dana', 'Content - OTSession', 'Join', 'N/A', 'k1'),
  ('activity_exporter', '2026-05-04 09:10+00', 'dana', 'Content - OTSession', 'Emoji', 'Love', 'k1'),
  ('activity_exporter', '2026-05-04 09:12+00', 'dana', 'Content - OTSession', 'Emoji', 'Love', 'k1'),
  ('activity_exporter', '2026-05-04 09:20+00', 'dana', 'Content - OTSession', 'Raise Hand', 'N/A', 'k1'),
  ('activity_exporter', '2026-05-04 09:21+00', 'dana', 'Content - OTSession', 'Chat', 'hello', 'k1'),
  ('activity_exporter', '2026-05-04 09:25+00', 'dana', 'Question - Poll', 'Answer', 'Yes', 'k1'),
  ('activity_exporter', '2026-05-04 09:30+00', 'dana', 'Content - OTSession', 'Chat', 'thanks', 'k1'),
  ('activity_exporter', '2026-05-04 09:40+00', 'dana', 'Download', 'Download', 'slides.pdf', 'k1'),
  ('activity_exporter', '2026-05-04 09:45+00', 'dana', 'Content - OTSession', 'Leave', 'N/A', 'k1'),
  ('activity_exporter', '2026-05-04 09:50+00', 'dana', 'Content - OTSession', 'Join', 'N/A', 'k1'),
  ('activity_exporter', '2026-05-04 10:30+00', 'dana', 'Content - OTSession', 'Watch', 'N/A', 'k1'),
  ('activity_exporter', '2026-05-04 10:40+00', 'dana', 'Content - OTSession', 'Watch', 'N/A', 'k1'),
  ('activity_exporter', '2026-05-04 10:50+00', 'dana', 'Content - OTSession', 'Watch', 'N/A', 'k1'),
  -- k2 (45-minute window): 11:00-11:20 = 20 live minutes, 20/45 = 44.44 % -> 44.4%. One Q&A thread, one poll,
  -- two downloads (notes.docx, and slides.pdf again: a file already counted).
  ('activity_exporter', '2026-05-04 11:00+00', 'dana', 'Content - BreakoutOTSession', 'Join', 'N/A', 'k2'),
  ('activity_exporter', '2026-05-04 11:05+00', 'dana', 'Content - BreakoutOTSession', 'Question', 'why?', 'k2'),
  ('activity_exporter', '2026-05-04 11:10+00', 'dana', 'Download', 'Download', 'notes.docx', 'k2'),
  ('activity_exporter', '2026-05-04 11:12+00', 'dana', 'Question - Poll', 'Answer', 'B', 'k2'),
  ('activity_exporter', '2026-05-04 11:15+00', 'dana', 'Download', 'Download', 'slides.pdf', 'k2'),
  ('activity_exporter', '2026-05-04 11:20+00', 'dana', 'Content - BreakoutOTSession', 'Leave', 'N/A', 'k2'),
  -- k3 (90-minute window): 14:00-14:07 = 7 live minutes, 7/90 = 7.78 % -> 7.8%. One reaction.
  ('activity_exporter', '2026-05-04 14:00+00', 'dana', 'Content - GroupOTSession', 'Join', 'N/A', 'k3'),
  ('activity_exporter', '2026-05-04 14:05+00', 'dana', 'Content - GroupOTSession', 'Emoji', 'Love', 'k3'),
  ('activity_exporter', '2026-05-04 14:07+00', 'dana', 'Content - GroupOTSession', 'Leave', 'N/A', 'k3'),
  -- v1: a play and four watch events: 0.4 x 12 = 4.8 minutes, 40.0% complete. v2: YouTube 70 %: 0.7 x 25 = 17.5
  -- minutes, 70.0% complete.
  ('activity_exporter', '2026-05-04 16:00+00', 'dana', 'Content - video', 'Play', 'N/A', 'v1'),
  ('activity_exporter', '2026-05-04 16:01+00', 'dana', 'Content - video', 'Watch', 'N/A', 'v1'),
  ('activity_exporter', '2026-05-04 16:02+00', 'dana', 'Content - video', 'Watch', 'N/A', 'v1'),
  ('activity_exporter', '2026-05-04 16:03+00', 'dana', 'Content - video', 'Watch', 'N/A', 'v1'),
  ('activity_exporter', '2026-05-04 16:04+00', 'dana', 'Content - video', 'Watch', 'N/A', 'v1'),
  ('event_platform', '2026-05-04 17:00+00', 'dana', 'YouTube 70%', 'Watched YouTube', 'xyz987', 'v2');
-- dana in all: live 50 + 20 + 7 = 77.0, recordings 18.0, on demand 4.8 + 17.5 = 22.3, total 117.3 minutes;
-- 3 sessions, 2 videos; average live engagement (50/60 + 20/45 + 7/90) / 3 = 122/270 = 45.19 % -> 45.2%;
-- 3 reactions, 2 chat messages, 2 poll responses (one poll per session), 1 Q&A thread, 2 distinct attachments.

-- lena: 60 sessions "Track session 001".."Track session 060", one per hour from 2026-06-01 00:00, each a
-- 30-minute window; she joins at the start and leaves after 1 + (i mod 29) minutes: session i has
-- 1 + i % 29 minutes and an engagement of that / 30 (session 042: 14 minutes, 46.7%).
INSERT INTO activity_report.contents (content_id, content_type, name, starts_at, ends_at)
SELECT format('t%s', i), 'OTSession', format('Track session %s', lpad(i::text, 3, '0')),
       '2026-06-01 00:00+00'::timestamptz + make_interval(hours => i),
       '2026-06-01 00:30+00'::timestamptz + make_interval(hours => i)
  FROM generate_series(1, 60) i;
INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id)
SELECT 'activity_exporter', '2026-06-01 00:00+00'::timestamptz + make_interval(hours => i, mins => m), 'lena',
       'Content - OTSession', a, 'N/A', format('t%s', i)
  FROM generate_series(1, 60) i
 CROSS JOIN LATERAL (VALUES ('Join', 0), ('Leave', 1 + i % 29)) e(a, m);
