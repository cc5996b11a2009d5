<?php
/*
 * attendance_summary: each pupil's school-year-to-date attendance from a wide register file.
 *
 *   php -d extension=ssat attendance_summary.php REGISTER.csv [--terms TERMS.csv]
 *       [--closures CLOSURES.csv] [--as-of YYYY-MM-DD] [--all]
 *
 * REGISTER.csv holds "pupil_id,start_date,marks" rows (the wide layout: one character per session,
 * AM then PM, every weekday from start_date; "." where the school did not meet). TERMS.csv and
 * CLOSURES.csv hold "name,start,end" rows.
 *
 * Without --all it lists the pupils whose attendance is below 90 %, then totals for the school. The
 * as-of date defaults to the last session in the register, never to the machine's clock. The same
 * task as examples/c/attendance_summary.c, with the PHP extension (from the build tree:
 * php -d extension=build/bindings/php/ext/ssat.so ...).
 */

function read_rows(string $path): array
{
    $f = fopen($path, 'r');
    if ($f === false) {
        fwrite(STDERR, "attendance_summary: cannot open $path\n");
        exit(1);
    }
    $rows = [];
    $header = fgetcsv($f);
    while (($row = fgetcsv($f)) !== false) {
        $rows[] = $row;
    }
    fclose($f);
    return $rows;
}

function usage(): never
{
    fwrite(STDERR, "usage: attendance_summary.php REGISTER.csv [--terms F] [--closures F] [--as-of DATE] [--all]\n");
    exit(2);
}

$opt = ['register' => null, 'terms' => null, 'closures' => null, 'as-of' => null, 'all' => false];
for ($i = 1; $i < $argc; $i++) {
    $a = $argv[$i];
    if (in_array($a, ['--terms', '--closures', '--as-of'], true) && $i + 1 < $argc) {
        $opt[substr($a, 2)] = $argv[++$i];
    } elseif ($a === '--all') {
        $opt['all'] = true;
    } elseif ($a[0] !== '-' && $opt['register'] === null) {
        $opt['register'] = $a;
    } else {
        usage();
    }
}
if ($opt['register'] === null) {
    usage();
}

echo 'libssat ', \Ssat\versionString(), "\n";
$codes = \Ssat\CodeSet::builtin('wales-2010');

// One register per pupil. The marks string goes to libssat as it is (no copy).
$pupils = [];
$line = 1;
foreach (read_rows($opt['register']) as [$pupil_id, $start, $marks]) {
    $line++;
    $reg = new \Ssat\Register($codes);
    try {
        $reg->addMarks($start, $marks);
    } catch (\Ssat\InvalidDataException $e) {
        $column0 = strlen($pupil_id) + strlen($start) + 2; // the marks field starts after two commas
        foreach ($e->problems as $p) {
            fwrite(STDERR, "{$opt['register']}:$line:" . ($column0 + $p['column']) . ": {$p['message_en']}\n");
        }
        exit(1);
    }
    $pupils[$pupil_id] = $reg;
}
$codes = null; // the registers keep the code set alive

try {
    if ($opt['as-of'] !== null) {
        try {
            $as_of = \Ssat\dateFormat($opt['as-of']); // checks the date
        } catch (\Ssat\Exception $e) {
            fwrite(STDERR, "attendance_summary: --as-of: {$e->getMessage()}\n");
            exit(1);
        }
    } else {
        $as_of = null;
        foreach ($pupils as $reg) {
            if ($reg->entryCount() > 0) {
                $last = $reg->span()['last_date'];
                $as_of = ($as_of === null || strcmp($last, $as_of) > 0) ? $last : $as_of; // ISO dates sort as text
            }
        }
        if ($as_of === null) {
            fwrite(STDERR, "attendance_summary: the register is empty\n");
            exit(1);
        }
    }

    $cal = new \Ssat\Calendar(\Ssat\dateSchoolYear($as_of));
    if ($opt['terms'] !== null) {
        $cal->clearTerms();
        foreach (read_rows($opt['terms']) as [$name, $first, $last]) {
            $cal->addTerm($name, $first, $last);
        }
    }
    if ($opt['closures'] !== null) {
        foreach (read_rows($opt['closures']) as [$name, $first, $last]) {
            $cal->addClosure($first, $last);
        }
    }
    $ytd = $cal->windowYearToDate($as_of);
} catch (\Ssat\Exception $e) {
    fwrite(STDERR, "attendance_summary: {$e->getMessage()}\n");
    exit(1);
}

$year = $cal->schoolYear();
printf("School year %d/%02d to date, as of %s: %d pupils\n\n", $year, ($year + 1) % 100, $as_of, count($pupils));
printf("%-10s %8s %8s %8s %8s %8s  %s\n", 'pupil', 'possible', 'attended', 'auth', 'unauth', 'attend%', 'flags');
$possible = $attended = $not_evaluable = $at_or_below_85 = $below_90 = 0;
foreach ($pupils as $pupil_id => $reg) {
    $s = $reg->summary($ytd, true); // the record, plus 'summary' => \Ssat\Summary for exact comparisons
    // Exact comparisons: 323 of 380 is exactly 85 % and meets "85 % or lower".
    $le85 = $s['evaluable'] && $s['summary']->compare(\Ssat\RATE_ATTENDANCE, \Ssat\CMP_LE, 85);
    $lt90 = $s['evaluable'] && $s['summary']->compare(\Ssat\RATE_ATTENDANCE, \Ssat\CMP_LT, 90);
    $possible += $s['possible'];
    $attended += $s['attended'];
    $not_evaluable += $s['evaluable'] ? 0 : 1;
    $at_or_below_85 += $le85 ? 1 : 0;
    $below_90 += $lt90 ? 1 : 0;
    if ($opt['all'] || $lt90 || !$s['evaluable']) {
        // attendance_pct is null when not evaluable: never show 0 % or 100 %.
        $pct = $s['attendance_pct'] === null ? sprintf('%8s', 'n/a') : sprintf('%7.1f%%', $s['attendance_pct']);
        $flags = ($le85 ? '<=85% ' : '') . ($lt90 ? '<90%' : '') . ($s['evaluable'] ? '' : 'not evaluable');
        printf("%-10s %8d %8d %8d %8d %s  %s\n", $pupil_id, $s['possible'], $s['attended'], $s['authorised'],
               $s['unauthorised'], $pct, $flags);
    }
}
if ($possible > 0) {
    $school = \Ssat\percentTenths($attended, $possible);
    printf("\nSchool: %d of %d possible sessions attended (%d.%d%%); %d pupils at or below 85%%, %d below 90%%, "
           . "%d not evaluable\n", $attended, $possible, intdiv($school, 10), $school % 10, $at_or_below_85, $below_90,
           $not_evaluable);
}
