<?php
// Schools (ssat/school.h): CSV imports (files, strings, chunked feeds), all or nothing, problems at
// file:line:column, the calendar's terms and closures files, and lifetimes of what a school hands out.
require __DIR__ . '/support.php';

$data = source_dir() . '/examples/data';
$sample = "$data/sample_school_2024.csv";

function totals(SsatSchool $school, array $window, ?array $ids = null): array
{
    $out = [];
    foreach ($ids ?? $school->ids() as $id) {
        $s = $school->register($id)->summary($window);
        $out[$id] = [$s['possible'], $s['attended'], $s['unauthorised'], $s['entries']];
    }
    return $out;
}

$cal = calendar_2024();
check_same(3, $cal->termCount(), 'three terms');
check_same(['name' => 'autumn', 'first' => '2024-09-02', 'last' => '2024-12-20'], $cal->termAt(0), 'autumn term');
check(!$cal->isSchoolDay('2024-10-28'), 'half-term closure');
$ytd = $cal->windowYearToDate('2025-07-18');

// ---- the sample school -------------------------------------------------------------------------------
$school = new SsatSchool(SsatCodeSet::builtin('wales-2010'));
$r = $school->importFile("$data/pupils_2024.csv", SSAT_CSV_PUPILS);
check_same(['source' => "$data/pupils_2024.csv", 'kind' => 'pupils', 'rows' => 1000, 'problems' => []], $r,
           'pupils import record');
$r = $school->importFile($sample);
check_same([1000, 'auto', []], [$r['rows'], $r['kind'], $r['problems']], 'register import');
check_same(1000, $school->count(), 'count');
$ids = $school->ids();
check_same(1000, count($ids), 'ids');
check_same(['P00001', 'P00002'], array_slice($ids, 0, 2), 'first ids');
$sorted = $ids;
sort($sorted, SORT_STRING);
check_same($sorted, $ids, 'ids in ascending order');
check_same('P01000', $school->pupilId(999), 'pupil_id');
check_throws(\Ssat\RangeException::class, fn() => $school->pupilId(1000), 'pupil 1000 does not exist: the school has 1000 pupil(s)');
check_same(0, $school->index('P00001'), 'index');
check($school->contains('P00500') && !$school->contains('P99999'), 'contains');
check_same('2025-07-18', $school->lastDate(), 'last date');
check_same([], $school->checkYear(2024), 'every mark in 2024/25');

// One stray row dated years away does not move the year; check_year() locates it (issue 15, item 7).
$rows = "pupil_id,date,session,mark\n";
for ($d = 2; $d <= 30; $d++)
    foreach (['AM', 'PM'] as $h)
        foreach (['A', 'B'] as $p)
            $rows .= sprintf("%s,2024-09-%02d,%s,/\n", $p, $d, $h);
$stray = new SsatSchool(SsatCodeSet::builtin('wales-2010'));
$stray->importString($rows . "C,2031-07-14,AM,/\n", SSAT_CSV_AUTO, 'stray.csv');
check_same('2024-09-30', $stray->lastDate(), 'last date of the year the marks are about');
$w = $stray->checkYear(2024);
check_same([['school.mark_outside_year', 118, 17, '2031-07-14']],
           array_map(fn($p) => [$p['id'], $p['line'], $p['column'], $p['date']], $w), 'the stray mark, located');
check(str_starts_with($w[0]['message_en'], 'stray.csv:118:17: '), 'message located');
check_throws('SsatRangeException', fn() => $stray->checkYear(9999));
check_same('Ioan Lewis', $school->detail('P00001', 'name'), 'name');
check_same('7', $school->detail('P00001', 'year_group'), 'year group');
check_same('2013-02-11', $school->pupil('P00001')->dateOfBirth(), 'date of birth');
check_same('wales-2010', $school->codeset()->name(), 'code set');
$s = $school->register('P00001')->summary($ytd);
check_same([380, 323, 85.0], [$s['possible'], $s['attended'], $s['attendance_pct']], 'P00001 summary 380/323');
check_same(['source' => $sample, 'line' => 2, 'column' => 27], $school->locate('P00001', '2024-09-06', 'AM'),
           'locate a mark');
check_throws('SsatNotFoundException', fn() => $school->register('P99999'), 'P99999');
check_throws('SsatNotFoundException', fn() => $school->pupil('P99999'));
check_throws('SsatNotFoundException', fn() => $school->index('P99999'));
check_throws('SsatNotFoundException', fn() => $school->detail('P99999', 'name'));
check_throws('SsatInvalidArgumentException', fn() => $school->detail('P00001', 'age'), "'age'");
check_throws('SsatInvalidArgumentException', fn() => $school->locate('P00001', '2024-09-06', 'XX'));

// Registers built one by one from the same rows agree.
$fh = fopen($sample, 'r');
fgetcsv($fh);
for ($i = 0; ($row = fgetcsv($fh)) !== false; $i++) {
    if ($i % 97 !== 0) {
        continue;
    }
    $own = new SsatRegister(SsatCodeSet::builtin('wales-2010'));
    $own->addMarks($row[1], $row[2]);
    check_same($own->summary($ytd), $school->register($row[0])->summary($ytd), "pupil $row[0] one by one");
}
fclose($fh);
$expected = totals($school, $ytd, array_slice($ids, 0, 1000, false));

// ---- strings and chunked feeds give the same school ----------------------------------------------
$text = file_get_contents($sample);
$pick = ['P00001', 'P00250', 'P00777', 'P01000'];
$want = array_intersect_key($expected, array_flip($pick));
$s2 = new SsatSchool(SsatCodeSet::builtin());
check_same(1000, $s2->importString($text, SSAT_CSV_WIDE, 'sample.csv')['rows'], 'import_string');
check_same($want, totals($s2, $ytd, $pick), 'string import = file import');
foreach ([65536, 4093, 977] as $size) {
    $s3 = new SsatSchool(SsatCodeSet::builtin());
    $imp = $s3->beginImport(SSAT_CSV_AUTO, 'chunks.csv');
    check($imp->isOpen(), 'open');
    for ($i = 0; $i < strlen($text); $i += $size) {
        $imp->feed(substr($text, $i, $size));
    }
    $rec = $imp->finish();
    check(!$imp->isOpen(), 'closed after finish');
    check_same(['chunks.csv', 1000], [$rec['source'], $rec['rows']], "chunked by $size");
    check_same($want, totals($s3, $ytd, $pick), "chunks of $size = whole");
}
// Cut inside quotes and CRLF, one byte at a time.
$tiny = "pupil_id,start_date,marks\r\n\"P1\",2024-09-02,\"/\\/\\O\\\"\r\n\"P\"\"2\",2024-09-02,\"IIO\"\r\nP3,2024-09-09,/\\";
foreach ([1, 2, 5] as $size) {
    $s4 = new SsatSchool(SsatCodeSet::builtin());
    $imp = $s4->beginImport(SSAT_CSV_WIDE);
    foreach (str_split($tiny, $size) as $chunk) {
        $imp->feed($chunk);
    }
    check_same(3, $imp->finish()['rows'], "tiny by $size");
    check_same(['P"2', 'P1', 'P3'], $s4->ids(), 'quoted ids');
    check_same(6, $s4->register('P1')->entryCount(), 'P1 entries');
}
// Stream wrappers work for files.
$s5 = new SsatSchool(SsatCodeSet::builtin());
check_same(1, $s5->importFile('data://text/plain;base64,' . base64_encode("pupil_id,start_date,marks\nA,2024-09-02,/\n"),
                                SSAT_CSV_AUTO, 'inline.csv')['rows'], 'data:// stream');
check_throws('SsatNotFoundException', fn() => $s5->importFile("$data/missing.csv"), 'cannot open');

// Long layout, a second file into the same registers, pupils-file warnings.
$s6 = new SsatSchool(SsatCodeSet::builtin('england-2024'));
$s6->importString("pupil_id,date,session,mark\nA,2024-09-02,AM,/\nA,2024-09-02,PM,C1\nB,2024-09-03,PM,\n",
                   SSAT_CSV_LONG, 'long.csv');
check_same('C1', $s6->register('A')->mark('2024-09-02', 'PM'), 'two-character code');
check_same('-', $s6->register('B')->mark('2024-09-03', 'PM'), 'missing mark');
$s6->importString("pupil_id,start_date,marks\nA,2024-09-09,/\\\nC,2024-09-09,//\n", SSAT_CSV_AUTO, 'wide.csv');
check_same(['A', 'B', 'C'], $s6->ids(), 'second file');
check_same(4, $s6->register('A')->entryCount(), 'entries over two files');
check_same('wide.csv', $s6->locate('A', '2024-09-09', 'AM')['source'], 'located in the second file');
$rec = $s6->importString("pupil_id,date_of_birth,name\nA,2013-02-11,\"Jones, Nia\"\nZ,,Zac\n", SSAT_CSV_PUPILS,
                          'pupils.csv');
check_same(['import.pupil_unknown'], array_column($rec['problems'], 'id'), 'pupils warning');
check_same([SSAT_SEVERITY_WARNING, 3, 1], [$rec['problems'][0]['severity'], $rec['problems'][0]['line'],
           $rec['problems'][0]['column']], 'warning location');
check(str_starts_with($rec['problems'][0]['message_cy'], 'pupils.csv:3:1: '), 'Welsh message located');
check_same('Jones, Nia', $s6->detail('A', 'name'), 'quoted name');
check_throws('SsatNotFoundException', fn() => $s6->pupil('Z')->dateOfBirth());

// ---- malformed files: all or nothing -------------------------------------------------------------
$bad = "pupil_id,start_date,marks\nA,2024-09-02,/\\\nB,2024-09-31,/\\\nC,2024-09-02,/\\Q\n\"D,2024-09-02,/\\\n";
$s7 = new SsatSchool(SsatCodeSet::builtin());
$s7->importString("pupil_id,start_date,marks\nA,2024-09-09,OO\nE,2024-09-02,/\n", SSAT_CSV_AUTO, 'good.csv');
$before = totals($s7, $ytd);
$e = check_throws('SsatInvalidDataException', fn() => $s7->importString($bad, SSAT_CSV_AUTO, 'bad.csv'),
                  '3 errors in bad.csv; first: bad.csv:3:3: ');
check($e instanceof SsatException, 'InvalidData is an SsatException');
check_same(SSAT_ERR_INVALID_DATA, $e->getCode(), 'code');
check_same([['import.date', 3, 3], ['import.unknown_code', 4, 16], ['import.quote', 5, 1]],
           array_map(fn($p) => [$p['id'], $p['line'], $p['column']], $e->problems), 'problems');
check_same(['bad.csv:3:3', 'bad.csv:4:16', 'bad.csv:5:1'],
           array_map(fn($p) => explode(': ', $p['message_en'])[0], $e->problems), 'file:line:column');
check(str_starts_with($e->problems[1]['message_cy'], 'bad.csv:4:16: '), 'Welsh message located');
check_same(['A', 'E'], $s7->ids(), 'no pupil added');
check_same($before, totals($s7, $ytd), 'registers unchanged');
// The same through a file stream and by hand.
$tmp = tempnam(sys_get_temp_dir(), 'ssat');
file_put_contents($tmp, $bad);
$e2 = check_throws('SsatInvalidDataException', fn() => $s7->importFile($tmp, SSAT_CSV_WIDE, 'bad.csv'));
unlink($tmp);
check_same(array_column($e->problems, 'message_en'), array_column($e2->problems, 'message_en'), 'same problems');
$imp = $s7->beginImport(SSAT_CSV_AUTO, 'bad.csv');
foreach (str_split($bad, 7) as $chunk) {
    $imp->feed($chunk);
}
check_same(['import.date', 'import.unknown_code'], array_column($imp->problems(), 'id'), 'problems so far');
check_throws('SsatInvalidDataException', fn() => $imp->finish());
check_same(3, count($imp->problems()), 'problems after finish');
check_throws('SsatStateException', fn() => $imp->finish(), 'finished or closed');
check_throws('SsatStateException', fn() => $imp->feed('x'));
// Errors counted as they come; problems once shown may be forgotten, and errors still fail the import.
$imp = $s7->beginImport(SSAT_CSV_AUTO, 'bad.csv');
$imp->feed($bad);
check_same(2, $imp->errorCount(), 'errors so far');
$imp->clearProblems();
check_same([[], 0], [$imp->problems(), $imp->errorCount()], 'problems forgotten');
check_throws('SsatInvalidDataException', fn() => $imp->finish());
$e = check_throws('SsatInvalidDataException', fn() => $s7->importString(
    "pupil_id,date,session,mark\nE,2024-09-03,AM,/\nA,2024-09-09,AM,/\n", SSAT_CSV_LONG, 'dup.csv'));
check_same([['import.duplicate_mark', 3]], array_map(fn($p) => [$p['id'], $p['line']], $e->problems), 'duplicate');
check_same($before, totals($s7, $ytd), 'unchanged after a duplicate');
foreach ([['', SSAT_CSV_AUTO, 'import.empty'], ["id,when\nA,B\n", SSAT_CSV_AUTO, 'import.header_unknown'],
          ["pupil_id,marks\nA,/\n", SSAT_CSV_WIDE, 'import.header']] as [$d, $k, $id]) {
    $e = check_throws('SsatInvalidDataException', fn() => $s7->importString($d, $k));
    check_same($id, $e->problems[0]['id'], $id);
}
check_throws('SsatInvalidArgumentException', fn() => $s7->beginImport(9));
// A feed of 256 KiB or more on two threads (setThreads(2)) gives the school of one thread.
$big = file_get_contents($data . '/sample_school_2024.csv');
check(strlen($big) >= 256 * 1024, 'the sample is large enough for a second thread');
$one = new \Ssat\School(\Ssat\CodeSet::builtin('wales-2010'));
$one->importString($big, SSAT_CSV_AUTO, 'one.csv');
$two = new \Ssat\School(\Ssat\CodeSet::builtin('wales-2010'));
$imp = $two->beginImport(\Ssat\CSV_AUTO, 'two.csv');
$imp->setThreads(2);
$imp->feed($big);
$imp->finish();
check_same(totals($one, $ytd), totals($two, $ytd), 'two threads, same registers');
$imp = $two->beginImport(\Ssat\CSV_AUTO, 'again.csv');
check_throws('Ssat\\InvalidArgumentException', fn() => $imp->setThreads(3));
$imp->close();
check_throws('Ssat\\StateException', fn() => $imp->setThreads(2));

// One import at a time; an abandoned import changes nothing.
$imp = $s7->beginImport(SSAT_CSV_LONG);
check_throws('SsatStateException', fn() => $s7->importString("pupil_id,start_date,marks\nQ,2024-09-02,/\n"),
             'another import');
$imp->feed("pupil_id,date,session,mark\nN,2024-09-02,AM,/\n");
$imp->close();
$imp->close();
check_same(['A', 'E'], $s7->ids(), 'abandoned import');
$s7->importString("pupil_id,date,session,mark\nE,2024-09-03,AM,/\n");
check_same(2, $s7->register('E')->entryCount(), 'imports again');

// ---- the calendar's files --------------------------------------------------------------------------
$c2 = new SsatCalendar(2024);
$c2->importTerms("name,start,end\nautumn,2024-09-02,2024-12-20\nspring,2025-01-06,2025-04-11\n");
$terms = [$c2->termAt(0), $c2->termAt(1)];
$e = check_throws('SsatInvalidDataException', fn() => $c2->importTerms(
    "name,start,end\na,2024-09-02,2024-12-20\nb,2024-12-01,2025-04-11\nc,2025-04-31,2025-05-01\n", 'terms.csv'));
$found = array_map(fn($p) => [$p['id'], $p['line']], $e->problems);
check(in_array(['import.term_overlap', 3], $found, true) && in_array(['import.date', 4], $found, true), 'term problems');
foreach ($e->problems as $p) {
    check(str_starts_with($p['message_en'], "terms.csv:{$p['line']}:{$p['column']}: "), 'terms file:line:column');
}
check_same(2, $c2->termCount(), 'terms unchanged');
check_same($terms, [$c2->termAt(0), $c2->termAt(1)], 'terms unchanged');
$e = check_throws('SsatInvalidDataException', fn() => $c2->importClosures("name,start,end\nx,2024-09-10,2024-09-09\n"));
check_same('import.date_order', $e->problems[0]['id'], 'closure order');
check(str_starts_with($e->problems[0]['message_en'], '<input>:2:'), 'default source');

// ---- lifetimes ---------------------------------------------------------------------------------------
$reg = $school->register('P00001');
$pupil = $school->pupil('P00001');
$codes = $school->codeset();
$school = null;
gc_collect_cycles();
check_same(323, $reg->summary($ytd)['attended'], 'register after the school is gone');
check_same('2013-02-11', $pupil->dateOfBirth(), 'pupil record after the school is gone');
check_same('wales-2010', $codes->name(), 'code set after the school is gone');
$pupil->setFact(SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES);
$decision = \Ssat\referralEvaluate(SsatPolicy::builtin('carmarthenshire'), $reg, $cal, $pupil, '2025-07-18');
$r1 = $decision->find('referral.r1.attendance');
check_same([323, 380, SSAT_OUTCOME_MET], [$r1['value'], $r1['whole'], $r1['outcome']], 'rules on a school register');
check_throws('SsatStateException', fn() => $reg->addMark('2025-07-21', 'AM', '/'), 'read-only');
check_throws('SsatStateException', fn() => $reg->amendMark('2024-09-04', 'AM', 'O'), 'read-only');
check_throws('SsatStateException', fn() => $reg->addMarks('2025-07-21', '/'), 'read-only');
$reg = $pupil = $codes = null;
gc_collect_cycles();

// Facts set on a school's record stay with the school.
$s8 = new SsatSchool(SsatCodeSet::builtin());
$s8->importString("pupil_id,date_of_birth\nA,2013-02-11\n", SSAT_CSV_PUPILS);
$s8->pupil('A')->setFact(SSAT_PUPIL_SUPPORT_OFFERED, SSAT_FACT_YES);
check_same(SSAT_FACT_YES, $s8->pupil('A')->getFact(SSAT_PUPIL_SUPPORT_OFFERED), 'fact kept by the school');

// An import keeps its school alive; dropping both in either order is safe.
$s9 = new SsatSchool(SsatCodeSet::builtin());
$imp = $s9->beginImport(SSAT_CSV_WIDE, 'late.csv');
$s9 = null;
gc_collect_cycles();
$imp->feed("pupil_id,start_date,marks\nA,2024-09-02,/\\\n");
check_same(1, $imp->finish()['rows'], 'import after its school variable is gone');
foreach ([true, false] as $import_first) {
    $s10 = new SsatSchool(SsatCodeSet::builtin());
    $imp = $s10->beginImport();
    $imp->feed("pupil_id,start_date,marks\nA,2024-09-02,/\n");
    if ($import_first) {
        $imp = null;
        $s10 = null;
    } else {
        $s10 = null;
        $imp = null;
    }
    gc_collect_cycles();
}
// An open import left for shutdown (freed before its school, whatever the order of the variables).
$s11 = new SsatSchool(SsatCodeSet::builtin());
$GLOBALS['left_open'] = $s11->beginImport();
$GLOBALS['left_open']->feed("pupil_id,start_date,marks\n");

done();
