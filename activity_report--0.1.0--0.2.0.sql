-- activity_report upgrade 0.1.0 -> 0.2.0. Every change to src/sql since 0.1.0 is repeated here, so that
-- ALTER EXTENSION activity_report UPDATE leaves a database identical to CREATE EXTENSION ... VERSION '0.2.0'
-- (scripts/test.sh: test/upgrade). Same rules as the install script: schema-qualified, search_path pinned.
\echo Use "ALTER EXTENSION activity_report UPDATE TO '0.2.0'" to load this file. \quit
