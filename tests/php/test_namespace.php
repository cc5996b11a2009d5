<?php
// The PHP names of issue 17 (bindings/php/namespace.i): classes in the Ssat namespace with camelCase
// methods, Ssat\ functions and constants, Ssat\*Exception; the global names as aliases of the same
// classes and functions (deprecated, one release: calling an old function or method raises E_DEPRECATED).
declare(strict_types=1);

require __DIR__ . '/support.php';

use Ssat\Batch;
use Ssat\Calendar;
use Ssat\CaseFile;
use Ssat\CodeSet;
use Ssat\Policy;
use Ssat\Pupil;
use Ssat\Register;
use Ssat\School;

use function Ssat\dateParse;
use function Ssat\referralEvaluate;
use function Ssat\versionString;

// Classes: the namespaced name is the real one; the old one is an alias of the same class.
$codes = CodeSet::builtin('wales-2010');
$reg = new Register($codes);
check_same('Ssat\Register', get_class($reg), 'get_class');
check($reg instanceof \SsatRegister && $reg instanceof Register, 'one class, two names');
check_same('Ssat\Register', (new ReflectionClass('SsatRegister'))->getName(), 'the old name is an alias');
check_same('Ssat\CaseFile', (new ReflectionClass('SsatCase'))->getName(), 'SsatCase: Case is reserved');
check_same('Ssat\ParentRecord', (new ReflectionClass('SsatParent'))->getName(), 'SsatParent: parent is reserved');

// camelCase methods are the snake_case ones (same handler): same results, same exceptions.
$reg->addMarks('2024-09-02', str_repeat('/\\', 161) . '/' . str_repeat('O', 57));
$cal = new Calendar(2024);
$window = $cal->windowYearToDate('2025-07-18');
// The snake_case name is deprecated, as PHP deprecates its own functions (support.php turns the notice
// into an ErrorException); with deprecations not reported it still gives the same result.
check_throws(ErrorException::class, fn() => $cal->window_year_to_date('2025-07-18'),
             'Method Ssat\Calendar::window_year_to_date() is deprecated');
check((new ReflectionMethod($cal, 'window_year_to_date'))->isDeprecated(), 'reflection: deprecated');
check(!(new ReflectionMethod($cal, 'windowYearToDate'))->isDeprecated(), 'reflection: the twin is not');
check_same($window, without_deprecations(fn() => $cal->window_year_to_date('2025-07-18')), 'windowYearToDate');
$summary = $reg->summary($window);
check_same(323, $summary['attended'], 'attended');
check_same(380, $summary['possible'], 'possible');
check_same('addMarks', (new ReflectionMethod($reg, 'addMarks'))->getName(), 'the method is called addMarks');
check_same((new ReflectionMethod($reg, 'add_marks'))->getNumberOfParameters(),
           (new ReflectionMethod($reg, 'addMarks'))->getNumberOfParameters(), 'same parameters');

// Exceptions: one Ssat\*Exception per status, all extending Ssat\Exception.
$e = check_throws(\Ssat\DuplicateException::class, fn() => $reg->addMark('2024-09-02', 'AM', '/'));
check($e instanceof \Ssat\Exception && $e instanceof \SsatDuplicateException, 'Ssat\Exception, alias too');
check_same(\Ssat\ERR_DUPLICATE, $e->getCode(), 'the status is the code');
check_same(\Ssat\ERR_DUPLICATE, \Ssat\DuplicateException::STATUS, 'STATUS');
$e = check_throws(\Ssat\InvalidDataException::class, fn() => $reg->addMarks('2024-09-09', '/Q'));
check(is_array($e->problems), 'problems');
check_throws(\Ssat\ParseException::class, fn() => dateParse('2024-9-2'), 'character 7');

// Functions and constants.
check_throws(ErrorException::class, fn() => ssat_version_string(), 'Function ssat_version_string() is deprecated');
check_same(without_deprecations(fn() => ssat_version_string()), versionString(), 'versionString');
check_same(SSAT_LANG_CY, \Ssat\LANG_CY, 'constant');
check_same(SSAT_BATCH_REFERRAL_R1, \Ssat\BATCH_REFERRAL_R1, 'batch flag');
$pupil = new Pupil('P1');
$pupil->setDateOfBirth('2013-02-11');
$decision = referralEvaluate(Policy::builtin('carmarthenshire'), $reg, $cal, $pupil, '2025-07-18');
check_same('Ssat\Decision', get_class($decision), 'a returned object has the namespaced class');
check(count($decision->criteria()) > 0, 'criteria');

// Static methods, serialize() (the real name is written; the old one still reads).
$policy = Policy::builtin('carmarthenshire');
$ser = serialize($policy);
check(str_starts_with($ser, 'O:11:"Ssat\Policy"'), 'serialize writes Ssat\Policy');
check($policy->equals(unserialize($ser)), 'round trip');
$old = 'O:10:"SsatPolicy"' . substr($ser, strlen('O:11:"Ssat\Policy"'));
check($policy->equals(unserialize($old)), 'a string serialized with the old name still loads');
$case = new CaseFile('P1', $policy);
$case->apply(null, null, 'concern_raised', '2024-09-20', 'Ms Jones', 'attendance officer');
check(CaseFile::fromJson($case->toJson(), $policy)->equals($case), 'CaseFile::fromJson');

// Batch::evaluate and a school.
$cal2 = new Calendar(2024);
$cal2->clearTerms();
$cal2->addTerm('autumn', '2024-09-02', '2024-12-20');
$batch = new Batch($codes, $policy, $cal2, '2024-10-04');
$rows = $batch->evaluate(str_repeat('/\\', 25) . str_repeat('OO', 25), [0, 50, 100]);
check_same(50, $rows[0]['attended'], 'Batch::evaluate');
check_same(0, $rows[1]['attended'], 'Batch::evaluate, second pupil');
check(($rows[1]['flags'] & \Ssat\BATCH_REFERRAL_R1) !== 0, 'R1');
$school = new School($codes);
$school->importString("pupil_id,start_date,marks\nP1,2024-09-02,/\\/\\\n", \Ssat\CSV_AUTO, 'a.csv');
check_same(['P1'], $school->ids(), 'School::importString');

// A subclass in user code uses the new names like any class.
final class MyRegister extends Register
{
}
check((new MyRegister($codes)) instanceof \SsatRegister, 'a user subclass');

done();
