<?php
/*
 * Shared by tests/php/test_*.php. Run each test as ctest does:
 *   php -n -d extension=build/.../ssat.so -d zend.assertions=1 -d assert.exception=1 tests/php/test_x.php
 * Any failed check throws (uncaught: exit status 255). Debian's php.ini disables assert() (pitfall 3),
 * so this file first proves that assertions are live, and turns every warning, notice and deprecation
 * into an exception.
 */
if (ini_get('zend.assertions') !== '1') {
    fwrite(STDERR, "zend.assertions is not 1: run with -d zend.assertions=1 -d assert.exception=1\n");
    exit(1);
}
try {
    assert(false, 'probe');
    fwrite(STDERR, "assert() did not throw: run with -d assert.exception=1\n");
    exit(1);
} catch (AssertionError $e) {
}
if (!extension_loaded('ssat')) {
    fwrite(STDERR, "the ssat extension is not loaded: run with -d extension=/path/to/ssat.so\n");
    exit(1);
}
error_reporting(E_ALL);
set_error_handler(function (int $no, string $message, string $file, int $line): bool {
    if ((error_reporting() & $no) === 0) {
        return false;  // not reported here (without_deprecations() below, or @)
    }
    throw new ErrorException($message, 0, $no, $file, $line);
});

$GLOBALS['ssat_checks'] = 0;

/** $fn's result with E_DEPRECATED not reported (the deprecated PHP names of the extension still work). */
function without_deprecations(callable $fn)
{
    $level = error_reporting(E_ALL & ~E_DEPRECATED);
    try {
        return $fn();
    } finally {
        error_reporting($level);
    }
}

function show($v): string
{
    return str_replace("\n", ' ', var_export($v, true));
}

function check(bool $condition, string $what = 'check'): void
{
    $GLOBALS['ssat_checks']++;
    assert($condition, $what);
}

function check_same($expected, $actual, string $what = 'value'): void
{
    $GLOBALS['ssat_checks']++;
    assert($expected === $actual, "$what: expected " . show($expected) . ', got ' . show($actual));
}

/** Runs $fn, which must throw a $class; returns the exception. */
function check_throws(string $class, callable $fn, ?string $message_part = null): Throwable
{
    $GLOBALS['ssat_checks']++;
    try {
        $fn();
    } catch (Throwable $e) {
        assert($e instanceof $class, "expected $class, got " . get_class($e) . ': ' . $e->getMessage());
        if ($message_part !== null) {
            assert(str_contains($e->getMessage(), $message_part),
                   "message of " . get_class($e) . " lacks '$message_part': " . $e->getMessage());
        }
        return $e;
    }
    assert(false, "expected $class, nothing was thrown");
}

/** Weekday dates from $start ('YYYY-MM-DD', a weekday). */
function weekdays(string $start, int $count): array
{
    $d = new DateTimeImmutable($start);
    $out = [];
    while (count($out) < $count) {
        if ((int)$d->format('N') <= 5) {
            $out[] = $d->format('Y-m-d');
        }
        $d = $d->modify('+1 day');
    }
    return $out;
}

function source_dir(): string
{
    return getenv('SSAT_SOURCE_DIR') ?: dirname(__DIR__, 2);
}

// The sample school's 2024/25 calendar (examples/data: its terms and closures, read without a problem).
function calendar_2024(): SsatCalendar
{
    $data = source_dir() . '/examples/data';
    $cal = new SsatCalendar(2024);
    check_same([], $cal->importTerms(file_get_contents("$data/terms_2024.csv"), 'terms_2024.csv'), 'terms');
    check_same([], $cal->importClosures(file_get_contents("$data/closures_2024.csv")), 'closures');
    return $cal;
}

// England's limb window across 1 August (docs/rules.md's worked example): the England code set, this
// year's calendar (autumn term from 2 September 2024) and the previous year's (summer term to Friday 19
// July 2024), so that on 25 September 2024 the last 10 school weeks reach back to 10 June.
function england_two_years(): array
{
    $this_year = new SsatCalendar(2024);
    $this_year->clearTerms();
    $this_year->addTerm('autumn', '2024-09-02', '2024-12-20');
    $previous = new SsatCalendar(2023);
    $previous->clearTerms();
    $previous->addTerm('summer', '2024-04-08', '2024-07-19');
    return [SsatCodeSet::builtin('england-2024'), $this_year, $previous];
}

function done(): void
{
    echo basename($_SERVER['SCRIPT_NAME']), ': OK, ', $GLOBALS['ssat_checks'], " checks\n";
}
