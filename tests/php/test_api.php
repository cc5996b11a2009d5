<?php
// The PHP API: version, dates, code sets, calendars, registers, summaries, Welsh UTF-8.
require __DIR__ . '/support.php';

// ---- version --------------------------------------------------------------------------------------
check(preg_match('/^\d+\.\d+\.\d+$/', \Ssat\versionString()) === 1, 'version string');
check_same(SSAT_VERSION_STRING, \Ssat\versionString(), 'header == library');
check_same(SSAT_VERSION_NUMBER, \Ssat\versionNumber(), 'version number');

// ---- dates ----------------------------------------------------------------------------------------
check_same('2024-09-02', \Ssat\dateParse('2024-09-02'), 'parse');
check_same('2024-02-29', \Ssat\dateFromYmd(2024, 2, 29), 'from ymd');
check_same([2024, 2, 29], \Ssat\dateToYmd('2024-02-29'), 'to ymd');
check_same('2025-01-06', \Ssat\dateFormat('2025-01-06'), 'format');
// dates in words for prose: every month in both languages, on the 1st and the last day
$en = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
       'November', 'December'];
$cy = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref',
       'Tachwedd', 'Rhagfyr'];
for ($m = 1; $m <= 12; $m++) {
    $first = sprintf('2025-%02d-01', $m);
    $last = date('Y-m-t', strtotime($first));
    $day = (int)substr($last, 8);
    check_same("1 {$en[$m - 1]} 2025", \Ssat\dateFormatLong($first, SSAT_LANG_EN), "month $m in English");
    check_same("1 {$cy[$m - 1]} 2025", \Ssat\dateFormatLong($first, SSAT_LANG_CY), "month $m in Welsh");
    check_same("$day {$en[$m - 1]} 2025", \Ssat\dateFormatLong($last, SSAT_LANG_EN), "last of month $m");
    check_same("$day {$cy[$m - 1]} 2025", \Ssat\dateFormatLong($last, SSAT_LANG_CY), "diwrnod olaf mis $m");
}
check_same('18 Gorffennaf 2025 / 18 July 2025', \Ssat\dateFormatLong('2025-07-18', SSAT_LANG_CY_EN), 'both');
check_throws('SsatInvalidArgumentException', fn() => \Ssat\dateFormatLong('2025-07-18', 3));
check_same(1, \Ssat\dateWeekday('2024-09-02'), 'Monday');
check_same(7, \Ssat\dateWeekday('2024-09-08'), 'Sunday');
check_same(2024, \Ssat\dateSchoolYear('2025-03-10'), 'school year');
check_same(2023, \Ssat\dateSchoolYear('2024-07-31'), 'school year before August');
check_same('2025-04-20', \Ssat\easterSunday(2025), 'Easter 2025');
check_throws('SsatRangeException', fn() => \Ssat\easterSunday(1500));
check_same(['first_date' => '2024-09-02', 'first_half' => 'AM', 'last_date' => '2024-09-06', 'last_half' => 'PM'],
           \Ssat\windowRange('2024-09-02', '2024-09-06'), 'window record');
check_throws('SsatInvalidArgumentException', fn() => \Ssat\windowRange('2024-09-06', '2024-09-02'));

// ---- code sets ------------------------------------------------------------------------------------
check_same(['wales-2010', 'england-2024'], SsatCodeSet::builtinNames(), 'built-in names');
check_same(2, \Ssat\codesetBuiltinCount(), 'built-in count');
check_same('england-2024', \Ssat\codesetBuiltinName(1), 'built-in name');
check_same(null, \Ssat\codesetBuiltinName(2), 'built-in name out of range');
check_same('wales-2010', SsatCodeSet::builtin()->name(), 'default set');
check_same('wales-2010', SsatCodeSet::builtin(null)->name(), 'null is the default set');
$wales = SsatCodeSet::builtin('wales-2010');
check_same(26, $wales->size(), 'size');
check_same(26, $wales->count(), 'count (ssat_codeset_count, issue 16)');
$codes = $wales->codes();
check_same(26, count($codes), 'codes');
check_same(['index' => 0, 'code' => '/', 'category' => SSAT_CATEGORY_PRESENT, 'flags' => 0,
            'label_en' => 'Present (morning)', 'label_cy' => 'Presennol (bore)'], $codes[0], 'first code');
check_same($codes[3], $wales->at(3), 'at');
check_throws(\Ssat\RangeException::class, fn() => $wales->at(26), 'code 26 does not exist: the set has 26');
$o = $wales->lookup('O');
check_same(SSAT_CATEGORY_UNAUTHORISED, $o['category'], 'O is unauthorised');
check_same(SSAT_FLAG_HOLIDAY, $wales->lookup('G')['flags'] & SSAT_FLAG_HOLIDAY, 'G is a holiday');
check_same(SSAT_FLAG_LATE_AFTER_CLOSE, $wales->lookup('U')['flags'], 'U is late after close');
check_throws('SsatUnknownCodeException', fn() => $wales->lookup('Q'));
check_same('absenoldeb heb awdurdod', \Ssat\categoryName(SSAT_CATEGORY_UNAUTHORISED, SSAT_LANG_CY), 'Welsh category');
check_same('unauthorised absence', \Ssat\categoryName(SSAT_CATEGORY_UNAUTHORISED, SSAT_LANG_EN), 'English category');
check_throws('SsatInvalidArgumentException', fn() => \Ssat\categoryName(99, SSAT_LANG_EN),
             'category: 99 is not a value of ssat_category (0 to 4)');

// A custom set with Welsh labels: UTF-8 goes in and comes back byte for byte.
$local = new SsatCodeSet('sir-gar');
check(!$local->isFrozen(), 'new set unfrozen');
$label_cy = 'absenoldeb heb awdurdod – gwyliau heb eu cytuno (ŵ ŷ â)';
$local->define('/', SSAT_CATEGORY_PRESENT, 0, 'present', 'presennol');
$local->define('G1', SSAT_CATEGORY_UNAUTHORISED, SSAT_FLAG_HOLIDAY, 'holiday not agreed', $label_cy);
check_same($label_cy, $local->lookup('G1')['label_cy'], 'Welsh label round trip');
$local->define('G1', SSAT_CATEGORY_AUTHORISED);
check_same('', $local->lookup('G1')['label_cy'], 'redefined without labels');
$local->remove('G1');
check_throws('SsatNotFoundException', fn() => $local->remove('G1'));
check_throws('SsatInvalidArgumentException', fn() => $local->define('ABCDE', SSAT_CATEGORY_PRESENT));
check_throws('SsatInvalidArgumentException', fn() => new SsatCodeSet(''));
$reg = new SsatRegister($local);
check($local->isFrozen(), 'used set is frozen');
check_throws('SsatStateException', fn() => $local->define('Q', SSAT_CATEGORY_PRESENT));
$copy = $local->copy('sir-gar-2');
check(!$copy->isFrozen() && $copy->name() === 'sir-gar-2' && $copy->size() === 1, 'copy');

// ---- calendars ------------------------------------------------------------------------------------
$cal = new SsatCalendar(2024);
check_same(2024, $cal->schoolYear(), 'school year');
check_same(3, $cal->termCount(), 'default terms');
check_same(['name' => 'spring', 'first' => '2025-01-01', 'last' => '2025-04-20'], $cal->termAt(1), 'spring to Easter');
check_throws('SsatRangeException', fn() => $cal->termAt(3));
$cal->clearTerms();
check_same(0, $cal->termCount(), 'cleared');
$cal->addTerm('autumn', '2024-09-02', '2024-12-20');
$cal->addTerm('spring', '2025-01-06', '2025-04-11');
$cal->addTerm('summer', '2025-04-28', '2025-07-18');
check_throws('SsatDuplicateException', fn() => $cal->addTerm('autumn', '2025-07-21', '2025-07-25'));
check_throws('SsatRangeException', fn() => $cal->addTerm('next', '2025-09-01', '2025-09-30'));
$cal->addClosure('2024-10-28', '2024-11-01');
check(!$cal->isSchoolDay('2024-10-30'), 'half-term');
check($cal->isSchoolDay('2024-09-04'), 'school day');
check(!$cal->isSchoolDay('2024-09-07'), 'Saturday');
check_same(4, $cal->countSchoolDays('2024-09-02', '2024-09-05'), 'count');
check_same(['first_date' => '2024-08-01', 'first_half' => 'AM', 'last_date' => '2025-03-14', 'last_half' => 'PM'],
           $cal->windowYearToDate('2025-03-14'), 'year to date');
check_same('2025-01-06', $cal->windowTerm(null, '2025-03-14')['first_date'], 'current term');
check_same('2024-12-20', $cal->windowTerm('autumn', '2025-03-14')['last_date'], 'named term');
check_throws('SsatNotFoundException', fn() => $cal->windowTerm('winter', '2025-03-14'));
check_same('2025-03-03', $cal->windowLastWeeks('2025-03-14', 2)['first_date'], 'last weeks');
check_throws('SsatInvalidArgumentException', fn() => $cal->windowLastWeeks('2025-03-14', 0));

// ---- registers ------------------------------------------------------------------------------------
$reg = new SsatRegister($wales);
check_same('wales-2010', $reg->codesetName(), 'register code set');
check_same(26, count($reg->codes()), 'register codes');
$reg->addMark('2024-09-02', SSAT_AM, '/');
$reg->addMark('2024-09-02', 'PM', '\\');
$reg->addMark('2024-09-03', 'am', 'L');
$reg->addMark('2024-09-03', SSAT_PM, '-');
check_same('/', $reg->mark('2024-09-02', 'AM'), 'mark');
check_same('-', $reg->mark('2024-09-03', 'PM'), 'missing mark');
check_same(null, $reg->mark('2024-09-04', 'AM'), 'no entry');
$reg->amendMark('2024-09-03', 'PM', 'I');
check_same('I', $reg->mark('2024-09-03', 'PM'), 'amended');
check_throws('SsatNotFoundException', fn() => $reg->amendMark('2024-09-04', 'AM', 'I'));
$reg->addMarks('2024-09-04', "/\\O\\L\\" . str_repeat('.', 10) . "/\\");
check_same(12, $reg->entryCount(), 'entries');
check_same(['first_date' => '2024-09-02', 'first_half' => 'AM', 'last_date' => '2024-09-16', 'last_half' => 'PM'],
           $reg->span(), 'span');
check_same('2024-09-06', $reg->windowLastSessions('2024-09-10', 2)['first_date'], 'last sessions');
check_throws('SsatNotFoundException', fn() => (new SsatRegister($wales))->span());
$problems = $reg->validate($cal);
check_same(['register.missing_mark'], array_values(array_unique(array_column($problems, 'id'))), 'validation');
check_same(10, count($problems), 'the week of 9 Sep (".") is a gap of 10 school-day sessions');
check_same(SSAT_SEVERITY_ERROR, $problems[0]['severity'], 'missing marks are errors');
check_same(['2024-09-09', 'AM'], [$problems[0]['date'], $problems[0]['half']], 'first gap');

done();
