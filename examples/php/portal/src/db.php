<?php
/*
 * The portal's SQLite database (PDO): schools and their stored registers, pupils with their headline
 * figures, referral packs, cases, users, sign-in failures, documents and the access log.
 *
 * The schema is created in one IMMEDIATE transaction guarded by PRAGMA user_version, so many first
 * requests arriving at once create it exactly once (the others wait on the busy timeout, then see it).
 */
declare(strict_types=1);

const PORTAL_SCHEMA_VERSION = 2;

/** The portal's database, its schema created on first use. */
function db(): PDO
{
    static $pdo = null;
    if ($pdo !== null) {
        return $pdo;
    }
    $dir = ensure_dir(data_dir());
    $pdo = new PDO('sqlite:' . $dir . '/portal.sqlite', null, null, [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
        PDO::ATTR_EMULATE_PREPARES => false,
        PDO::ATTR_TIMEOUT => 10,
    ]);
    $pdo->exec('PRAGMA busy_timeout = 10000');
    $pdo->exec('PRAGMA foreign_keys = ON');
    if ((int)$pdo->query('PRAGMA user_version')->fetchColumn() !== PORTAL_SCHEMA_VERSION) {
        in_transaction($pdo, static function (PDO $pdo): void {
            // Checked again inside the lock: another request may have created it meanwhile.
            if ((int)$pdo->query('PRAGMA user_version')->fetchColumn() !== PORTAL_SCHEMA_VERSION) {
                create_schema($pdo);
            }
        });
    }
    if ($pdo->query('PRAGMA journal_mode')->fetchColumn() !== 'wal') {
        $pdo->exec('PRAGMA journal_mode = WAL'); // readers do not wait for a writer (once per database)
    }
    return $pdo;
}

/** Run $work in one IMMEDIATE transaction (rolled back on any exception); returns what it returns. */
function in_transaction(PDO $pdo, callable $work): mixed
{
    $pdo->exec('BEGIN IMMEDIATE');
    try {
        $result = $work($pdo);
        $pdo->exec('COMMIT');
        return $result;
    } catch (Throwable $e) {
        $pdo->exec('ROLLBACK');
        throw $e;
    }
}

function create_schema(PDO $pdo): void
{
    $pdo->exec(<<<'SQL'
CREATE TABLE IF NOT EXISTS schools (
  id TEXT PRIMARY KEY,            -- short id ("ysgol-a"), used by users and pupils
  name TEXT NOT NULL,
  codeset TEXT NOT NULL,          -- the register's code set ("wales-2010")
  school_year INTEGER NOT NULL,
  as_of TEXT NOT NULL,            -- the last date in the register: the school's "today"
  terms TEXT NOT NULL,            -- the terms and closures CSV, for the calendar (small)
  closures TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pupils (
  id TEXT PRIMARY KEY,            -- pupil ids are unique across the authority's schools
  school_id TEXT NOT NULL REFERENCES schools(id),
  name TEXT NOT NULL, dob TEXT NOT NULL, year_group TEXT NOT NULL,
  start TEXT,                     -- the register as stored: one mark per session from start (wide layout)
  marks TEXT NOT NULL,
  extras TEXT NOT NULL,           -- JSON [[date, half, code]] for codes longer than one character
  possible INTEGER NOT NULL, attended INTEGER NOT NULL, unauthorised INTEGER NOT NULL,
  tenths INTEGER,                 -- attendance in tenths of a percent; NULL when not evaluable
  persistent INTEGER NOT NULL, referral INTEGER NOT NULL, penalty INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pupils_school ON pupils (school_id, id);
CREATE TABLE IF NOT EXISTS packs (pupil_id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cases (
  pupil_id TEXT PRIMARY KEY, school_id TEXT NOT NULL, json TEXT NOT NULL, state TEXT NOT NULL,
  events INTEGER NOT NULL,
  referred INTEGER NOT NULL DEFAULT 0   -- 1 once a referral was submitted: the SSAT may see the pupil
);
CREATE INDEX IF NOT EXISTS cases_state ON cases (state);
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('staff', 'ssat', 'admin')),
  school_id TEXT,                 -- school staff only
  hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK ((role = 'staff') = (school_id IS NOT NULL))
);
CREATE TABLE IF NOT EXISTS signin_failures (username TEXT NOT NULL, ip TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS signin_failures_user ON signin_failures (username, at);
CREATE INDEX IF NOT EXISTS signin_failures_ip ON signin_failures (ip, at);
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  pupil_id TEXT NOT NULL,
  item TEXT NOT NULL,             -- the pack item it belongs to: "letter[0]", "meeting[1]"
  name TEXT NOT NULL,             -- the file name as uploaded (shown, never used as a path)
  mime TEXT NOT NULL,             -- from the content (finfo), one of the accepted types
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  stored TEXT NOT NULL UNIQUE,    -- random file name under the data directory's documents/
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_pupil ON documents (pupil_id);
CREATE TABLE IF NOT EXISTS access_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,               -- UTC, ISO 8601
  user_id INTEGER, username TEXT NOT NULL, role TEXT NOT NULL,
  action TEXT NOT NULL,           -- "view.pupil", "view.certificate", "view.document", "case.event", ...
  pupil_id TEXT, detail TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'denied')),
  ip TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access_log_pupil ON access_log (pupil_id);
SQL);
    $pdo->exec('PRAGMA user_version = ' . PORTAL_SCHEMA_VERSION);
}

/** Create a directory (and parents) unless it exists; safe when many requests race to create it. */
function ensure_dir(string $dir): string
{
    if (!is_dir($dir) && !@mkdir($dir, 0700, true) && !is_dir($dir)) {
        throw new RuntimeException("cannot create the directory $dir");
    }
    return $dir;
}

/** The time now, UTC, ISO 8601 (the access log and the records of who did what; never a rule's date). */
function utc_now(): string
{
    return gmdate('Y-m-d\TH:i:s\Z');
}
