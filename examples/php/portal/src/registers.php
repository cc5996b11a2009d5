<?php
/*
 * Registers: imported once (the import page or bin/import.php) and stored in SQLite; never re-read per
 * request.
 *
 * An import hands what a school exports to the library (\Ssat\School: the register in the long or wide
 * CSV layout, the pupils file; \Ssat\Calendar: terms and closures). The library refuses a file with every
 * problem and its file, line and column, and then nothing is stored. Otherwise, for every pupil, the
 * portal stores
 * - the register itself, as the library's wide layout (one mark per session from the first session:
 *   \Ssat\Register::addMarks() rebuilds it for one pupil's page), and
 * - the headline answers the pupil list shows, as the library gives them on the import's as-of date (the
 *   last date in the register; the library never reads a clock), so the list is one SQL query.
 *
 * A Common Transfer File is read by the library (import_register_ctf() below), pupils and all.
 */
declare(strict_types=1);

/** An import the library refused: its problem records (message_en, message_cy, ...), each with where. */
final class ImportRefused extends RuntimeException
{
    public function __construct(public readonly array $problems)
    {
        parent::__construct('import refused: ' . implode('; ', array_column($problems, 'message_en')));
    }
}

const PORTAL_CODESET = 'wales-2010';
const PORTAL_POLICY = 'carmarthenshire';

/**
 * Import a school's registers and store them, replacing what the school held. $files: 'register',
 * 'pupils', 'terms', 'closures' => [contents, source name for messages]. Returns
 * ['pupils' => count, 'as_of' => date, 'warnings' => problem records]; throws ImportRefused.
 */
function import_school(string $school_id, string $name, array $files, string $by): array
{
    if (!preg_match('/^[a-z0-9][a-z0-9-]{0,31}$/D', $school_id)) {
        throw new InvalidArgumentException("school id '$school_id': 1..32 of a-z, 0-9 and '-'");
    }
    $school = new \Ssat\School(\Ssat\CodeSet::builtin(PORTAL_CODESET));
    $warnings = [];
    $collect = static function (callable $step) use (&$warnings): void {
        try {
            $report = $step();
            foreach (($report['problems'] ?? []) as $p) {
                $warnings[] = $p;
            }
        } catch (\Ssat\InvalidDataException $e) {
            throw new ImportRefused($e->problems ?: [['message_en' => $e->getMessage(), 'message_cy' => $e->getMessage()]]);
        }
    };
    [$register, $source] = $files['register'];
    if (looks_like_ctf($register)) {
        $collect(static fn() => import_register_ctf($school, $register, $source));
    } else {
        $collect(static fn() => $school->importString($register, \Ssat\CSV_AUTO, $source));
        $collect(static fn() => $school->importString($files['pupils'][0], \Ssat\CSV_PUPILS, $files['pupils'][1]));
    }
    if ($school->count() === 0) {
        throw new ImportRefused([problem_record('The register holds no pupil.', 'Nid oes disgybl yn y gofrestr.')]);
    }
    $as_of = $school->lastDate();
    $calendar = new \Ssat\Calendar(\Ssat\dateSchoolYear($as_of));
    $calendar->clearTerms();
    $collect(static fn() => $calendar->importTerms($files['terms'][0], $files['terms'][1]));
    $collect(static fn() => $calendar->importClosures($files['closures'][0], $files['closures'][1]));

    $policy = \Ssat\Policy::builtin(PORTAL_POLICY);
    $window = $calendar->windowYearToDate($as_of);
    $rows = [];
    foreach ($school->ids() as $id) {
        $rows[] = pupil_row($school, $id, $policy, $calendar, $window, $as_of);
    }
    store_school($school_id, $name, \Ssat\dateSchoolYear($as_of), $as_of, $files, $rows, $by);
    return ['pupils' => count($rows), 'as_of' => $as_of, 'warnings' => $warnings];
}

/** A problem record of the portal's own, shaped like the library's. */
function problem_record(string $en, string $cy): array
{
    return ['id' => 'portal.import', 'severity' => \Ssat\SEVERITY_ERROR, 'message_en' => $en, 'message_cy' => $cy];
}

/** Whether an export is XML (a Common Transfer File) rather than CSV. */
function looks_like_ctf(string $data): bool
{
    return preg_match('/^(\xEF\xBB\xBF)?\s*<(\?xml|CTfile)/', $data) === 1;
}

/**
 * Registers and pupils from one Common Transfer File (XML), read by the library's CTF reader
 * (\Ssat\School::importCtfString: the rules of what a CTF means live in the library only). The hook
 * looked for a method `import_ctf` the extension never had, so every CTF was refused.
 */
function import_register_ctf(\Ssat\School $school, string $xml, string $source): array
{
    return $school->importCtfString($xml, $source);
}

/** One pupil's stored row: details, the register in the wide layout, and the headline answers. */
function pupil_row(\Ssat\School $school, string $id, \Ssat\Policy $policy, \Ssat\Calendar $calendar, array $window, string $as_of): array
{
    $reg = $school->register($id);
    $dob = '';
    try {
        $dob = $school->pupil($id)->dateOfBirth();
    } catch (\Ssat\NotFoundException) {
    }
    [$start, $marks, $extras] = register_to_wide($reg);
    $s = $reg->summary($window);
    $outcomes = static fn(\Ssat\Decision $d): array => array_column($d->criteria(), 'outcome', 'id');
    $referral = $outcomes(\Ssat\referralEvaluate($policy, $reg, $calendar, null, $as_of));
    $absence = $outcomes(\Ssat\absenceEvaluate($policy, $reg, $calendar, $as_of));
    $penalty = $outcomes(\Ssat\penaltyEvaluate($policy, $reg, $calendar, null, null, $as_of));
    $limb = false;
    foreach (['unauthorised', 'holiday', 'late', 'combination'] as $l) {
        $limb = $limb || (($penalty["penalty.limb.$l"] ?? null) === \Ssat\OUTCOME_MET);
    }
    return [
        'id' => $id, 'name' => $school->detail($id, 'name'), 'dob' => $dob, 'year_group' => $school->detail($id, 'year_group'),
        'start' => $start, 'marks' => $marks, 'extras' => json_encode($extras),
        'possible' => $s['possible'], 'attended' => $s['attended'], 'unauthorised' => $s['unauthorised'],
        'tenths' => $s['evaluable'] ? (int)$s['attendance_tenths'] : null,
        'persistent' => (int)(($absence['absence.persistent'] ?? null) === \Ssat\OUTCOME_MET),
        'referral' => (int)(($referral['referral.r1.attendance'] ?? null) === \Ssat\OUTCOME_MET
                            && ($referral['referral.r2.unauthorised'] ?? null) === \Ssat\OUTCOME_MET),
        'penalty' => (int)($limb && ($penalty['penalty.year_to_date'] ?? null) === \Ssat\OUTCOME_MET),
    ];
}

/**
 * A register as [start, marks, extras]: one byte per weekday session (AM, PM) from its first session,
 * "." where it has no entry, "-" for a missing mark; codes longer than one byte go to extras as
 * [date, half, code] (their byte is "."). Only a change of representation: the marks are the library's.
 */
function register_to_wide(\Ssat\Register $reg): array
{
    if ($reg->entryCount() === 0) {
        return [null, '', []];
    }
    $span = $reg->span();
    $day = new DateTimeImmutable($span['first_date'], new DateTimeZone('UTC'));
    $last = $span['last_date'];
    $marks = '';
    $extras = [];
    for (; ($date = $day->format('Y-m-d')) <= $last; $day = $day->modify('+1 day')) {
        if ((int)$day->format('N') >= 6) {
            continue;
        }
        foreach ([\Ssat\AM, \Ssat\PM] as $half) {
            $code = $reg->mark($date, $half);
            if ($code !== null && strlen($code) !== 1) {
                $extras[] = [$date, $half, $code];
                $code = null;
            }
            $marks .= $code ?? '.';
        }
    }
    return [$span['first_date'], rtrim($marks, '.'), $extras];
}

function store_school(string $id, string $name, int $year, string $as_of, array $files, array $rows, string $by): void
{
    in_transaction(db(), static function (PDO $pdo) use ($id, $name, $year, $as_of, $files, $rows, $by): void {
        $other = $pdo->prepare('SELECT id, school_id FROM pupils WHERE id = ? AND school_id <> ?');
        foreach ($rows as $r) {
            $other->execute([$r['id'], $id]);
            if (($hit = $other->fetch()) !== false) {
                throw new ImportRefused([problem_record(
                    sprintf('Pupil %s is already a pupil of the school “%s”: pupil ids are unique across the authority.', $r['id'], $hit['school_id']),
                    sprintf('Mae %s eisoes yn ddisgybl yn yr ysgol “%s”: mae rhifau disgyblion yn unigryw drwy’r awdurdod.', $r['id'], $hit['school_id'])
                )]);
            }
        }
        $pdo->prepare('INSERT INTO schools (id, name, codeset, school_year, as_of, terms, closures, imported_at, imported_by)'
                      . ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name,'
                      . ' codeset = excluded.codeset, school_year = excluded.school_year, as_of = excluded.as_of,'
                      . ' terms = excluded.terms, closures = excluded.closures, imported_at = excluded.imported_at,'
                      . ' imported_by = excluded.imported_by')
            ->execute([$id, $name, PORTAL_CODESET, $year, $as_of, $files['terms'][0], $files['closures'][0], utc_now(), $by]);
        $pdo->prepare('DELETE FROM pupils WHERE school_id = ?')->execute([$id]);
        $insert = $pdo->prepare('INSERT INTO pupils (id, school_id, name, dob, year_group, start, marks, extras, possible,'
                                . ' attended, unauthorised, tenths, persistent, referral, penalty)'
                                . ' VALUES (:id, :school, :name, :dob, :year_group, :start, :marks, :extras, :possible,'
                                . ' :attended, :unauthorised, :tenths, :persistent, :referral, :penalty)');
        foreach ($rows as $r) {
            $values = [':school' => $id];
            foreach ($r as $k => $v) {
                $values[":$k"] = $v;
            }
            $insert->execute($values);
        }
    });
}

/** The school's stored row, or null. */
function school_row(string $id): ?array
{
    static $cache = []; // rows found only: a school may be imported later in the same run
    if (!isset($cache[$id])) {
        $q = db()->prepare('SELECT id, name, codeset, school_year, as_of, terms, closures, imported_at FROM schools WHERE id = ?');
        $q->execute([$id]);
        $row = $q->fetch();
        if ($row === false) {
            return null;
        }
        $cache[$id] = $row;
    }
    return $cache[$id];
}

/** Every school: id => name. */
function school_names(): array
{
    return db()->query('SELECT id, name FROM schools ORDER BY name')->fetchAll(PDO::FETCH_KEY_PAIR);
}

/** The pupil's stored row (details, register, headline answers), or null. */
function pupil_row_stored(string $id): ?array
{
    $q = db()->prepare('SELECT * FROM pupils WHERE id = ?');
    $q->execute([$id]);
    return $q->fetch() ?: null;
}

/**
 * Everything the rules need for one pupil, rebuilt from the store: the register (\Ssat\Register), the
 * calendar, the policy, the pupil record, the window of the school year to date and the as-of date.
 */
final class PupilContext
{
    public readonly \Ssat\Register $register;
    public readonly \Ssat\Calendar $calendar;
    public readonly \Ssat\Policy $policy;
    public readonly array $window;
    public readonly string $as_of;
    public readonly array $school;

    public function __construct(public readonly array $row)
    {
        $this->school = school_row($row['school_id']) ?? throw new RuntimeException("pupil {$row['id']}: no school {$row['school_id']}");
        $this->register = new \Ssat\Register(\Ssat\CodeSet::builtin($this->school['codeset']));
        if ($row['marks'] !== '') {
            $this->register->addMarks($row['start'], $row['marks']);
        }
        foreach (json_decode($row['extras'], true, 4, JSON_THROW_ON_ERROR) as [$date, $half, $code]) {
            $this->register->addMark($date, $half, $code);
        }
        $this->calendar = school_calendar($this->school);
        $this->policy = \Ssat\Policy::builtin(PORTAL_POLICY);
        $this->as_of = $this->school['as_of'];
        $this->window = $this->calendar->windowYearToDate($this->as_of);
    }

    /** The pupil's record for the rules: date of birth and on roll (every pupil of a register is). */
    public function pupilRecord(): \Ssat\Pupil
    {
        $p = new \Ssat\Pupil($this->row['id']);
        if ($this->row['dob'] !== '') {
            $p->setDateOfBirth($this->row['dob']);
        }
        $p->setFact(\Ssat\PUPIL_ON_ROLL, \Ssat\FACT_YES);
        return $p;
    }
}

/** The school's calendar from its stored terms and closures. */
function school_calendar(array $school): \Ssat\Calendar
{
    $calendar = new \Ssat\Calendar((int)$school['school_year']);
    $calendar->clearTerms();
    $calendar->importTerms($school['terms'], 'terms');
    $calendar->importClosures($school['closures'], 'closures');
    return $calendar;
}
