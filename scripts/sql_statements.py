#!/usr/bin/env python3
"""Prints the statements of src/sql that create or comment the named objects, in file order: a helper
for writing the hand-written upgrade script (activity_report--A--B.sql) from the current full script.

  scripts/sql_statements.py NAME...   NAME: a qualified object name, e.g. activity_report.user_sessions

A NAME the old version has is written with CREATE OR REPLACE; prefix a new object's name with + to keep
its plain CREATE (which fails, rather than replaces, if someone else made an object of that name)."""
import glob, os, re, sys

def statements(text):
    out, cur, quote = [], [], None
    for line in text.splitlines(keepends=True):
        cur.append(line)
        for tag in re.findall(r'\$[A-Za-z_]*\$', line):
            if quote is None:
                quote = tag
            elif tag == quote:
                quote = None
        if quote is None and line.rstrip().endswith(';'):
            out.append(''.join(cur)); cur = []
    return out

def main(argv):
    new = {a[1:] for a in argv if a.startswith('+')}
    names = {a.lstrip('+') for a in argv}
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'sql')
    for path in sorted(glob.glob(os.path.join(root, '*.sql'))):
        for st in statements(open(path).read()):
            body = re.sub(r'^(\s*(--[^\n]*)?\n)*', '', st)
            m = re.match(r'(CREATE (?:FUNCTION|VIEW|AGGREGATE)|COMMENT ON (?:FUNCTION|VIEW|COLUMN|AGGREGATE))\s+([\w."]+)', body)
            if not m:
                continue
            target = m.group(2)
            if m.group(1) == 'COMMENT ON COLUMN':
                target = target.rsplit('.', 1)[0]
            if target not in names:
                continue
            if target not in new and m.group(1).startswith('CREATE '):
                st = st.replace(m.group(1), m.group(1).replace('CREATE ', 'CREATE OR REPLACE ', 1), 1)
            sys.stdout.write(st)
            if not st.endswith('\n'):
                sys.stdout.write('\n')

main(sys.argv[1:])
