<?php
// Summaries as arrays, exact thresholds, the worked examples of docs/rules.md, "Worked examples", 85 % exactly,
// and many rows evaluated one register each (the loop is the caller's: ssat_evaluate_many is gone).
require __DIR__ . '/support.php';

$wales = SsatCodeSet::builtin('wales-2010');

function summary_of(SsatCodeSet $codes, string $marks, string $start = '2024-09-02'): array
{
    $reg = new SsatRegister($codes);
    $reg->addMarks($start, $marks);
    return $reg->summary($reg->span(), true);
}

$totals_keys = ['possible', 'attended', 'authorised', 'unauthorised', 'not_counted', 'missing', 'present',
                'approved_activity', 'late_before_close', 'late_after_close', 'holiday_authorised',
                'holiday_unauthorised', 'provisional', 'exclusion', 'illness', 'entries'];

// Example 1: present 80, L 5, V 2, I 5, O 8, plus 6 "#".
$s = summary_of($wales, str_repeat('/', 80) . str_repeat('L', 5) . 'VV' . str_repeat('I', 5) . str_repeat('O', 8) . str_repeat('#', 6));
check_same(['window', ...$totals_keys, 'evaluable', 'attendance_tenths', 'attendance_pct', 'code_counts', 'summary'],
           array_keys($s), 'summary record keys');
check_same([100, 87, 5, 8, 6], [$s['possible'], $s['attended'], $s['authorised'], $s['unauthorised'], $s['not_counted']], 'ex 1 totals');
check_same(true, $s['evaluable'], 'ex 1 evaluable');
check_same(870, $s['attendance_tenths'], 'ex 1 tenths');
check_same(87.0, $s['attendance_pct'], 'ex 1 percent');
check($s['summary']->compare(SSAT_RATE_ABSENCE, SSAT_CMP_GE, 10), 'ex 1 persistently absent');
check(!$s['summary']->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 85), 'ex 1 R1 not met');
check_same(8, $s['code_counts']['O'], 'ex 1 O count');
check_same(6, $s['code_counts']['#'], 'ex 1 # count');
check_same($s['possible'], $s['attended'] + $s['authorised'] + $s['unauthorised'], 'possible identity');

// Example 2: exactly 85 % is "85 % or lower".
$s = summary_of($wales, str_repeat('/', 323) . str_repeat('O', 57));
check_same([380, 323, 85.0], [$s['possible'], $s['attended'], $s['attendance_pct']], 'ex 2 totals');
$o = $s['summary'];
check($o->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 85), 'ex 2 R1 met (inclusive)');
check(!$o->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 85), 'ex 2 not below 85');
check($o->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 90), 'ex 2 below 90');
check($o->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_GE, 85, 1) && !$o->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_GT, 85, 1), 'ex 2 >= 85');
check(\Ssat\percentCompare(323, 380, SSAT_CMP_LE, 85), 'percent_compare 323/380 <= 85');
check(!\Ssat\percentCompare(322, 380, SSAT_CMP_GE, 85), 'percent_compare 322/380 >= 85');
check_same(850, \Ssat\percentTenths(323, 380), 'percent_tenths');
check_same(2, \Ssat\percentDecimals(312, 367, 85, 1), 'two decimals beside 85 %');
check_same('85.01', \Ssat\percentFormat(312, 367, 2), 'percent_format');
check_same('85.0', \Ssat\percentFormat(323, 380), 'percent_format default');
check_same(84.7, summary_of($wales, str_repeat('/', 322) . str_repeat('O', 58))['attendance_pct'], 'just under');
check_same(850, $o->attendanceTenths(), 'object tenths');
check_same(57, $o->codeCount('O'), 'object code count');
check_throws('SsatUnknownCodeException', fn() => $o->codeCount('Q'));
check_same(array_combine($totals_keys, array_map(fn($k) => $s[$k], $totals_keys)), $o->totals(), 'object totals');
check_same($s['window'], $o->window(), 'object window');

// Example 3: only Z and # : not evaluable, no threshold holds, no percentage.
$s = summary_of($wales, 'ZZZZZZ####');
check_same([false, 0, 10, null, null], [$s['evaluable'], $s['possible'], $s['not_counted'], $s['attendance_pct'], $s['attendance_tenths']], 'ex 3');
check(!$s['summary']->evaluable(), 'ex 3 object');
check_throws('SsatNotEvaluableException', fn() => $s['summary']->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 85));
check_throws('SsatNotEvaluableException', fn() => $s['summary']->attendanceTenths());
check_throws('SsatNotEvaluableException', fn() => \Ssat\percentCompare(0, 0, SSAT_CMP_LT, 90));

// Example 4: 10 G in the autumn term, year to date 60 possible, 50 attended (83.3 %).
foreach (['G' => true, 'H' => false] as $code => $limb) {
    $reg = new SsatRegister($wales);
    $reg->addMarks('2024-09-02', str_repeat('/', 50) . str_repeat($code, 10));
    $cal = new SsatCalendar(2024);
    $term = $reg->summary($cal->windowTerm('autumn', '2024-10-11'));
    $ytd = $reg->summary($cal->windowYearToDate('2024-10-11'), true);
    check_same([60, 50, 83.3], [$ytd['possible'], $ytd['attended'], $ytd['attendance_pct']], "ex 4 $code ytd");
    $holiday_limb = $term['holiday_unauthorised'] >= 10 && $ytd['summary']->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 90);
    check_same($limb, $holiday_limb, "ex 4 FPN holiday limb with $code");
    check($ytd['summary']->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 85), "ex 4 R1 holds with $code");
}

// Fractional thresholds: 1 of 3 against 33.3 % (333/10).
$o = summary_of($wales, '/OO')['summary'];
check($o->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_GT, 333, 10), '1/3 > 33.3 %');
check($o->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_LE, 100, 3) && $o->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_GE, 100, 3), '1/3 == 100/3 %');
check_throws('SsatInvalidArgumentException', fn() => $o->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 90, 0));

// SsatSummary objects directly, and records without the object.
$reg = new SsatRegister($wales);
$reg->addMarks('2024-09-02', '/\\I\\O\\');
$direct = new SsatSummary($reg, $reg->span());
check_same(667, $direct->attendanceTenths(), 'direct summary');
check(!array_key_exists('code_counts', $direct->record()), 'record without a code set');
check_same(1, $direct->record($wales)['code_counts']['I'], 'record with a code set');
check_same(667, $reg->compute($reg->span())->attendanceTenths(), 'compute');
check(!array_key_exists('summary', $reg->summary($reg->span())), 'no object unless asked');

// ---- batch ----------------------------------------------------------------------------------------
$data = source_dir() . '/examples/data';
$rows = array_map('str_getcsv', array_slice(file("$data/sample_school_2024.csv", FILE_IGNORE_NEW_LINES), 1));
$cal = new SsatCalendar(2024);
$cal->clearTerms();
foreach (array_slice(file("$data/terms_2024.csv", FILE_IGNORE_NEW_LINES), 1) as $line) {
    [$name, $first, $last] = str_getcsv($line);
    $cal->addTerm($name, $first, $last);
}
foreach (array_slice(file("$data/closures_2024.csv", FILE_IGNORE_NEW_LINES), 1) as $line) {
    [$name, $first, $last] = str_getcsv($line);
    $cal->addClosure($first, $last);
}
$ytd = $cal->windowYearToDate('2025-07-18');
// Many rows: the loop is the caller's (ssat_evaluate_many is gone; a school evaluates through
// SsatSchool and SsatBatch::evaluate_school), one register per row.
$many = [];
foreach ($rows as [$id, $start, $marks]) {
    $reg = new SsatRegister($wales);
    $reg->addMarks($start, $marks);
    $many[] = $reg->summary($ytd) + ['pupil_id' => $id];
}
check_same(count($rows), count($many), 'one summary per row');
check_same([380, 323, 85.0], [$many[0]['possible'], $many[0]['attended'], $many[0]['attendance_pct']], 'P00001');
check(!function_exists('ssat_evaluate_many'), 'no loop of its own in the extension');

done();
