<?php
// SsatBatch::evaluate_columns (issue 17): one packed string per field of ssat_batch_result, equal on
// every field of every pupil of a random batch to the library's own results (ssat_batch_evaluate() as
// SsatBatch::evaluate returns them, one array per pupil); column_get() and column_array() read them.
require __DIR__ . '/support.php';

$cal = calendar_2024();
$batch = new SsatBatch(SsatCodeSet::builtin('wales-2010'), SsatPolicy::builtin('carmarthenshire'), $cal, '2025-07-18');
$fields = ['possible', 'attended', 'authorised', 'unauthorised', 'missing', 'limb_sessions', 'attendance_tenths',
           'flags'];

/* n random runs (every one-character Welsh code, missing, off roll, now and then no code at all): pieces
 * of a random pool of marks, some mostly "O" (unauthorised), at random lengths (cheap under valgrind). */
function random_batch(int $n, int $sessions, int $seed): array
{
    mt_srand($seed);
    $common = str_repeat('/\\', 20) . 'ILMNOGUCEHRX-. ';
    $rare = 'BDJPVWYZ';
    $invalid = "#Q!a\x00\xff";
    $pool = '';
    for ($k = 0; $k < 4 * $sessions; $k++) {
        $pool .= mt_rand(0, 99) === 0 ? $rare[mt_rand(0, strlen($rare) - 1)] : $common[mt_rand(0, strlen($common) - 1)];
    }
    $pool[$sessions * 4 - 120] = $invalid[mt_rand(0, strlen($invalid) - 1)]; // reached by about one run in ten
    $absent = strtr($pool, '/\\', 'OO');
    $marks = '';
    $offsets = [0];
    for ($i = 0; $i < $n; $i++) {
        $pick = mt_rand(0, 3);
        $len = $pick === 0 ? 0 : ($pick === 3 ? mt_rand(0, $sessions) : $sessions);
        $marks .= substr(mt_rand(0, 2) === 0 ? $absent : $pool, mt_rand(0, 3 * $sessions), $len);
        $offsets[] = strlen($marks);
    }
    return [$marks, $offsets];
}

// ---- equal to the library, every field of every pupil ------------------------------------------------
foreach ([[1, 0], [1000, 0], [2500, 1], [3001, 3]] as [$n, $threads]) {
    [$marks, $offsets] = random_batch($n, $batch->sessionCount(), $n);
    $cols = $batch->evaluateColumns($marks, $offsets, $threads);
    check_same($fields, array_keys($cols), "$n pupils: the fields, in header order");
    $expected = $batch->evaluate($marks, $offsets);
    $invalid = 0;
    foreach ($fields as $f) {
        check_same(4 * $n, strlen($cols[$f]), "$n pupils: $f holds 4 bytes a pupil");
        check_same(array_column($expected, $f), SsatBatch::columnArray($cols[$f]), "$n pupils: column $f");
        // unpack() is PHP's own reader of the packed column (1-based): the same values.
        $format = $f === 'attendance_tenths' ? 'l*' : 'L*';
        check_same(array_column($expected, $f), $n === 0 ? [] : array_values(unpack($format, $cols[$f])), "unpack $f");
    }
    for ($i = 0; $i < $n; $i += 97) {
        foreach ($fields as $f) {
            check_same($expected[$i][$f], SsatBatch::columnGet($cols[$f], $i), "pupil $i $f");
        }
    }
    if ($n >= 1000) {
        $flags = array_column($expected, 'flags');
        $bad = count(array_filter($flags, fn($x) => ($x & SSAT_BATCH_INVALID) !== 0));
        check($bad > 0 && $bad < $n / 2, "some invalid, most valid ($bad of $n)");
        check(count(array_filter($flags, fn($x) => ($x & SSAT_BATCH_REFERRAL_R1) !== 0)) > 0, 'some R1');
    }
}

// ---- small cases, a list of runs, errors -------------------------------------------------------------
$cols = $batch->evaluateColumns(['/\\/\\', '....OO', '', '!']);
check_same([4, 2, 0, 0], SsatBatch::columnArray($cols['possible']), 'possible of a list of runs');
check_same([1000, 0, -1, -1], SsatBatch::columnArray($cols['attendance_tenths']), 'tenths, -1 not evaluable');
check(($cols['flags'] !== '') && (SsatBatch::columnGet($cols['flags'], 3) & SSAT_BATCH_INVALID) !== 0, 'invalid flag');
check_same([1000], SsatBatch::columnArray($batch->evaluateColumns('/\\')['attendance_tenths']), 'one run');
check_same('', $batch->evaluateColumns('', [0])['possible'], 'no pupils');
check_same([], SsatBatch::columnArray(''), 'an empty column');
check_throws('SsatRangeException', fn() => SsatBatch::columnGet($cols['possible'], 4), 'outside');
check_throws('SsatRangeException', fn() => SsatBatch::columnGet($cols['possible'], -1), 'outside');
[$marks, $offsets] = random_batch(2100, $batch->sessionCount(), 5);
$offsets[1801] = $offsets[1800] - 1; // in the binding's second chunk of 1,024: named in the whole batch
check_throws('SsatInvalidArgumentException', fn() => $batch->evaluateColumns($marks, $offsets),
             'offsets[1801]');
check_throws('SsatInvalidArgumentException',
             fn() => $batch->evaluateColumns(array_merge(array_fill(0, 1500, '/'), [str_repeat('/', 381)])),
             'pupil 1500');
check_throws('SsatInvalidArgumentException', fn() => $batch->evaluateColumns('//', [0, 3]), 'past the end');

done();
