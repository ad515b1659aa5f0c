-- The views of `delib query`, over the files `delib extract --out <dir>` writes.
-- src/query/views.ts reads this file, puts the path of each file named in double braces in as a SQL
-- string literal (quotes doubled) and runs the statements.
--
-- The three files are read with explicit column types, never auto-detected: a field that is null
-- (or []) across a whole output folder would otherwise come out as JSON or NULL typed, and a query
-- that works on one folder would fail on another. Keys the types do not list are ignored; a listed
-- key missing from a line reads as NULL. Field names of `deliberations` and of the nested structs
-- are the contract's (RECORD.md: camelCase, DuckDB identifiers ignore case); the views derived from
-- it use snake_case columns. Money is DECIMAL(18,2): euros with cents, summed exactly.
-- Indexes (member_index, amount_index, ...) count from 0, as the paths of provenance and
-- confidence do (e.g. provenance['attendance.members.3.name'] is member_index 3).

-- deliberations: one row per record of deliberations.jsonl, every field of the contract
--   (RECORD.md), nested objects as STRUCTs, arrays as LISTs, provenance and confidence as MAPs
--   keyed by the field's dotted path:
--   schemaVersion, id, source{path, sha256, kind, pages}, format, council{name, body},
--   sitting{date, place, president, secretary, openedAt, closedAt, membersInOffice},
--   number, report, title, rapporteur{name, role}, commission, budget{line, planned, operation},
--   amounts[{value, currency, label, text}], vote{yes, no, abstain, notVoting, unanimous, outcome,
--   named{no[], abstain[], notVoting[]}}, attendance{counts{inOffice, present, remote, absent,
--   proxies, voters}, members[{name, civility, commune, status, substitute{name, civility},
--   proxyTo}], proxies[{from, to, text}]}, signatory{name, role}, annexes[{title, page,
--   duplicateOf, similarity}], budgetTables[{title, rows[{label, value, text, kind, group}],
--   total}], prefecture{id, department, siren, actDate, actNumber, nature, sentAt, receivedAt,
--   publishedAt, executoryAt}, provenance MAP(path → {page, start, end, text}),
--   confidence MAP(path → 0..1), issues[{severity, ruleId, message, place{page, start, end},
--   related[{page, start, end}]}].
--   Dates and times stay ISO strings as printed by the contract (VARCHAR: they sort as dates).
CREATE OR REPLACE VIEW deliberations AS
SELECT *
FROM read_json({{deliberations.jsonl}}, format = 'newline_delimited', records = true, columns = {
  schemaVersion: 'VARCHAR',
  id: 'VARCHAR',
  source: 'STRUCT(path VARCHAR, sha256 VARCHAR, kind VARCHAR, pages INTEGER)',
  format: 'VARCHAR',
  council: 'STRUCT(name VARCHAR, body VARCHAR)',
  sitting: 'STRUCT(date VARCHAR, place VARCHAR, president VARCHAR, secretary VARCHAR, openedAt VARCHAR, closedAt VARCHAR, membersInOffice INTEGER)',
  number: 'VARCHAR',
  report: 'VARCHAR',
  title: 'VARCHAR',
  rapporteur: 'STRUCT(name VARCHAR, role VARCHAR)',
  commission: 'VARCHAR',
  budget: 'STRUCT(line VARCHAR, planned DECIMAL(18,2), operation DECIMAL(18,2))',
  amounts: 'STRUCT(value DECIMAL(18,2), currency VARCHAR, label VARCHAR, text VARCHAR)[]',
  vote: 'STRUCT(yes INTEGER, no INTEGER, abstain INTEGER, notVoting INTEGER, unanimous BOOLEAN, outcome VARCHAR, named STRUCT(no VARCHAR[], abstain VARCHAR[], notVoting VARCHAR[]))',
  attendance: 'STRUCT(counts STRUCT(inOffice INTEGER, present INTEGER, remote INTEGER, absent INTEGER, proxies INTEGER, voters INTEGER), members STRUCT(name VARCHAR, civility VARCHAR, commune VARCHAR, status VARCHAR, substitute STRUCT(name VARCHAR, civility VARCHAR), proxyTo VARCHAR)[], proxies STRUCT("from" VARCHAR, "to" VARCHAR, text VARCHAR)[])',
  signatory: 'STRUCT(name VARCHAR, role VARCHAR)',
  annexes: 'STRUCT(title VARCHAR, page INTEGER, duplicateOf INTEGER, similarity DOUBLE)[]',
  budgetTables: 'STRUCT(title VARCHAR, "rows" STRUCT(label VARCHAR, value DECIMAL(18,2), text VARCHAR, kind VARCHAR, "group" VARCHAR)[], total DECIMAL(18,2))[]',
  prefecture: 'STRUCT(id VARCHAR, department VARCHAR, siren VARCHAR, actDate VARCHAR, actNumber VARCHAR, nature VARCHAR, sentAt VARCHAR, receivedAt VARCHAR, publishedAt VARCHAR, executoryAt VARCHAR)',
  provenance: 'MAP(VARCHAR, STRUCT(page INTEGER, "start" INTEGER, "end" INTEGER, text VARCHAR))',
  confidence: 'MAP(VARCHAR, DOUBLE)',
  issues: 'STRUCT(severity VARCHAR, ruleId VARCHAR, message VARCHAR, place STRUCT(page INTEGER, "start" INTEGER, "end" INTEGER), related STRUCT(page INTEGER, "start" INTEGER, "end" INTEGER)[])[]'
});

-- documents: one row per line of documents.jsonl (one per input document):
--   path, sha256, kind, pages, status (ok | partial | failed), reason (why it failed, else NULL),
--   format (rules id@version, or NULL), records (deliberations read from it),
--   timings MAP(stage → ms, NULL unless extract ran with --timings),
--   issues[{severity, ruleId, message, place, related}] (the document-level issues),
--   running[{kind, text, pages[], places[]}] (running headers and footers),
--   pageSources[{page, source, reason, confidence}] (PDFs: text layer or OCR, per page).
CREATE OR REPLACE VIEW documents AS
SELECT *
FROM read_json({{documents.jsonl}}, format = 'newline_delimited', records = true, columns = {
  path: 'VARCHAR',
  sha256: 'VARCHAR',
  kind: 'VARCHAR',
  pages: 'INTEGER',
  status: 'VARCHAR',
  reason: 'VARCHAR',
  format: 'VARCHAR',
  records: 'INTEGER',
  timings: 'MAP(VARCHAR, DOUBLE)',
  issues: 'STRUCT(severity VARCHAR, ruleId VARCHAR, message VARCHAR, place STRUCT(page INTEGER, "start" INTEGER, "end" INTEGER), related STRUCT(page INTEGER, "start" INTEGER, "end" INTEGER)[])[]',
  running: 'STRUCT(kind VARCHAR, text VARCHAR, pages INTEGER[], places STRUCT(page INTEGER, "start" INTEGER, "end" INTEGER)[])[]',
  pageSources: 'STRUCT(page INTEGER, source VARCHAR, reason VARCHAR, confidence DOUBLE)[]'
});

-- issues: one row per line of issues.jsonl (every issue of every document and record):
--   path (the document), deliberation_id (the record's id; NULL for a document-level issue),
--   severity (error | warning | info), rule_id, message, page, start_offset, end_offset (where in
--   the document's text; NULL when the issue has no place), related[{page, start, end}].
CREATE OR REPLACE VIEW issues AS
SELECT path, record AS deliberation_id, severity, ruleId AS rule_id, message,
       place.page AS page, place."start" AS start_offset, place."end" AS end_offset, related
FROM read_json({{issues.jsonl}}, format = 'newline_delimited', records = true, columns = {
  path: 'VARCHAR',
  record: 'VARCHAR',
  severity: 'VARCHAR',
  ruleId: 'VARCHAR',
  message: 'VARCHAR',
  place: 'STRUCT(page INTEGER, "start" INTEGER, "end" INTEGER)',
  related: 'STRUCT(page INTEGER, "start" INTEGER, "end" INTEGER)[]'
});

-- members: one row per member per deliberation (attendance.members):
--   deliberation_id, member_index, name, civility, commune (NULL outside intercommunal councils),
--   status (present | remote | absent), substitute (the suppléant's name, NULL if none; the member
--   keeps the member's status), substitute_civility, proxy_to (the name of the member who holds
--   this member's proxy: the member's proxyTo, or else the `to` of the first of attendance.proxies
--   whose `from` is this member's name; NULL when the member gave none).
CREATE OR REPLACE VIEW members AS
SELECT deliberation_id, member_index, m.name AS name, m.civility AS civility, m.commune AS commune,
       m.status AS status, m.substitute.name AS substitute, m.substitute.civility AS substitute_civility,
       coalesce(m.proxyTo, list_filter(proxies, p -> p."from" = m.name)[1]."to") AS proxy_to
FROM (
  SELECT id AS deliberation_id, attendance.proxies AS proxies,
         unnest(attendance.members) AS m, generate_subscripts(attendance.members, 1) - 1 AS member_index
  FROM deliberations
);

-- proxies: one row per proxy pair (attendance.proxies):
--   deliberation_id, proxy_index, from_name (who gave the proxy), to_name (who holds it), text (as
--   printed). Names are the members' names when the document lists them, else the printed form.
CREATE OR REPLACE VIEW proxies AS
SELECT deliberation_id, proxy_index, p."from" AS from_name, p."to" AS to_name, p.text AS text
FROM (
  SELECT id AS deliberation_id, unnest(attendance.proxies) AS p, generate_subscripts(attendance.proxies, 1) - 1 AS proxy_index
  FROM deliberations
);

-- amounts: one row per amount the deliberation states (amounts):
--   deliberation_id, amount_index, value (DECIMAL(18,2)), currency (EUR | FRF), label (what the
--   amount is, as printed, or NULL), text (the amount as printed).
CREATE OR REPLACE VIEW amounts AS
SELECT deliberation_id, amount_index, a.value AS value, a.currency AS currency, a.label AS label, a.text AS text
FROM (
  SELECT id AS deliberation_id, unnest(amounts) AS a, generate_subscripts(amounts, 1) - 1 AS amount_index
  FROM deliberations
);

-- votes: one row per deliberation (vote), with what identifies it:
--   deliberation_id, council (council.name), sitting_date, number, title,
--   yes, no, abstain, not_voting (counts, NULL when not printed), unanimous (BOOLEAN or NULL),
--   outcome (adopted | rejected | NULL), named_no, named_abstain, named_not_voting (names listed).
CREATE OR REPLACE VIEW votes AS
SELECT id AS deliberation_id, council.name AS council, sitting.date AS sitting_date, number, title,
       vote.yes AS yes, vote.no AS no, vote.abstain AS abstain, vote.notVoting AS not_voting,
       vote.unanimous AS unanimous, vote.outcome AS outcome,
       vote.named.no AS named_no, vote.named.abstain AS named_abstain, vote.named.notVoting AS named_not_voting
FROM deliberations;

-- budget_lines: one row per row of the budget tables printed in the annexes (budgetTables[].rows):
--   deliberation_id, table_index, table_title, table_total (the total the table prints, or NULL),
--   row_index (within its table), label, value (DECIMAL(18,2)), text (as printed),
--   kind (line | subtotal | total), group_name (the heading the row sits under, or NULL).
CREATE OR REPLACE VIEW budget_lines AS
SELECT deliberation_id, table_index, t.title AS table_title, t.total AS table_total,
       row_index, r.label AS label, r.value AS value, r.text AS text, r.kind AS kind, r."group" AS group_name
FROM (
  SELECT deliberation_id, table_index, t, unnest(t."rows") AS r, generate_subscripts(t."rows", 1) - 1 AS row_index
  FROM (
    SELECT id AS deliberation_id, unnest(budgetTables) AS t, generate_subscripts(budgetTables, 1) - 1 AS table_index
    FROM deliberations
  )
);
