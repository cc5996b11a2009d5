<?php
/*
 * The school portal's bootstrap, included first by every page in public/.
 *
 * - Errors: nothing PHP says ever reaches the browser. Warnings become exceptions, and a top-level
 *   handler logs the details to the server's stderr and shows a short page saying what went wrong.
 * - The sample school: imported from examples/data on every request by the library (SsatSchool: the
 *   registers and pupils; the calendar's terms and closures) and evaluated by it; the as-of date is the
 *   last date in the register, never the machine's clock.
 * - SQLite (PDO): the referral packs (evidence) and the cases, as the library's JSON documents, in
 *   $SSAT_PORTAL_DATA (default examples/php/portal/var/), created and seeded on first run.
 * - Escaping: h() on every value written into HTML; every SQL statement is prepared.
 */
declare(strict_types=1);

// ---- errors: never a PHP error page ----------------------------------------------------------------
ini_set('display_errors', '0');
ini_set('display_startup_errors', '0');
ini_set('log_errors', '1');
ini_set('html_errors', '0');
error_reporting(E_ALL);
ob_start(); // a failure half-way through a page replaces the whole page

/** A failure to show the user as it is: its message is written for them (status: the HTTP status). */
final class PortalError extends RuntimeException
{
    public function __construct(string $message, public readonly int $status = 400)
    {
        parent::__construct($message);
    }
}

set_error_handler(static function (int $no, string $message, string $file, int $line): bool {
    if ((error_reporting() & $no) === 0) {
        return false;
    }
    throw new ErrorException($message, 0, $no, $file, $line);
});

set_exception_handler(static function (Throwable $e): void {
    if ($e instanceof PortalError) {
        failure_page($e->status, $e->getMessage());
        return;
    }
    error_log(sprintf('ssat portal: %s: %s at %s:%d', get_class($e), $e->getMessage(), $e->getFile(), $e->getLine()));
    failure_page(500, t('error.internal'));
});

register_shutdown_function(static function (): void {
    $e = error_get_last();
    if ($e !== null && in_array($e['type'], [E_ERROR, E_PARSE, E_CORE_ERROR, E_COMPILE_ERROR, E_USER_ERROR], true)) {
        error_log(sprintf('ssat portal: fatal: %s at %s:%d', $e['message'], $e['file'], $e['line']));
        failure_page(500, t('error.internal'));
    }
});

// ---- configuration ---------------------------------------------------------------------------------
const PORTAL_SCHOOL_NAME = 'Ysgol Gyfun Enghraifft';
const PORTAL_PAGE_SIZE = 100;

/** The directory of the SQLite database and the sessions ($SSAT_PORTAL_DATA, else var/ here). */
function data_dir(): string
{
    $dir = getenv('SSAT_PORTAL_DATA');
    return ($dir !== false && $dir !== '') ? rtrim($dir, '/') : __DIR__ . '/var';
}

/** The sample school's CSV files ($SSAT_PORTAL_SAMPLE, else examples/data). */
function sample_dir(): string
{
    $dir = getenv('SSAT_PORTAL_SAMPLE');
    return ($dir !== false && $dir !== '') ? rtrim($dir, '/') : dirname(__DIR__, 2) . '/data';
}

// ---- language: every page takes ?lang=en|cy ----------------------------------------------------------
const PORTAL_TEXT = [
    'en' => [
        'portal' => 'School attendance portal',
        'pupils' => 'Pupils',
        'pupil' => 'Pupil',
        'name' => 'Name',
        'year' => 'Year',
        'dob' => 'Date of birth',
        'attendance' => 'Attendance',
        'unauthorised' => 'Unauthorised',
        'possible' => 'Possible',
        'attended' => 'Attended',
        'persistent' => 'Persistent absence',
        'referral' => 'Referral criteria',
        'penalty' => 'Penalty notice criteria',
        'yes' => 'yes',
        'no' => 'no',
        'not_evaluable' => 'not evaluable',
        'filter' => 'Show',
        'filter.all' => 'All pupils',
        'filter.referral' => 'Referral candidates (R1 and R2)',
        'filter.penalty' => 'Penalty notice candidates',
        'filter.persistent' => 'Persistently absent',
        'search' => 'Pupil or name contains',
        'apply_filter' => 'Show',
        'count' => '%d of %d pupils',
        'page' => 'Page %d of %d',
        'previous' => 'Previous',
        'next' => 'Next',
        'as_of' => 'School year to date, as of %s (policy %s)',
        'legend' => 'Bars: attendance for the school year to date; the lines mark 85 % (SSAT referral) and 90 % (penalty notices).',
        'back' => 'Back to the list',
        'criteria' => 'Criteria and their reasons',
        'decision.referral' => 'SSAT referral',
        'decision.absence' => 'Persistent absence',
        'decision.penalty' => 'Penalty notice',
        'criterion' => 'Criterion',
        'outcome' => 'Outcome',
        'reason' => 'Reason',
        'pack' => 'Referral pack: what is missing',
        'pack.items' => 'Evidence held: %s',
        'pack.none' => 'No evidence is held for this pupil yet.',
        'pack.complete' => 'The pack is complete.',
        'certificate' => 'Attendance certificate',
        'certificate.open' => 'Open the certificate on its own page (to print)',
        'case' => 'Case',
        'case.state' => 'State',
        'case.contract' => 'Parenting contract',
        'case.trail' => 'Trail',
        'case.no_trail' => 'No event has been recorded yet.',
        'case.missing' => 'Cases need the case binding (SsatCase), which this ssat extension does not have.',
        'case.next' => 'What can happen on %s',
        'case.not_now' => 'Not possible on %s',
        'case.record' => 'Record',
        'seq' => '#',
        'date' => 'Date',
        'event' => 'Event',
        'actor' => 'Who',
        'role' => 'Role',
        'parent' => 'Parent',
        'detail' => 'Detail',
        'note' => 'Note',
        'change' => 'State',
        'applied' => 'Recorded “%s”: the case is now %s.',
        'language' => 'Cymraeg',
        'error.title' => 'Something is wrong',
        'error.internal' => 'The portal could not complete this request. Nothing was changed. The details are in the server log.',
        'error.back' => 'Go back to the pupil list',
        'rejected' => 'Nothing was recorded',
        'submitted' => 'What was submitted',
        'sort' => 'Sort by %s',
    ],
    'cy' => [
        'portal' => 'Porth presenoldeb ysgol',
        'pupils' => 'Disgyblion',
        'pupil' => 'Disgybl',
        'name' => 'Enw',
        'year' => 'Blwyddyn',
        'dob' => 'Dyddiad geni',
        'attendance' => 'Presenoldeb',
        'unauthorised' => 'Heb awdurdod',
        'possible' => 'Posibl',
        'attended' => 'Yn bresennol',
        'persistent' => 'Absenoldeb parhaus',
        'referral' => 'Meini prawf atgyfeirio',
        'penalty' => 'Meini prawf hysbysiad cosb',
        'yes' => 'ie',
        'no' => 'na',
        'not_evaluable' => 'dim modd ei werthuso',
        'filter' => 'Dangos',
        'filter.all' => 'Pob disgybl',
        'filter.referral' => 'Ymgeiswyr am atgyfeiriad (R1 ac R2)',
        'filter.penalty' => 'Ymgeiswyr am hysbysiad cosb',
        'filter.persistent' => 'Yn absennol yn barhaus',
        'search' => 'Disgybl neu enw yn cynnwys',
        'apply_filter' => 'Dangos',
        'count' => '%d o %d disgybl',
        'page' => 'Tudalen %d o %d',
        'previous' => 'Blaenorol',
        'next' => 'Nesaf',
        'as_of' => 'Blwyddyn ysgol hyd yma, ar %s (polisi %s)',
        'legend' => 'Barrau: presenoldeb y flwyddyn ysgol hyd yma; mae’r llinellau ar 85 % (atgyfeirio i’r SSAT) a 90 % (hysbysiadau cosb).',
        'back' => 'Yn ôl i’r rhestr',
        'criteria' => 'Meini prawf a’u rhesymau',
        'decision.referral' => 'Atgyfeirio i’r SSAT',
        'decision.absence' => 'Absenoldeb parhaus',
        'decision.penalty' => 'Hysbysiad cosb',
        'criterion' => 'Maen prawf',
        'outcome' => 'Canlyniad',
        'reason' => 'Rheswm',
        'pack' => 'Pecyn atgyfeirio: beth sydd ar goll',
        'pack.items' => 'Tystiolaeth a gedwir: %s',
        'pack.none' => 'Nid oes tystiolaeth ar gyfer y disgybl hwn eto.',
        'pack.complete' => 'Mae’r pecyn yn gyflawn.',
        'certificate' => 'Tystysgrif presenoldeb',
        'certificate.open' => 'Agor y dystysgrif ar ei thudalen ei hun (i’w hargraffu)',
        'case' => 'Achos',
        'case.state' => 'Cyflwr',
        'case.contract' => 'Contract rhianta',
        'case.trail' => 'Hanes yr achos',
        'case.no_trail' => 'Nid oes digwyddiad wedi’i gofnodi eto.',
        'case.missing' => 'Mae achosion angen rhwymiad yr achos (SsatCase), nad yw gan yr estyniad ssat hwn.',
        'case.next' => 'Beth all ddigwydd ar %s',
        'case.not_now' => 'Ddim yn bosibl ar %s',
        'case.record' => 'Cofnodi',
        'seq' => '#',
        'date' => 'Dyddiad',
        'event' => 'Digwyddiad',
        'actor' => 'Pwy',
        'role' => 'Rôl',
        'parent' => 'Rhiant',
        'detail' => 'Manylion',
        'note' => 'Nodyn',
        'change' => 'Cyflwr',
        'applied' => 'Cofnodwyd “%s”: mae’r achos bellach yn %s.',
        'language' => 'English',
        'error.title' => 'Mae rhywbeth o’i le',
        'error.internal' => 'Nid oedd modd i’r porth gwblhau’r cais hwn. Ni newidiwyd dim. Mae’r manylion yng nghofnod y gweinydd.',
        'error.back' => 'Yn ôl i restr y disgyblion',
        'rejected' => 'Ni chofnodwyd dim',
        'submitted' => 'Beth a gyflwynwyd',
        'sort' => 'Trefnu yn ôl %s',
    ],
];

/** The page's language: 'en' or 'cy' (anything else is English). */
function lang(): string
{
    $l = $_GET['lang'] ?? $_POST['lang'] ?? 'en';
    return ($l === 'cy') ? 'cy' : 'en';
}

function ssat_lang_id(): int
{
    return lang() === 'cy' ? SSAT_LANG_CY : SSAT_LANG_EN;
}

/** A text of the portal in the page's language. */
function t(string $key, mixed ...$args): string
{
    $text = PORTAL_TEXT[lang()][$key] ?? PORTAL_TEXT['en'][$key] ?? $key;
    return $args ? vsprintf($text, $args) : $text;
}

/** Of a record with message_en and message_cy (criteria, problems), the message in the page's language. */
function message(array $record): string
{
    return (string)($record['message_' . lang()] ?? $record['message_en'] ?? '');
}

// ---- HTML -------------------------------------------------------------------------------------------
/** Escape any value for HTML text and attribute values (quoted). */
function h(mixed $value): string
{
    return htmlspecialchars((string)$value, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
}

/** A URL of this portal: a page and its query (lang added unless given). Escape with h() when writing it. */
function url(string $page, array $query = []): string
{
    if (!array_key_exists('lang', $query) && lang() !== 'en') {
        $query['lang'] = lang();
    }
    $query = array_filter($query, static fn($v) => $v !== null && $v !== '');
    return $page . ($query ? '?' . http_build_query($query, '', '&', PHP_QUERY_RFC3986) : '');
}

function security_headers(string $csp = "default-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"): void
{
    if (headers_sent()) {
        return;
    }
    header('Content-Type: text/html; charset=utf-8');
    header('Content-Security-Policy: ' . $csp);
    header('X-Content-Type-Options: nosniff');
    header('Referrer-Policy: same-origin');
    header('Cache-Control: no-store');
}

/** The top of every page; $switch_query: the current page's query, for the language switch. */
function page_start(string $title, string $self, array $switch_query = []): void
{
    security_headers();
    $other = lang() === 'cy' ? 'en' : 'cy';
    $switch = url($self, ['lang' => $other === 'cy' ? 'cy' : null] + $switch_query);
    echo "<!DOCTYPE html>\n<html lang=\"", h(lang()), "\">\n<head>\n<meta charset=\"utf-8\">\n",
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
         '<title>', h($title), ' · ', h(t('portal')), "</title>\n",
         "<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n",
         '<header class="top"><a class="brand" href="', h(url('index.php')), '">', h(t('portal')), '</a> ',
         '<span class="school">', h(PORTAL_SCHOOL_NAME), '</span>',
         '<a class="lang" id="lang-switch" hreflang="', h($other), '" lang="', h($other), '" href="', h($switch), '">',
         h(t('language')), "</a></header>\n<main>\n";
}

function page_end(): void
{
    echo "</main>\n<footer>libssat ", h(ssat_version_string()), "</footer>\n</body>\n</html>\n";
}

/**
 * A whole page saying what went wrong (any output so far is discarded): $messages (one, or a lead and a list), what
 * was submitted (shown escaped), and a link back ($back: [url, label], default the pupil list).
 */
function failure_page(int $status, string|array $messages, array $details = [], ?array $back = null): void
{
    while (ob_get_level() > 0) {
        ob_end_clean();
    }
    if (!headers_sent()) {
        http_response_code($status);
        header_remove('Location');
    }
    security_headers();
    $messages = (array)$messages;
    $back ??= [url('index.php'), t('error.back')];
    echo "<!DOCTYPE html>\n<html lang=\"", h(lang()), "\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
         h(t('error.title')), ' · ', h(t('portal')), "</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n",
         '<header class="top"><a class="brand" href="', h(url('index.php')), '">', h(t('portal')), "</a></header>\n<main>\n",
         '<h1>', h(t('error.title')), "</h1>\n",
         '<div class="error" id="error" role="alert">';
    if (count($messages) === 1) {
        echo '<p>', h($messages[0]), '</p>';
    } else { // a lead, then the list
        echo '<p>', h(array_shift($messages)), '</p><ul>';
        foreach ($messages as $m) {
            echo '<li>', h($m), '</li>';
        }
        echo '</ul>';
    }
    echo "</div>\n";
    if ($details) {
        echo '<h2>', h(t('submitted')), "</h2>\n<dl class=\"submitted\" id=\"submitted\">\n";
        foreach ($details as $k => $v) {
            echo '<dt>', h($k), '</dt><dd>', h(is_string($v) ? $v : json_encode($v)), "</dd>\n";
        }
        echo "</dl>\n";
    }
    echo '<p><a id="error-back" href="', h($back[0]), '">', h($back[1]), "</a></p>\n</main>\n</body>\n</html>\n";
}

// ---- the school -------------------------------------------------------------------------------------
/**
 * The sample school, imported once per request by the library (SsatSchool: streamed CSV imports, every
 * problem with its file, line and column), with its calendar and policy.
 */
final class School
{
    public readonly SsatSchool $school;
    public readonly SsatCalendar $calendar;
    public readonly SsatPolicy $policy;
    public readonly string $as_of;
    public readonly array $window;
    /** pupil_id => ['id', 'name', 'dob', 'year_group'], by pupil id */
    public readonly array $pupils;

    private static ?School $instance = null;

    public static function get(): School
    {
        return self::$instance ??= new School(sample_dir());
    }

    private function __construct(string $dir)
    {
        foreach (['sample_school_2024.csv', 'pupils_2024.csv', 'terms_2024.csv', 'closures_2024.csv'] as $f) {
            if (!is_readable("$dir/$f")) {
                throw new RuntimeException("the sample school's file $dir/$f cannot be read");
            }
        }
        try {
            $this->school = new SsatSchool(SsatCodeSet::builtin('wales-2010'));
            $this->school->import_file("$dir/sample_school_2024.csv");
            $this->school->import_file("$dir/pupils_2024.csv", SSAT_CSV_PUPILS);
            // The library never reads the clock: "as of" is the last date in the register.
            $this->as_of = $this->school->last_date();
            $this->calendar = new SsatCalendar(ssat_date_school_year($this->as_of));
            $this->calendar->clear_terms();
            $this->calendar->import_terms(file_get_contents("$dir/terms_2024.csv"), "$dir/terms_2024.csv");
            $this->calendar->import_closures(file_get_contents("$dir/closures_2024.csv"), "$dir/closures_2024.csv");
        } catch (SsatInvalidDataException $e) {
            throw new RuntimeException($e->getMessage() . ': ' . implode('; ', array_column($e->problems, 'message_en')));
        }
        $this->policy = SsatPolicy::builtin('carmarthenshire');
        $this->window = $this->calendar->window_year_to_date($this->as_of);
        $pupils = [];
        foreach ($this->school->ids() as $id) {
            $dob = '';
            try {
                $dob = $this->school->pupil($id)->date_of_birth();
            } catch (SsatNotFoundException) {
            }
            $pupils[$id] = ['id' => $id, 'name' => $this->school->detail($id, 'name'), 'dob' => $dob,
                            'year_group' => $this->school->detail($id, 'year_group')];
        }
        $this->pupils = $pupils;
    }

    public function has(string $id): bool
    {
        return isset($this->pupils[$id]);
    }

    public function register(string $id): SsatRegister
    {
        return $this->school->register($id);
    }

    /** The pupil's record for the rules: date of birth (from the pupils file) and on roll (every pupil is). */
    public function pupil_record(string $id): SsatPupil
    {
        $p = $this->school->pupil($id);
        $p->set_fact(SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES);
        return $p;
    }

    /**
     * Every pupil's headline answers, as `ssat evaluate` gives them: the summary for the school year
     * to date, persistent absence, the referral criteria the register settles (R1 and R2 met) and the
     * penalty-notice attendance criteria (a limb met and the year-to-date condition).
     */
    public function overview(): array
    {
        $rows = [];
        foreach ($this->pupils as $id => $p) {
            $reg = $this->school->register($id);
            $s = $reg->summary($this->window);
            $referral = self::outcomes(ssat_referral_evaluate($this->policy, $reg, $this->calendar, null, $this->as_of));
            $absence = self::outcomes(ssat_absence_evaluate($this->policy, $reg, $this->calendar, $this->as_of));
            $penalty = self::outcomes(ssat_penalty_evaluate($this->policy, $reg, $this->calendar, null, null, $this->as_of));
            $limb = false;
            foreach (['unauthorised', 'holiday', 'late', 'combination'] as $l) {
                $limb = $limb || (($penalty["penalty.limb.$l"] ?? null) === SSAT_OUTCOME_MET);
            }
            $rows[] = $p + [
                'possible' => $s['possible'], 'attended' => $s['attended'], 'unauthorised' => $s['unauthorised'],
                'evaluable' => (bool)$s['evaluable'], 'tenths' => $s['evaluable'] ? (int)$s['attendance_tenths'] : null,
                'persistent' => ($absence['absence.persistent'] ?? null) === SSAT_OUTCOME_MET,
                'referral' => ($referral['referral.r1.attendance'] ?? null) === SSAT_OUTCOME_MET
                              && ($referral['referral.r2.unauthorised'] ?? null) === SSAT_OUTCOME_MET,
                'penalty' => $limb && ($penalty['penalty.year_to_date'] ?? null) === SSAT_OUTCOME_MET,
            ];
        }
        return $rows;
    }

    private static function outcomes(SsatDecision $d): array
    {
        return array_column($d->criteria(), 'outcome', 'id');
    }
}

/** A percentage in tenths as people read it: "85.0 %". */
function percent(?int $tenths): string
{
    return $tenths === null ? t('not_evaluable') : sprintf('%d.%d %%', intdiv($tenths, 10), $tenths % 10);
}

/** The attendance bar: an SVG (no inline style, so the CSP stays strict) with the 85 % and 90 % lines. */
function attendance_bar(?int $tenths): string
{
    if ($tenths === null) {
        return '<span class="bar-none">' . h(t('not_evaluable')) . '</span>';
    }
    $band = $tenths <= 850 ? 'low' : ($tenths < 900 ? 'mid' : 'ok');
    $w = sprintf('%d.%d', intdiv($tenths, 10), $tenths % 10);
    return '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="' . h(percent($tenths)) . '">'
         . '<rect class="track" x="0" y="0" width="100" height="10"/>'
         . '<rect class="fill ' . $band . '" x="0" y="1" width="' . h($w) . '" height="8"/>'
         . '<line class="line85" x1="85" y1="0" x2="85" y2="10"/>'
         . '<line class="line90" x1="90" y1="0" x2="90" y2="10"/></svg>';
}

// ---- the database -----------------------------------------------------------------------------------
/** The portal's SQLite database, created (schema and sample evidence) on first use. */
function db(): PDO
{
    static $pdo = null;
    if ($pdo !== null) {
        return $pdo;
    }
    $dir = data_dir();
    if (!is_dir($dir) && !mkdir($dir, 0700, true) && !is_dir($dir)) {
        throw new RuntimeException("cannot create the data directory $dir");
    }
    $pdo = new PDO('sqlite:' . $dir . '/portal.sqlite', null, null, [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
        PDO::ATTR_EMULATE_PREPARES => false,
    ]);
    $pdo->exec('PRAGMA busy_timeout = 5000');
    $pdo->exec('PRAGMA journal_mode = WAL');
    $pdo->exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    $pdo->exec('CREATE TABLE IF NOT EXISTS packs (pupil_id TEXT PRIMARY KEY, json TEXT NOT NULL)');
    $pdo->exec('CREATE TABLE IF NOT EXISTS cases (pupil_id TEXT PRIMARY KEY, json TEXT NOT NULL,'
               . ' state TEXT NOT NULL, events INTEGER NOT NULL)');
    $seeded = $pdo->prepare('SELECT value FROM meta WHERE key = ?');
    $seeded->execute(['seeded']);
    if ($seeded->fetchColumn() === false) {
        $pdo->exec('BEGIN IMMEDIATE');
        try {
            $seeded->execute(['seeded']);
            if ($seeded->fetchColumn() === false) {
                seed($pdo);
                $pdo->prepare('INSERT INTO meta (key, value) VALUES (?, ?)')->execute(['seeded', '1']);
            }
            $pdo->exec('COMMIT');
        } catch (Throwable $e) {
            $pdo->exec('ROLLBACK');
            throw $e;
        }
    }
    return $pdo;
}

/**
 * First run: sample evidence for two pupils, built with the library. P00001's pack has a concern, a
 * letter, a meeting, support offered and the attendance certificate (so what is still missing shows);
 * P00002's has the concern only.
 */
function seed(PDO $pdo): void
{
    $school = School::get();
    $insert = $pdo->prepare('INSERT INTO packs (pupil_id, json) VALUES (?, ?)');
    foreach (['P00001' => true, 'P00002' => false] as $id => $full) {
        if (!$school->has($id)) {
            continue;
        }
        $p = $school->pupils[$id];
        $pack = new SsatPack();
        $pack->add('concern', ['date' => '2024-09-20', 'raised_by' => 'Form tutor',
                               'summary' => 'Attendance below 90 % since the start of term']);
        if ($full) {
            $pack->add('letter', ['date_sent' => '2024-10-04', 'type' => 'meeting_invitation',
                                  'addressee' => 'Parent of ' . $p['name'], 'delivery' => 'post',
                                  'reference' => 'ATT/2024/021']);
            $pack->add('meeting', ['invitation_date' => '2024-10-04', 'held' => true, 'date' => '2024-10-11',
                                   'time' => '09:30', 'attendees' => 'Parent; head of year', 'parent_attended' => 'yes',
                                   'outcome' => 'Morning routine is the difficulty; school nurse referral agreed.']);
            $pack->add('support', ['date' => '2024-10-11', 'kind' => 'Referral to the school nurse',
                                   'response' => 'accepted']);
            $cert = certificate($school, $id);
            $cert->to_pack($pack);
        }
        $insert->execute([$id, $pack->to_json()]);
    }
}

/** The pupil's referral pack from the database (an empty pack when none is held). */
function load_pack(string $id): SsatPack
{
    $q = db()->prepare('SELECT json FROM packs WHERE pupil_id = ?');
    $q->execute([$id]);
    $json = $q->fetchColumn();
    return $json === false ? new SsatPack() : SsatPack::from_json($json);
}

/** The pupil's attendance certificate for the school year to date. */
function certificate(School $school, string $id): SsatCertificate
{
    return new SsatCertificate($school->register($id), $school->calendar, $school->window, [
        'pupil_id' => $id,
        'pupil_name' => $school->pupils[$id]['name'],
        'school' => PORTAL_SCHOOL_NAME,
        'issue_date' => $school->as_of,
    ]);
}

// ---- plain text -------------------------------------------------------------------------------------
/** Characters in a UTF-8 string (mbstring is not needed). */
function text_length(string $s): int
{
    return preg_match_all('/./su', $s);
}

/**
 * Why $s is not acceptable plain text, or null when it is: valid UTF-8, at most $max characters, no
 * control characters (line breaks only when $multiline), and no markup ("<" or ">").
 */
function plain_text_problem(string $s, int $max, bool $multiline): ?string
{
    $cy = lang() === 'cy';
    if (preg_match('//u', $s) !== 1) {
        return $cy ? 'nid yw’n destun UTF-8 dilys' : 'it is not valid UTF-8 text';
    }
    if (text_length($s) > $max) {
        return sprintf($cy ? 'mae’n hwy na %d nod' : 'it is longer than %d characters', $max);
    }
    if (preg_match($multiline ? '/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/' : '/[\x00-\x1F\x7F]/', $s) === 1) {
        return $cy ? 'mae’n cynnwys nodau rheoli' : 'it contains control characters';
    }
    if (preg_match('/[<>]/', $s) === 1) {
        return $cy ? 'rhaid iddo fod yn destun plaen: ni dderbynnir HTML na sgript (“<” neu “>”)'
                   : 'it must be plain text: HTML or script (“<” or “>”) is not accepted';
    }
    return null;
}

// ---- request helpers --------------------------------------------------------------------------------
/** The pupil named by ?pupil= (or a POST field), checked against the school. */
function requested_pupil(School $school, ?string $value): string
{
    if ($value === null || $value === '') {
        throw new PortalError(lang() === 'cy' ? 'Ni nodwyd disgybl.' : 'No pupil was given.', 400);
    }
    if (!preg_match('/^[A-Za-z0-9_-]{1,64}$/D', $value) || !$school->has($value)) {
        throw new PortalError(sprintf(lang() === 'cy' ? 'Nid oes disgybl “%s” yn yr ysgol.'
                                                      : 'There is no pupil “%s” in the school.', $value), 404);
    }
    return $value;
}

/** A GET parameter that must be one of $allowed; $notice receives a message for anything else. */
function choice(string $name, array $allowed, string $default, array &$notices): string
{
    $v = $_GET[$name] ?? $default;
    if (!is_string($v) || !in_array($v, $allowed, true)) {
        $notices[] = sprintf(lang() === 'cy' ? 'Anwybyddwyd gwerth anhysbys ar gyfer “%s”.' : 'An unknown value for “%s” was ignored.',
                             $name);
        return $default;
    }
    return $v;
}

function session(): void
{
    if (session_status() === PHP_SESSION_ACTIVE) {
        return;
    }
    $dir = data_dir() . '/sessions';
    if (!is_dir($dir) && !mkdir($dir, 0700, true) && !is_dir($dir)) {
        throw new RuntimeException("cannot create the session directory $dir");
    }
    session_save_path($dir);
    session_name('ssat_portal');
    session_start(['cookie_httponly' => true, 'cookie_samesite' => 'Strict', 'use_strict_mode' => true]);
}

/** The session's token against cross-site request forgery (every POST form carries it). */
function csrf_token(): string
{
    session();
    if (!isset($_SESSION['csrf']) || !is_string($_SESSION['csrf'])) {
        $_SESSION['csrf'] = bin2hex(random_bytes(32));
    }
    $token = $_SESSION['csrf'];
    session_write_close(); // nothing else is written: release the session's lock at once
    return $token;
}

// ---- cases ------------------------------------------------------------------------------------------
/** Whether the ssat extension has the case binding (SsatCase). */
function case_supported(): bool
{
    return class_exists('SsatCase', false);
}

/**
 * What an event's form asks besides date, who and note (case.h's table): a detail (with its choices
 * when the library fixes them) and a parent for the statutory events.
 */
const CASE_EVENT_FIELDS = [
    'letter_sent' => ['detail' => true, 'choices' => ['attendance_concern', 'meeting_invitation', 'warning',
                                                      'parenting_contract_offer', 'penalty_warning', 'other']],
    'meeting_held' => ['detail' => true, 'choices' => ['attended', 'not_attended']],
    'support_offered' => ['detail' => true],
    'plan_started' => ['detail' => true, 'choices' => ['psp', 'idp']],
    'plan_reviewed' => ['detail' => true, 'choices' => ['psp', 'idp']],
    'plan_ended' => ['detail' => true, 'choices' => ['psp', 'idp']],
    'referral_returned' => ['detail' => true, 'required' => true],
    'penalty_warning' => ['parent' => true],
    'notice_issued' => ['parent' => true],
    'notice_paid' => ['parent' => true],
    'notice_unpaid' => ['parent' => true],
    'notice_withdrawn' => ['parent' => true],
    'eso_considered' => ['parent' => true],
    'prosecution_considered' => ['parent' => true],
    'prosecution_started' => ['parent' => true, 'detail' => true, 'choices' => ['s444(1)', 's444(1A)']],
    'prosecution_concluded' => ['parent' => true, 'detail' => true, 'required' => true],
    'sao_issued' => ['parent' => true],
    'pupil_left' => ['detail' => true, 'choices' => ['left_compulsory_age', 'moved_authority', 'off_roll', 'ehe', 'other']],
    'closed' => ['detail' => true, 'choices' => ['improved', 'proceedings_concluded', 'other']],
];

/** Every case event id the library defines, in its order. */
function case_event_ids(): array
{
    return SsatCase::events();
}

/**
 * The pupil's case: loaded from its stored JSON, or a new one (monitoring). Its pupil record gets the
 * school's facts (date of birth, on roll), its referral pack the evidence held for the pupil (the packs
 * table), and the pack's check the facts that evidence establishes (R3, R4, R5), so that the guards see
 * what the pupil page shows.
 */
function case_load(School $school, string $id): SsatCase
{
    $q = db()->prepare('SELECT json FROM cases WHERE pupil_id = ?');
    $q->execute([$id]);
    $json = $q->fetchColumn();
    $case = $json === false ? new SsatCase($id, $school->policy) : SsatCase::from_json($json, $school->policy);
    $pupil = $case->pupil();
    if ($school->pupils[$id]['dob'] !== '') {
        $pupil->set_date_of_birth($school->pupils[$id]['dob']);
    }
    $pupil->set_fact(SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES);
    $pack = $case->pack();
    while ($pack->count() > 0) {
        $pack->remove($pack->count() - 1);
    }
    foreach (load_pack($id)->items() as $item) {
        $pack->add($item['kind'], $item['fields']);
    }
    $pack->check($school->policy, $school->register($id), $school->calendar, $pupil);
    return $case;
}

/** The trail as records {sequence, event, date, actor, role, parent_id, detail, note, state_before, state_after}. */
function case_trail(SsatCase $case): array
{
    return $case->trail();
}

/** The state's name in the page's language. */
function case_state_label(int $state): string
{
    // English gives the state's id ("school_concern"), Welsh its label ("pryder yr ysgol").
    return str_replace('_', ' ', ssat_case_state_name($state, ssat_lang_id()));
}

/**
 * Apply an event; null when applied, else the reasons it was refused (in the page's language).
 */
function case_apply(SsatCase $case, School $school, string $id, string $event, string $date, string $actor,
                    string $role, string $parent, string $detail, string $note): ?array
{
    try {
        $case->apply($school->register($id), $school->calendar, $event, $date, $actor, $role,
                     $parent === '' ? null : $parent, $detail === '' ? null : $detail, $note === '' ? null : $note);
        return null;
    } catch (SsatStateException $e) {
        $reasons = [];
        foreach (($e->refusal['criteria'] ?? []) as $c) {
            if (($c['outcome'] ?? SSAT_OUTCOME_NOT_MET) !== SSAT_OUTCOME_MET) {
                $reasons[] = message($c);
            }
        }
        return $reasons ?: [$e->getMessage()];
    } catch (SsatInvalidArgumentException | SsatNotFoundException $e) {
        return [$e->getMessage()];
    }
}

/**
 * Store the case (its JSON) if the stored one still has $expected events; false when it changed
 * meanwhile. One transaction, prepared statements.
 */
function case_store(string $id, SsatCase $case, int $expected): bool
{
    $pdo = db();
    $json = $case->to_json();
    $events = count($case->trail());
    $state = ssat_case_state_name($case->state(), SSAT_LANG_EN);
    $pdo->exec('BEGIN IMMEDIATE');
    try {
        $q = $pdo->prepare('SELECT events FROM cases WHERE pupil_id = ?');
        $q->execute([$id]);
        $current = $q->fetchColumn();
        if (($current === false ? 0 : (int)$current) !== $expected) {
            $pdo->exec('ROLLBACK');
            return false;
        }
        $pdo->prepare('INSERT INTO cases (pupil_id, json, state, events) VALUES (:id, :json, :state, :events)'
                      . ' ON CONFLICT (pupil_id) DO UPDATE SET json = excluded.json, state = excluded.state,'
                      . ' events = excluded.events')
            ->execute([':id' => $id, ':json' => $json, ':state' => $state, ':events' => $events]);
        $pdo->exec('COMMIT');
        return true;
    } catch (Throwable $e) {
        $pdo->exec('ROLLBACK');
        throw $e;
    }
}

/**
 * Everything the pupil page shows of the case: state, trail, and for each event whether it is possible
 * on the default date (the as-of date, or the last event's date when later) with the library's reason.
 */
function case_view(School $school, string $id): array
{
    $case = case_load($school, $id);
    $trail = case_trail($case);
    $date = $school->as_of;
    if ($trail && strcmp(end($trail)['date'], $date) > 0) {
        $date = end($trail)['date'];
    }
    $next = [];
    foreach ($case->next($school->register($id), $school->calendar, $date, null)->criteria() as $c) {
        $event = preg_replace('/^case\.event\./', '', $c['id']);
        $reason = message($c);
        // The library's message starts with the event's name in the page's language: "Concern raised: ...".
        $label = preg_match('/^([^:]{1,80}): /u', $reason, $m) ? $m[1] : event_label($event);
        // ... then "possible on DATE" or "not possible on DATE: why".
        $why = preg_match('/^[^:]{1,80}: [^:]+: (.+)$/su', $reason, $m) ? $m[1] : $reason;
        $next[] = ['event' => $event, 'label' => $label, 'possible' => $c['outcome'] === SSAT_OUTCOME_MET,
                   'reason' => $reason, 'why' => $why];
    }
    return [
        'state' => $case->state(),
        'trail' => $trail,
        'next' => $next,
        'labels' => array_column($next, 'label', 'event'),
        'date' => $date,
    ];
}

/** The case section of the pupil page. */
function render_case(array $view, string $id): void
{
    $token = csrf_token();
    $applied = $_GET['applied'] ?? null;
    echo '<section class="case" id="case">', "\n<h2>", h(t('case')), "</h2>\n";
    if (is_string($applied) && in_array($applied, case_event_ids(), true)) {
        echo '<p class="success" id="applied" role="status">',
             h(t('applied', $view['labels'][$applied] ?? event_label($applied), case_state_label($view['state']))), "</p>\n";
    }
    echo '<p>', h(t('case.state')), ': <span class="state" id="case-state" data-state="',
         h(ssat_case_state_name($view['state'], SSAT_LANG_EN)), '">', h(case_state_label($view['state'])), "</span></p>\n";

    echo '<h3>', h(t('case.trail')), "</h3>\n";
    if (!$view['trail']) {
        echo '<p id="no-trail">', h(t('case.no_trail')), "</p>\n";
    }
    echo '<table class="trail" id="trail"><thead><tr>';
    foreach (['seq', 'date', 'event', 'actor', 'role', 'parent', 'detail', 'note', 'change'] as $k) {
        echo '<th scope="col">', h(t($k)), '</th>';
    }
    echo "</tr></thead><tbody>\n";
    foreach ($view['trail'] as $e) {
        echo '<tr data-event="', h($e['event']), '"><td>', h($e['sequence']), '</td><td>', h($e['date']), '</td><td>', h($view['labels'][$e['event']] ?? event_label($e['event'])),
             '</td><td>', h($e['actor']), '</td><td>', h($e['role']), '</td><td>', h($e['parent_id']), '</td><td>',
             h($e['detail']), '</td><td class="note">', nl2br(h($e['note'])), '</td><td>',
             h(case_state_label($e['state_before'])), ' → ', h(case_state_label($e['state_after'])), "</td></tr>\n";
    }
    echo "</tbody></table>\n";

    echo '<h3>', h(t('case.next', $view['date'])), "</h3>\n<div class=\"events\">\n";
    foreach ($view['next'] as $n) {
        if (!$n['possible']) {
            continue;
        }
        $spec = CASE_EVENT_FIELDS[$n['event']] ?? [];
        echo '<form class="event" method="post" action="apply.php" data-event="', h($n['event']), '">',
             '<h4>', h($n['label']), '</h4>',
             '<input type="hidden" name="csrf" value="', h($token), '">',
             '<input type="hidden" name="pupil" value="', h($id), '">',
             '<input type="hidden" name="event" value="', h($n['event']), '">',
             '<input type="hidden" name="version" value="', h(count($view['trail'])), '">',
             '<input type="hidden" name="lang" value="', h(lang()), '">',
             // ISO dates, as everywhere in the portal (a date picker would show the browser's locale's order)
             '<label>', h(t('date')), ' <input type="text" name="date" required value="', h($view['date']), '"',
             ' inputmode="numeric" pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}" placeholder="YYYY-MM-DD" maxlength="10"',
             ' title="YYYY-MM-DD"></label>',
             '<label>', h(t('actor')), ' <input type="text" name="actor" required maxlength="128" autocomplete="name"></label>',
             '<label>', h(t('role')), ' <input type="text" name="role" required maxlength="128"></label>';
        if (!empty($spec['parent'])) {
            echo '<label>', h(t('parent')), ' <input type="text" name="parent" required maxlength="64"></label>';
        }
        if (!empty($spec['detail'])) {
            if (isset($spec['choices'])) {
                echo '<label>', h(t('detail')), ' <select name="detail" required>';
                foreach ($spec['choices'] as $c) {
                    echo '<option value="', h($c), '">', h($c), '</option>';
                }
                echo '</select></label>';
            } else {
                echo '<label>', h(t('detail')), ' <input type="text" name="detail" maxlength="200"',
                     !empty($spec['required']) ? ' required' : '', '></label>';
            }
        }
        echo '<label>', h(t('note')), ' <textarea name="note" maxlength="2000" rows="1"></textarea></label>',
             '<button type="submit">', h(t('case.record')), "</button></form>\n";
    }
    echo "</div>\n";

    echo '<h3>', h(t('case.not_now', $view['date'])), "</h3>\n<ul class=\"impossible\" id=\"impossible\">\n";
    foreach ($view['next'] as $n) {
        if ($n['possible']) {
            continue;
        }
        echo '<li data-event="', h($n['event']), '"><button type="button" class="disabled-event" disabled>', h($n['label']),
             '</button> <span class="reason" lang="', h(lang()), '" title="', h($n['reason']), '">', h($n['why']),
             "</span></li>\n";
    }
    echo "</ul>\n";

    echo "</section>\n";
}

/** An event id as a label: "concern_raised" -> "concern raised". */
function event_label(string $event): string
{
    return str_replace('_', ' ', $event);
}

// ---- what the portal needs from PHP ---------------------------------------------------------------------
foreach (['ssat' => 'the ssat extension (libssat)', 'pdo_sqlite' => 'PDO SQLite (php8.2-sqlite3)'] as $ext => $what) {
    if (!extension_loaded($ext)) {
        error_log("ssat portal: PHP has no $ext: start the portal with examples/php/portal/run.sh");
        throw new PortalError("The portal cannot run: PHP has not loaded $what. Start it with examples/php/portal/run.sh.", 500);
    }
}
