-- The seeded taxonomy (design §2): vocabularies, kinds per vocabulary and section, the literal examples
-- of the help pages, the roles metrics depend on, content and reaction types.
SELECT vocabulary, title, count(k.kind_id) AS kinds
  FROM activity_report.vocabularies v LEFT JOIN activity_report.activity_kinds k USING (vocabulary)
 GROUP BY 1, 2 ORDER BY 1;
SELECT vocabulary, section, count(*) AS kinds
  FROM activity_report.activity_kinds GROUP BY 1, 2 ORDER BY 1, min(kind_id);
SELECT bool_and(seeded) AS all_seeded FROM activity_report.activity_kinds;

-- The literal examples of seed 000 are kept exactly.
SELECT category_pattern, action_pattern, label_pattern, roles FROM activity_report.activity_kinds
 WHERE vocabulary = 'event_platform'
   AND (category_pattern LIKE '%- [Question name]' OR action_pattern LIKE 'Watched %' OR category_pattern = 'Clicked')
 ORDER BY kind_id;
SELECT kind_id IS NOT NULL AS classified, name, details
  FROM activity_report.classify('event_platform', 'Clicked', 'Schedule Row', '/main/live/panels/sessionname');
SELECT name, details FROM activity_report.classify('event_platform', 'YouTube 50%', 'Watched YouTube', 'mcDnMbJwFCA');
SELECT name, details FROM activity_report.classify('event_platform', 'Poll - Favourite language', 'Question', 'COBOL');

-- Seed quirks: the doubled "Content - Content - Lesson" classifies like "Content - Lesson".
SELECT section, name, roles FROM activity_report.classify('activity_exporter', 'Content - Content - Lesson', 'Complete', 'N/A');
SELECT section, name, roles FROM activity_report.classify('activity_exporter', 'Content - Lesson', 'Complete', 'N/A');
SELECT section, name, roles FROM activity_report.classify('activity_exporter', 'Content - Course', 'Complete', 'N/A');
SELECT section, name, details FROM activity_report.classify('activity_exporter', 'Content - OTSession', 'Complete', 'N/A');

-- Every seeded kind recognises an example built from its own patterns (placeholders filled with a
-- value of their type). The only exceptions are kinds whose patterns repeat an earlier kind's exactly
-- (the help page lists them in two sections); those classify to the earlier kind.
CREATE TEMP TABLE examples AS
SELECT k.kind_id, k.vocabulary, k.section, k.name,
       e.category, e.action, e.label
  FROM activity_report.activity_kinds k,
  LATERAL (SELECT array_agg(x ORDER BY n) AS filled FROM unnest(ARRAY[k.category_pattern, k.action_pattern, k.label_pattern]) WITH ORDINALITY AS p(pattern, n),
           LATERAL (SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
                      split_part(pattern, '|', 1),
                      '\[[^]]*[Pp]ercent[^]]*\]', '50%', 'g'),
                      '\[[^]]*[0-9]+-([0-9]+)\]', '\1', 'g'),
                      '\[Post ID \+[^]]*\]', '4711 + hello', 'g'),
                      '\[#ID\]', '#42', 'g'),
                      '\[[^]]*(URL|url)[^]]*\]', 'https://example.com/x', 'g'),
                      '\[[^]]*([Cc]redits|[Nn]umber)[^]]*\]', '3', 'g'),
                      '\[[^]]*[Ss]lug[^]]*\]', '/main/x', 'g'),
                      '\[[^]]*\]', 'Sample', 'g') AS x) f) ex,
  LATERAL (SELECT ex.filled[1] AS category, ex.filled[2] AS action, ex.filled[3] AS label) e;
SELECT x.vocabulary, x.section, x.name, x.category, x.action, x.label, c.kind_id AS classified_as,
       (SELECT section || ' / ' || name FROM activity_report.activity_kinds WHERE kind_id = c.kind_id) AS classified_kind
  FROM examples x
  LEFT JOIN LATERAL activity_report.classify(x.vocabulary, x.category, x.action, x.label) c ON true
 WHERE c.kind_id IS DISTINCT FROM x.kind_id
 ORDER BY x.kind_id;

-- Roles of the seed kinds that metrics depend on (design §2).
SELECT vocabulary, role, string_agg(DISTINCT action_pattern, ', ' ORDER BY action_pattern) AS actions
  FROM activity_report.activity_kinds, unnest(roles) AS role
 GROUP BY 1, 2 ORDER BY 1, 2;

SELECT content_type, is_session, is_live FROM activity_report.content_types ORDER BY is_live DESC, is_session DESC, content_type;
SELECT reaction, polarity FROM activity_report.reaction_types ORDER BY polarity DESC, reaction;
