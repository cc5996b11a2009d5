<?php
// The C batch API (ssat/batch.h) through SsatBatch: one call for the whole school from one string of
// marks and an array of offsets, equal to the per-pupil API; lists of runs, and schools and registers
// turned into runs by the C API (ssat_batch_evaluate_school, ssat_batch_register_run).
require __DIR__ . '/support.php';

$data = source_dir() . '/examples/data';
$cal = calendar_2024();
$policy = SsatPolicy::builtin('carmarthenshire');
$codes = SsatCodeSet::builtin('wales-2010');
$school = new SsatSchool($codes);
$school->importFile("$data/sample_school_2024.csv");
$batch = new SsatBatch($codes, $policy, $cal, '2025-07-18');
$ytd = $cal->windowYearToDate('2025-07-18');

// ---- sessions -------------------------------------------------------------------------------------
check_same(380, $batch->sessionCount(), 'session count');
check_same(['date' => '2024-09-04', 'half' => 'AM'], $batch->session(0), 'first session (after the INSET days)');
$sessions = $batch->sessions();
check_same(380, count($sessions), 'sessions');
check_same(['date' => '2025-07-18', 'half' => 'PM'], end($sessions), 'last session');
check_throws('SsatRangeException', fn() => $batch->session(380));
check(in_array($batch->kernel(), ['avx512', 'avx2', 'portable'], true), 'kernel');

// ---- the sample school: the batch equals the per-pupil summaries ----------------------------------
$results = $batch->evaluateSchool($school, 2);
check_same(1000, count($results), 'one result per pupil');
check_same($school->ids(), array_column($results, 'pupil_id'), 'in the school order');
check_same(['possible', 'attended', 'authorised', 'unauthorised', 'missing', 'limb_sessions', 'attendance_tenths',
            'flags', 'pupil_id'], array_keys($results[0]), 'record keys');
$p1 = $results[0];
check_same(['P00001', 380, 323, 850], [$p1['pupil_id'], $p1['possible'], $p1['attended'], $p1['attendance_tenths']],
           'P00001 380/323');
foreach ($results as $r) {
    $s = $school->register($r['pupil_id'])->summary($ytd);
    check_same([$s['possible'], $s['attended'], $s['authorised'], $s['unauthorised'], $s['missing'],
                $s['attendance_tenths'] ?? -1],
               [$r['possible'], $r['attended'], $r['authorised'], $r['unauthorised'], $r['missing'],
                $r['attendance_tenths']], "pupil {$r['pupil_id']}");
}
function met(SsatDecision $d, string $id): bool
{
    foreach ($d->criteria() as $c) {
        if ($c['id'] === $id) {
            return $c['outcome'] === SSAT_OUTCOME_MET;
        }
    }
    return false;
}
for ($i = 0; $i < 1000; $i += 50) {
    $r = $results[$i];
    $reg = $school->register($r['pupil_id']);
    $ref = \Ssat\referralEvaluate($policy, $reg, $cal, null, '2025-07-18');
    $abs = \Ssat\absenceEvaluate($policy, $reg, $cal, '2025-07-18');
    check_same([met($ref, 'referral.r1.attendance'), met($ref, 'referral.r2.unauthorised'),
                met($abs, 'absence.persistent')],
               [($r['flags'] & SSAT_BATCH_REFERRAL_R1) !== 0, ($r['flags'] & SSAT_BATCH_REFERRAL_R2) !== 0,
                ($r['flags'] & SSAT_BATCH_PERSISTENT) !== 0], "flags of {$r['pupil_id']}");
}

// ---- one string and its offsets (read in place), a list of runs, threads ---------------------------
$marks = '';
$offsets = [0];
$runs = [];
foreach ($school->ids() as $id) {
    $run = $batch->runOf($school->register($id));
    $runs[] = $run;
    $marks .= $run;
    $offsets[] = strlen($marks);
}
$bare = array_map(function ($r) { unset($r['pupil_id']); return $r; }, $results);
check_same($bare, $batch->evaluate($marks, $offsets, 0), 'one string with offsets');
check_same($bare, $batch->evaluate($marks, $offsets, 4), 'on four threads');
check_same($bare, $batch->evaluate($runs), 'a list of runs');
check_same(array_slice($bare, 0, 1), $batch->evaluate($runs[0]), 'one run');
$short = $batch->evaluate(['/\\/\\', '....OO', '']);
check_same([[4, 4, 0], [2, 0, 2], [0, 0, 0]], array_map(fn($r) => [$r['possible'], $r['attended'], $r['unauthorised']],
           $short), 'short runs');
check_same([-1, 0], [$short[2]['attendance_tenths'], $short[2]['flags']], 'nothing possible');
check_same([], $batch->evaluate([]), 'no pupils');
check_same([], $batch->evaluate('', [0]), 'no pupils with offsets');
$big = str_repeat($marks, 5);
$out = $batch->evaluate($big, array_map(fn($k) => $k * 380, range(0, 5000)), 2);
check_same(5000, count($out), 'five thousand pupils');
check_same($bare[999], $out[4999], 'the last one');

// ---- registers and schools turned into runs in C ---------------------------------------------------
check_same($results, $batch->evaluateSchool($school, 0), 'the school on one thread');
check_same([], $batch->evaluateSchool(new SsatSchool($codes)), 'a school without pupils');
$rows = [];
$fh = fopen("$data/sample_school_2024.csv", 'r');
fgetcsv($fh);
while (($row = fgetcsv($fh)) !== false) {
    $rows[] = $row;
}
fclose($fh);
$reg = new SsatRegister($codes);
$reg->addMarks($rows[0][1], $rows[0][2]);
check_same($runs[0], $batch->runOf($reg), 'a wide row as a run');
$reg = new SsatRegister($codes);
$reg->addMarks('2024-09-02', 'II' . 'OO' . str_repeat('/\\', 3));
check_same([6, 6, 0], array_values(array_intersect_key($batch->evaluate($batch->runOf($reg))[0],
           array_flip(['possible', 'attended', 'unauthorised']))), 'INSET-day marks are outside the sessions');

// ---- errors ---------------------------------------------------------------------------------------
check_throws('SsatInvalidArgumentException', fn() => $batch->evaluate('/\\/\\', [0, 3, 2]), 'offsets[2]');
check_throws('SsatInvalidArgumentException', fn() => $batch->evaluate('/\\/\\', [0, 2, 9]), 'past the end');
check_throws('SsatInvalidArgumentException', fn() => $batch->evaluate(str_repeat('/', 381)));
check_throws('SsatInvalidArgumentException', fn() => $batch->evaluate('/', []));
check_throws('SsatInvalidArgumentException', fn() => $batch->evaluate('/', [0, -1]));
check_throws('TypeError', fn() => $batch->evaluate('/', [0, '1']), 'offsets[1]: expected an int from 0, not string');
check_throws('TypeError', fn() => $batch->evaluate(['/'], [0, 1]));
// An array of marks keyed by pupil gives the results under the same keys, in the same order.
$keyed = $batch->evaluate(['UPN2' => str_repeat('O', 4), 17 => '/\\/\\', 'UPN1' => '']);
check_same(['UPN2', 17, 'UPN1'], array_keys($keyed), 'results keyed as the marks');
check_same([0, 4, 0], [$keyed['UPN2']['attended'], $keyed[17]['attended'], $keyed['UPN1']['possible']], 'keyed results');
check_same([0, 1], array_keys($batch->evaluate(['/\\', 'OO'])), 'a list stays a list');
check_throws('TypeError', fn() => $batch->evaluate(['/', 5]));
check_throws('TypeError', fn() => $batch->evaluate(5));
$bad = $batch->evaluate('/Q\\')[0];
check_same([SSAT_BATCH_INVALID, -1, 0], [$bad['flags'], $bad['attendance_tenths'], $bad['possible']], 'invalid run');
check_throws('SsatRangeException', fn() => new SsatBatch($codes, $policy, $cal, '2025-08-01'));
check_throws('SsatStateException', fn() => new SsatBatch(SsatCodeSet::builtin('england-2024'), $policy, $cal, '2025-07-18'));
$p2 = $policy->copy();
$p2->setValueText('referral.window', 'last_sessions:20');
check_throws('SsatStateException', fn() => new SsatBatch($codes, $p2, $cal, '2025-07-18'));
$england = new SsatSchool(SsatCodeSet::builtin('england-2024'));
$england->importString("pupil_id,date,session,mark\nA,2024-09-04,AM,C1\n", SSAT_CSV_LONG);
check_throws('SsatInvalidArgumentException', fn() => $batch->runOf($england->register('A')),
             'the mark "C1" of 2024-09-04 AM has more than one character');
check_throws('SsatInvalidArgumentException', fn() => $batch->evaluateSchool($england), 'pupil A (index 0)');

// ---- the batch keeps copies -------------------------------------------------------------------------
$c2 = new SsatCalendar(2024);
$b2 = new SsatBatch(SsatCodeSet::builtin('wales-2010'), $policy->copy(), $c2, '2025-07-18');
$c2 = null;
gc_collect_cycles();
$reg = new SsatRegister($codes);
$reg->addMarks($rows[0][1], $rows[0][2]);
check_same(380, $b2->evaluate($b2->runOf($reg))[0]['possible'], 'after the calendar is gone');

done();
