<?php
// Audit (session 6): hostile or mistaken arguments that the PHP extension turns into a result that does not
// mean what the caller gave. Each case states what the extension should do. Cases marked 'defect' were
// defects, fixed since (sessions 6 and 7): the script runs them all, lists those that fail and exits 1 while
// any fails. Cases marked 'questionable' were reviewed and kept (PHP's own coercion rules or the C API
// rightly allow them): they are listed, never fail the script.
require __DIR__ . '/support.php';

$results = ['defect' => [], 'questionable' => []];

/** Run $fn, which should throw one of $classes ('A|B'); record a failure under $severity otherwise. */
function expect(string $severity, string $what, string $classes, callable $fn): void
{
    global $results;
    $GLOBALS['ssat_checks']++;
    try {
        $r = $fn();
        $results[$severity][] = "$what: expected $classes, got the result " . show($r);
    } catch (Throwable $e) {
        foreach (explode('|', $classes) as $class) {
            if ($e instanceof $class) {
                return;
            }
        }
        $results[$severity][] = "$what: expected $classes, got " . get_class($e) . ': ' . $e->getMessage();
    }
}

function fresh_register(): \Ssat\Register
{
    $reg = new \Ssat\Register(\Ssat\CodeSet::builtin('wales-2010'));
    $reg->addMarks('2024-09-02', str_repeat('/\\', 20));
    return $reg;
}

// ---- defect 1: a pupil fact set from a bool: true is SSAT_FACT_NO (1), false SSAT_FACT_UNKNOWN (0) -------
// setFact()'s int parameter takes a bool by PHP's rules, so setFact(PUPIL_ON_ROLL, true) records "known to
// be false". A bool must be refused (TypeError) or mean FACT_YES / FACT_NO.
$p = new \Ssat\Pupil('P1');
foreach ([true, false] as $b) {
    $GLOBALS['ssat_checks']++;
    try {
        $p->setFact(\Ssat\PUPIL_ON_ROLL, $b);
        $got = $p->getFact(\Ssat\PUPIL_ON_ROLL);
        $want = $b ? \Ssat\FACT_YES : \Ssat\FACT_NO;
        if ($got !== $want) {
            $results['defect'][] = 'setFact(PUPIL_ON_ROLL, ' . show($b) . "): stored $got, meaning the opposite of "
                                 . show($b) . " (want TypeError or $want)";
        }
    } catch (TypeError $e) {
    }
}

// ValueError, or the extension's own InvalidArgumentException as dateFormatLong() throws for lang 7.
const UNKNOWN_VALUE = ValueError::class . '|' . \Ssat\InvalidArgumentException::class;

// ---- defect 2: an unknown language, category, state, outcome, question or fact gives '' or UNKNOWN -----
// The C API documents "" / SSAT_OUTCOME_UNKNOWN / SSAT_FACT_UNKNOWN for an unknown value, but the binding
// hands that back as an answer; dateFormatLong(.., 7) and Certificate::render(.., 7) already refuse lang 7.
expect('defect', 'categoryName(1, 7)', UNKNOWN_VALUE, fn() => \Ssat\categoryName(1, 7));
expect('defect', 'categoryName(99, LANG_EN)', UNKNOWN_VALUE, fn() => \Ssat\categoryName(99, \Ssat\LANG_EN));
expect('defect', 'outcomeName(0, 7)', UNKNOWN_VALUE, fn() => \Ssat\outcomeName(0, 7));
expect('defect', 'outcomeName(99, LANG_EN)', UNKNOWN_VALUE, fn() => \Ssat\outcomeName(99, \Ssat\LANG_EN));
expect('defect', 'caseStateName(1, 7)', UNKNOWN_VALUE, fn() => \Ssat\caseStateName(1, 7));
expect('defect', 'caseStateName(99, LANG_EN)', UNKNOWN_VALUE, fn() => \Ssat\caseStateName(99, \Ssat\LANG_EN));
expect('defect', 'Pupil::getFact(99)', UNKNOWN_VALUE, fn() => (new \Ssat\Pupil('P'))->getFact(99));
$cal = new \Ssat\Calendar(2024);
$decision = \Ssat\referralEvaluate(\Ssat\Policy::builtin(), fresh_register(), $cal, null, '2024-10-01');
expect('defect', 'Decision::answer(99)', UNKNOWN_VALUE, fn() => $decision->answer(99));

// ---- defect 3: batch offsets of the wrong type are an Ssat\InvalidArgumentException, not a TypeError -----
// (the int parameters of the extension follow PHP's rules: '50' is 50 there, a float a TypeError)
$cal2 = new \Ssat\Calendar(2024);
$cal2->clearTerms();
$cal2->addTerm('autumn', '2024-09-02', '2024-12-20');
$batch = new \Ssat\Batch(\Ssat\CodeSet::builtin('wales-2010'), \Ssat\Policy::builtin('carmarthenshire'), $cal2, '2024-10-04');
$two = str_repeat('/\\', 50);
foreach (['50.0' => 50.0, 'null' => null, '[50]' => [50]] as $label => $v) {
    expect('defect', "Batch::evaluate offsets [0, $label, 100]", TypeError::class, fn() => $batch->evaluate($two, [0, $v, 100]));
}

// An offset must be an int: a numeric string is the wrong type, as for every element of an int array.
expect('defect', "Batch::evaluate offsets [0, '50', 100]", TypeError::class,
       fn() => $batch->evaluate($two, [0, '50', 100]));
// A bool on a free-text field was stored as "yes"; a bool is for a yes/no field only.
expect('defect', "Certificate::set('pupil_name', true)", TypeError::class,
       fn() => (new \Ssat\Certificate(fresh_register(), $cal, $cal->windowYearToDate('2024-10-01')))->set('pupil_name', true));
expect('defect', "Pack::add('letter', reference: true)", TypeError::class,
       fn() => (new \Ssat\Pack())->add('letter', ['date_sent' => '2024-10-04', 'reference' => true]));
$GLOBALS['ssat_checks']++;
$meeting = new \Ssat\Pack();
$meeting->add('meeting', ['held' => true, 'parent_attended' => false]);
if ([$meeting->get(0, 'held'), $meeting->get(0, 'parent_attended')] !== ['yes', 'no']) {
    $results['defect'][] = 'Pack::add(meeting, held: true, parent_attended: false): not stored as yes/no';
}
// A window array with a misspelt key, or holding both a key and an index for one field: the key won
// and the rest was ignored, silently.
expect('defect', 'summary([list..., first_date => ...]) (ambiguous window)', TypeError::class,
       fn() => fresh_register()->summary(['2024-09-10', 'AM', '2024-09-30', 'PM', 'first_date' => '2024-09-01']));
expect('defect', 'summary(window + [typo => 1]) (unknown key ignored)', TypeError::class,
       fn() => fresh_register()->summary(['first_date' => '2024-09-01', 'first_half' => 'AM',
                                          'last_date' => '2024-09-30', 'last_half' => 'PM', 'lastdate' => '2024-09-06']));
// Out-of-range indexes gave null rather than the RangeException of ParentRecord::at() or Pack::remove().
$school = new \Ssat\School(\Ssat\CodeSet::builtin());
expect('defect', 'School::pupilId(99)', \Ssat\RangeException::class, fn() => $school->pupilId(99));
expect('defect', 'Pack::kind(99)', \Ssat\RangeException::class, fn() => (new \Ssat\Pack())->kind(99));

// ---- questionable ---------------------------------------------------------------------------------------
// Reviewed and kept (session 7): these follow PHP's own weak-mode rules for int and bool parameters, which
// the extension applies as PHP's functions do (declare(strict_types=1) makes each a TypeError), or the C
// API's documented choice. They are listed, so a change of mind is one word.
// PHP's own coercions that change the meaning of a domain value:
$pol = \Ssat\Policy::builtin('carmarthenshire');
expect('questionable', 'Policy::setBool(key, "false") (stored true)', TypeError::class,
       fn() => $pol->setBool('absence.severe.enabled', 'false'));
expect('questionable', 'Policy::setComparator(key, true) (CMP_LE)', TypeError::class,
       fn() => $pol->setComparator('referral.attendance.comparator', true));
expect('questionable', 'percentCompare(323, 380, CMP_LE, true) (1 %)', TypeError::class,
       fn() => \Ssat\percentCompare(323, 380, \Ssat\CMP_LE, true));
expect('questionable', 'CodeSet::define(code, true) (category 1)', TypeError::class,
       fn() => (new \Ssat\CodeSet('m'))->define('Z', true));
expect('questionable', 'categoryName(null, 0): deprecation, then "present"', TypeError::class,
       fn() => @\Ssat\categoryName(null, 0));
// The batch keeps the marks array's keys (it gave 0..n-1 whatever the keys were, losing the pupil ids).
$GLOBALS['ssat_checks']++;
$byId = $batch->evaluate(['P2' => str_repeat('O', 50), 'P1' => $two]);
if (array_keys($byId) !== ['P2', 'P1']) {
    $results['defect'][] = "Batch::evaluate(['P2' => ..., 'P1' => ...]): results keyed " . show(array_keys($byId))
                               . ' (the pupil ids are lost; refuse string keys or keep them)';
}
// The C API ignores these, documented; the caller's value is dropped silently.
expect('questionable', 'ParentRecord::add(PARENT_WARNING, .., window) (window dropped)', \Ssat\InvalidArgumentException::class,
       fn() => (new \Ssat\ParentRecord('X'))->add(\Ssat\PARENT_WARNING, 'P1', '2024-10-04', $cal->windowYearToDate('2024-10-01')));
expect('questionable', 'windowKindFormat(WINDOW_YEAR_TO_DATE, 7) (n dropped)', \Ssat\InvalidArgumentException::class,
       fn() => \Ssat\windowKindFormat(\Ssat\WINDOW_YEAR_TO_DATE, 7));
expect('defect', 'Batch::columnArray of 5 bytes (last byte dropped)', \Ssat\InvalidArgumentException::class,
       fn() => \Ssat\Batch::columnArray("\1\0\0\0\1"));
expect('defect', 'Batch::columnGet of 5 bytes', \Ssat\InvalidArgumentException::class,
       fn() => \Ssat\Batch::columnGet("\1\0\0\0\1", 0));

foreach ($results['questionable'] as $r) {
    echo "QUESTIONABLE: $r\n";
}
foreach ($results['defect'] as $r) {
    echo "DEFECT: $r\n";
}
if ($results['defect'] !== []) {
    fwrite(STDERR, count($results['defect']) . " defect(s)\n");
    exit(1);
}
done();
