<?php
// Common Transfer Files (ssat/ctf.h) from PHP: a CTF from a string and from a file (any stream wrapper),
// a warning for a total that differs from the marks, errors at file:line:column with nothing imported,
// and the nation's code set.
require __DIR__ . '/support.php';

$ctf = <<<'XML'
<?xml version="1.0"?>
<CTfile><Header><SourceSchool><LEA>669</LEA></SourceSchool></Header><CTFpupilData>
<Pupil><UPN>Q669400124000</UPN><Forename>Ioan</Forename><Surname>Lewis</Surname><DOB>2013-02-11</DOB>
<Attendance><YearData><Year>2024</Year><LEA>669</LEA><SessionsAttended>3</SessionsAttended>
<AttendSessions><AttendanceStartDate>2024-09-06</AttendanceStartDate><AttendanceMarks>/\####IO</AttendanceMarks>
</AttendSessions></YearData></Attendance></Pupil>
</CTFpupilData></CTfile>
XML;

$school = new SsatSchool(SsatCodeSet::builtin('wales-2010'));
$rec = $school->importCtfString($ctf, 'one.xml');
check_same(['one.xml', 'ctf', 1], [$rec['source'], $rec['kind'], $rec['rows']], 'record');
check_same([['ctf.totals', 4, 54]], array_map(fn($p) => [$p['id'], $p['line'], $p['column']], $rec['problems']),
           'totals warning');
check(str_contains($rec['problems'][0]['message_cy'], 'mae SessionsAttended yn 3 yn y ffeil ond yn 2'), 'Welsh warning');
check_same(['Q669400124000'], $school->ids(), 'UPN is the pupil id');
check_same('Ioan Lewis', $school->detail('Q669400124000', 'name'), 'name');
check_same('O', $school->register('Q669400124000')->mark('2024-09-09', SSAT_PM), 'mark');

$bad = new SsatSchool(SsatCodeSet::builtin('wales-2010'));
$e = check_throws('SsatInvalidDataException', fn() => $bad->importCtfString(str_replace('IO<', 'IQ<', $ctf), 'bad.xml'));
check_same([['ctf.unknown_code', 5, 94]], array_map(fn($p) => [$p['id'], $p['line'], $p['column']], $e->problems),
           'unknown code located');
check_same([], $bad->ids(), 'nothing imported');
$rec = $bad->importCtfFile('data://text/plain;base64,' . base64_encode($ctf), 'wrapped.xml');
check_same(1, $rec['rows'], 'stream wrapper');
check_throws('SsatNotFoundException', fn() => $bad->importCtfFile(source_dir() . '/examples/data/missing.xml'), 'cannot open');

check_same('wales-2010', \Ssat\ctfCodeSet($ctf), 'Welsh code set');
check_same('england-2024', \Ssat\ctfCodeSet('<CTfile><Header><SourceSchool><LEA>201</LEA>'), 'English code set');
check_same(1, \Ssat\ctfDetect($ctf), 'XML detected');
check_same(0, \Ssat\ctfDetect("pupil_id,date\n"), 'CSV is not XML');
echo "ok\n";
