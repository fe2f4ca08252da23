/* core/store/schema.c — the workspace schema as forward-only migrations.
 * A released migration is never edited: a change is a new migration at the end. */
#include "store.h"

/* Invariants the rest of the core relies on:
 * - assessment rows and their children are never updated or deleted
 *   (triggers refuse it), so a result read back is the result written;
 * - observation holds one value per (client, period, metric): the latest
 *   import wins, and import rows are kept as the history of who set what. */
static const char migration_1[] =
	"CREATE TABLE client("
	" id TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" industry TEXT NOT NULL,"
	" employees INTEGER,"
	" currency TEXT NOT NULL DEFAULT 'EUR',"
	" created TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE import("
	" id INTEGER PRIMARY KEY,"
	" client_id TEXT NOT NULL REFERENCES client(id),"
	" kind TEXT NOT NULL,"
	" file TEXT NOT NULL,"
	" sha256 TEXT NOT NULL,"
	" rows INTEGER NOT NULL,"
	" rejected INTEGER NOT NULL DEFAULT 0,"
	" period TEXT,"
	" replaced_by INTEGER REFERENCES import(id),"
	" created TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX import_client ON import(client_id, sha256);"
	"CREATE TABLE observation("
	" client_id TEXT NOT NULL REFERENCES client(id),"
	" period TEXT NOT NULL,"
	" metric TEXT NOT NULL,"
	" value REAL NOT NULL,"
	" source TEXT NOT NULL DEFAULT 'measured'"
	/* ORs, not IN (...): an IN list builds a temporary index on every row
	 * inserted, which doubled the cost of an import. */
	"  CHECK (source = 'measured' OR source = 'estimated' OR source = 'self-reported' OR source = 'imputed'),"
	" import_id INTEGER NOT NULL REFERENCES import(id),"
	" note TEXT,"
	" PRIMARY KEY (client_id, metric, period)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE dataset_row("
	" import_id INTEGER NOT NULL REFERENCES import(id),"
	" client_id TEXT NOT NULL REFERENCES client(id),"
	" kind TEXT NOT NULL,"
	" line INTEGER NOT NULL,"
	" day INTEGER,"
	" cells TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX dataset_row_client ON dataset_row(client_id, kind, day);"
	"CREATE TABLE assessment("
	" id INTEGER PRIMARY KEY,"
	" client_id TEXT NOT NULL REFERENCES client(id),"
	" period TEXT NOT NULL,"
	" created TEXT NOT NULL,"
	" industry TEXT NOT NULL,"
	" aggregate TEXT NOT NULL,"
	" overall REAL,"
	" level TEXT,"
	" overall_reason TEXT,"
	" partial INTEGER NOT NULL,"
	" fingerprint TEXT NOT NULL,"
	" method TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX assessment_client ON assessment(client_id, period);"
	"CREATE TABLE assessment_area("
	" assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	" area TEXT NOT NULL,"
	" score REAL,"
	" level TEXT,"
	" coverage REAL NOT NULL,"
	" weight REAL NOT NULL,"
	" reason TEXT,"
	" PRIMARY KEY (assessment_id, area)"
	") STRICT;"
	"CREATE TABLE assessment_metric("
	" assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	" metric TEXT NOT NULL,"
	" area TEXT NOT NULL,"
	" label TEXT,"
	" unit TEXT,"
	" value REAL,"
	" score REAL,"
	" weight REAL NOT NULL,"
	" origin TEXT NOT NULL,"
	" source TEXT NOT NULL,"
	" worst REAL,"
	" best REAL,"
	" goalposts_source TEXT,"
	" goalposts_industry TEXT,"
	" PRIMARY KEY (assessment_id, metric)"
	") STRICT;"
	"CREATE TABLE assessment_finding("
	" assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	" seq INTEGER NOT NULL,"
	" rule_id TEXT NOT NULL,"
	" area TEXT NOT NULL,"
	" kind TEXT NOT NULL,"
	" severity TEXT NOT NULL,"
	" title TEXT NOT NULL,"
	" detail TEXT NOT NULL,"
	" evidence TEXT NOT NULL,"
	" recommend TEXT NOT NULL,"
	" PRIMARY KEY (assessment_id, seq)"
	") STRICT;"
	"CREATE TABLE assessment_recommendation("
	" assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	" rank INTEGER NOT NULL,"
	" initiative_id TEXT NOT NULL,"
	" area TEXT NOT NULL,"
	" title TEXT NOT NULL,"
	" gain REAL NOT NULL,"
	" priority REAL NOT NULL,"
	" cost REAL NOT NULL,"
	" hours REAL NOT NULL,"
	" months REAL NOT NULL,"
	" confidence REAL NOT NULL,"
	" effect TEXT NOT NULL,"
	" findings TEXT NOT NULL,"
	" PRIMARY KEY (assessment_id, rank)"
	") STRICT;"
	"CREATE TABLE assessment_error("
	" assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	" seq INTEGER NOT NULL,"
	" what TEXT NOT NULL,"
	" message TEXT NOT NULL,"
	" PRIMARY KEY (assessment_id, seq)"
	") STRICT;"
	"CREATE TABLE assessment_model("
	" assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	" model TEXT NOT NULL,"
	" field TEXT NOT NULL,"
	" value REAL,"
	" PRIMARY KEY (assessment_id, model, field)"
	") STRICT;"
	"CREATE TRIGGER assessment_no_update BEFORE UPDATE ON assessment"
	" BEGIN SELECT RAISE(ABORT, 'assessments are immutable'); END;"
	"CREATE TRIGGER assessment_no_delete BEFORE DELETE ON assessment"
	" BEGIN SELECT RAISE(ABORT, 'assessments are immutable'); END;"
	"CREATE TRIGGER assessment_area_no_update BEFORE UPDATE ON assessment_area"
	" BEGIN SELECT RAISE(ABORT, 'assessments are immutable'); END;"
	"CREATE TRIGGER assessment_metric_no_update BEFORE UPDATE ON assessment_metric"
	" BEGIN SELECT RAISE(ABORT, 'assessments are immutable'); END;"
	"CREATE TRIGGER assessment_finding_no_update BEFORE UPDATE ON assessment_finding"
	" BEGIN SELECT RAISE(ABORT, 'assessments are immutable'); END;"
	"CREATE TRIGGER assessment_area_no_delete BEFORE DELETE ON assessment_area"
	" BEGIN SELECT RAISE(ABORT, 'assessments are immutable'); END;"
	"CREATE TRIGGER assessment_metric_no_delete BEFORE DELETE ON assessment_metric"
	" BEGIN SELECT RAISE(ABORT, 'assessments are immutable'); END;"
	"CREATE TRIGGER assessment_finding_no_delete BEFORE DELETE ON assessment_finding"
	" BEGIN SELECT RAISE(ABORT, 'assessments are immutable'); END;";

/* Goals, adopted initiatives and the realised effects of done ones. */
static const char migration_2[] =
	"CREATE TABLE goal("
	" id INTEGER PRIMARY KEY,"
	" client_id TEXT NOT NULL REFERENCES client(id),"
	" metric TEXT NOT NULL,"
	" baseline REAL NOT NULL,"
	" baseline_period TEXT NOT NULL,"
	" target REAL NOT NULL,"
	" deadline TEXT NOT NULL,"
	" better INTEGER NOT NULL CHECK (better IN (-1, 1)),"
	" owner TEXT,"
	" created TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE adoption("
	" client_id TEXT NOT NULL REFERENCES client(id),"
	" initiative_id TEXT NOT NULL,"
	" status TEXT NOT NULL CHECK (status IN ('planned','in-progress','done','dropped')),"
	" start_period TEXT NOT NULL,"
	" end_period TEXT,"
	" owner TEXT,"
	" goal_id INTEGER REFERENCES goal(id) ON DELETE SET NULL,"
	" cost REAL NOT NULL,"
	" hours REAL NOT NULL,"
	" months REAL NOT NULL,"
	" actual_cost REAL,"
	" actual_hours REAL,"
	" effect TEXT NOT NULL,"
	" updated TEXT NOT NULL,"
	" PRIMARY KEY (client_id, initiative_id)"
	") STRICT;"
	"CREATE TABLE calibration("
	" client_id TEXT NOT NULL REFERENCES client(id),"
	" initiative_id TEXT NOT NULL,"
	" metric TEXT NOT NULL,"
	" expected REAL NOT NULL,"
	" realised REAL NOT NULL,"
	" ratio REAL,"
	" from_assessment INTEGER NOT NULL REFERENCES assessment(id),"
	" to_assessment INTEGER NOT NULL REFERENCES assessment(id),"
	" PRIMARY KEY (client_id, initiative_id, metric)"
	") STRICT;";

/* Dataset rows clustered by client, kind and import order: a cycle reads
 * the rows of one kind as one range, in the order it wants them, where
 * before it sorted them and fetched each from the table by rowid. */
static const char migration_3[] =
	"CREATE TABLE dataset_row_3("
	" client_id TEXT NOT NULL REFERENCES client(id),"
	" kind TEXT NOT NULL,"
	" import_id INTEGER NOT NULL REFERENCES import(id),"
	" line INTEGER NOT NULL,"
	" day INTEGER,"
	" cells TEXT NOT NULL,"
	" PRIMARY KEY (client_id, kind, import_id, line)"
	") STRICT, WITHOUT ROWID;"
	"INSERT INTO dataset_row_3(client_id, kind, import_id, line, day, cells)"
	" SELECT client_id, kind, import_id, line, day, cells FROM dataset_row;"
	"DROP TABLE dataset_row;"
	"ALTER TABLE dataset_row_3 RENAME TO dataset_row;";

/* Advice that fits the client (README "The value of an initiative",
 * "Housekeeping"): a recommendation's value beside its score gain, the
 * confidence learnt from results, the initiatives already under way; a
 * goal's roll-up rule when it is set on its own grain (README "Goals on
 * their own grain"); and
 * withdrawn assessments, kept for the audit trail but out of every listing
 * (assessments themselves stay immutable). */
static const char migration_4[] =
	"ALTER TABLE assessment_recommendation ADD COLUMN resolve REAL NOT NULL DEFAULT 0;"
	"ALTER TABLE assessment_recommendation ADD COLUMN value REAL;"
	"ALTER TABLE assessment_recommendation ADD COLUMN resolve_note TEXT;"
	"ALTER TABLE assessment_recommendation ADD COLUMN base_confidence REAL;"
	"ALTER TABLE assessment_recommendation ADD COLUMN confidence_note TEXT;"
	"ALTER TABLE assessment_recommendation ADD COLUMN under_way TEXT;"
	"ALTER TABLE assessment_recommendation ADD COLUMN since TEXT;"
	"ALTER TABLE assessment_recommendation ADD COLUMN until TEXT;"
	"ALTER TABLE goal ADD COLUMN rollup TEXT;"
	"CREATE TABLE assessment_withdrawal("
	" assessment_id INTEGER PRIMARY KEY REFERENCES assessment(id),"
	" withdrawn TEXT NOT NULL,"
	" reason TEXT"
	") STRICT;";

/* What a realised effect was measured against: 'sequential' (the change
 * over the initiative's window) or 'year_on_year' (that change less the
 * change over the same months a year before, for a seasonal client). */
static const char migration_5[] =
	"ALTER TABLE calibration ADD COLUMN basis TEXT NOT NULL DEFAULT 'sequential'"
	"  CHECK (basis = 'sequential' OR basis = 'year_on_year');";


/* The data-quality section of an assessment (what was missing, estimated,
 * imputed, implausible, and the reconciliations that failed); immutable
 * like the rest of an assessment. */
static const char migration_6[] =
	"CREATE TABLE assessment_quality("
	" assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	" seq INTEGER NOT NULL,"
	" kind TEXT NOT NULL,"
	" metric TEXT,"
	" detail TEXT NOT NULL,"
	" PRIMARY KEY (assessment_id, seq)"
	") STRICT;"
	"CREATE TRIGGER assessment_quality_no_update BEFORE UPDATE ON assessment_quality"
	" BEGIN SELECT RAISE(ABORT, 'assessments are immutable'); END;"
	"CREATE TRIGGER assessment_quality_no_delete BEFORE DELETE ON assessment_quality"
	" BEGIN SELECT RAISE(ABORT, 'assessments are immutable'); END;";


/* Consultant notes on an assessment's findings and initiatives (note.h).
 * Notes are not part of the assessment: they may be removed, and a note
 * with hidden = 1 keeps its finding out of what the client is shown. */
static const char migration_7[] =
	"CREATE TABLE note("
	" id INTEGER PRIMARY KEY,"
	" assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	" target TEXT NOT NULL CHECK (target IN ('finding', 'initiative')),"
	" item TEXT NOT NULL,"
	" text TEXT NOT NULL,"
	" hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1) AND (hidden = 0 OR target = 'finding')),"
	" created TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX note_assessment ON note(assessment_id, id);";

const char *const smb_schema_migrations[] = { migration_1, migration_2, migration_3, migration_4, migration_5,
	migration_6, migration_7 };
const int smb_schema_nmigrations = (int)(sizeof smb_schema_migrations / sizeof smb_schema_migrations[0]);
