<?php
// CSV exports as an MIS writes them (ssat/csvmap.h) from PHP: column names, UK dates, session names and
// local codes for registers, pupils and calendars; problems at file:line:column.
require __DIR__ . '/support.php';

$map = new SsatCsvMap();
$map->setColumns('pupil_id=Adno,date=Date,session=Session,mark=Mark,date_of_birth=DOB,name=Name,start=From,end=To');
$map->setDateFormat('dd/mm/yyyy');
$map->loadCodes("local,statutory\nill,I\n", 'codes.csv');
check_same(1, $map->codeCount(), 'one local code');

$export = "Adno,Date,Session,Mark\n1001,02/09/2024,Morning,/\n1001,02/09/2024,Afternoon,ill\n1001,03/09/2024,pm,/\n";
$school = new SsatSchool(SsatCodeSet::builtin('wales-2010'));
check_same(3, $school->importString($export, SSAT_CSV_LONG, 'export.csv', $map)['rows'], 'mapped long export');
check_same('I', $school->register('1001')->mark('2024-09-02', SSAT_PM), 'local code read as statutory');
check_same('/', $school->register('1001')->mark('2024-09-03', SSAT_PM), 'pm');
$r = $school->importFile('data://text/plain;base64,' . base64_encode("Adno,DOB,Name\n1001,11/02/2013,Ioan Lewis\n"),
                          SSAT_CSV_PUPILS, 'pupils.csv', $map);
check_same(1, $r['rows'], 'mapped pupils file');
check_same('Ioan Lewis', $school->detail('1001', 'name'), 'name');

$bad = new SsatSchool(SsatCodeSet::builtin('wales-2010'));
$e = check_throws('SsatInvalidDataException',
                  fn() => $bad->importString($export . "1001,2024-09-04,AM,zz\n", SSAT_CSV_LONG, 'export.csv', $map));
check_same([['import.date_dmy', 5, 6], ['import.unknown_code', 5, 20]],
           array_map(fn($p) => [$p['id'], $p['line'], $p['column']], $e->problems), 'problems located');
check_same([], $bad->ids(), 'nothing imported');
$e = check_throws('SsatInvalidDataException', fn() => (new SsatCsvMap())->loadCodes("local,statutory\na,\n", 'c.csv'));
check_same([['csvmap.code', 2, 3]], array_map(fn($p) => [$p['id'], $p['line'], $p['column']], $e->problems), 'code map');
check_throws('SsatInvalidArgumentException', fn() => (new SsatCsvMap())->setDateFormat('mm/dd/yyyy'), 'neither');

$cal = new SsatCalendar(2024);
$cal->importTerms("Name,From,To\nautumn,02/09/2024,20/12/2024\n", 'terms.csv', $map);
check_same(1, $cal->termCount(), 'mapped terms');
$cal->importClosures("Name,From,To\nINSET,02/09/2024,02/09/2024\n", 'closures.csv', $map);
check(!$cal->isSchoolDay('2024-09-02'), 'mapped closure');
echo "ok\n";
