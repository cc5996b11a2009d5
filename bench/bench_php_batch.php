<?php
/*
 * libssat from PHP through the batch binding (\Ssat\Batch), on the data ssat_bench wrote: the same marks
 * buffer and offsets (DIR/marks_<N>.txt without its newlines, the offsets of its lines), the same school
 * (the sample school's 2024/25 calendar, Carmarthenshire's policy, Wales 2010 codes, as of 2025-07-18).
 *
 *     php -n -d extension=build/perf/bindings/php/ext/ssat.so -d memory_limit=-1 \
 *         bench/bench_php_batch.php --data DIR --pupils N [--repeat R] [--min-seconds T]
 *         [--libssat build/perf/lib/libssat.so (with -d extension=ffi)]
 *
 * Times only the evaluate call on this thread (threads 1, as ssat_bench's "libssat, 1 thread"), best of
 * at least R runs (default 5) and of as many as fit in T seconds (default 1; at most 200):
 *   compute_s   $batch->evaluate($marks, $offsets, 1): one ssat_batch_evaluate() call over the string
 *               (read in place) and offsets (an array of ints, copied to size_t in C), and an array of
 *               one array of 8 ints per pupil
 *   per_call_s  the same for one pupil (the first): the fixed cost of a call
 *   columns_s   $batch->evaluateColumns($marks, $offsets, 1): the same call into one packed string per
 *               result field (issue 17), no array per pupil
 *   columns_arrays_s  the same, then every column unpacked into an array of ints by \Ssat\Batch::columnArray
 *               (the other design measured: arrays of ints instead of strings)
 *   ffi_s       with --libssat PATH (libssat.so; add -d extension=ffi): ssat_batch_evaluate() called
 *               through PHP's FFI on the same string (passed in place) into one C array of results,
 *               allocated once before the timing as ssat_bench's is (the offsets are copied to a C
 *               size_t array then too): libssat from PHP with no array per pupil (what a binding
 *               evaluating into a caller's buffer would cost)
 * The previous run's results are freed before each timed call (outside the timing). Prints one JSON line
 * with the checksum of bench/common.py, which bench/report.py compares with libssat's.
 */
declare(strict_types=1);

$opts = getopt('', ['data:', 'pupils:', 'repeat:', 'min-seconds:', 'libssat:']);
if (!isset($opts['data'], $opts['pupils'])) {
    fwrite(STDERR, "usage: php bench_php_batch.php --data DIR --pupils N [--repeat R] [--min-seconds T]\n");
    exit(2);
}
$dir = $opts['data'];
$n = (int)$opts['pupils'];
$repeat = (int)($opts['repeat'] ?? 5);
$min_seconds = (float)($opts['min-seconds'] ?? 1.0);
$p = json_decode(file_get_contents("$dir/params.json"), true, 16, JSON_THROW_ON_ERROR);

// ssat_bench.c's school
const TERMS = [['autumn', '2024-09-02', '2024-12-20'], ['spring', '2025-01-06', '2025-04-11'],
               ['summer', '2025-04-28', '2025-07-18']];
const CLOSURES = [['2024-09-02', '2024-09-03'], ['2024-10-28', '2024-11-01'], ['2025-01-06', '2025-01-06'],
                  ['2025-02-24', '2025-02-28'], ['2025-04-28', '2025-04-28'], ['2025-05-05', '2025-05-05'],
                  ['2025-05-26', '2025-05-30']];
$cal = new \Ssat\Calendar(2024);
$cal->clearTerms();
foreach (TERMS as [$name, $first, $last]) {
    $cal->addTerm($name, $first, $last);
}
foreach (CLOSURES as [$first, $last]) {
    $cal->addClosure($first, $last);
}
$batch = new \Ssat\Batch(\Ssat\CodeSet::builtin('wales-2010'), \Ssat\Policy::builtin('carmarthenshire'), $cal, '2025-07-18');
if ($batch->sessionCount() !== $p['sessions']) {
    fwrite(STDERR, "bench_php_batch: {$batch->sessionCount()} sessions, ssat_bench had {$p['sessions']}\n");
    exit(1);
}

// The marks buffer and offsets of ssat_bench: the file's lines back to back.
$t0 = hrtime(true);
$text = file_get_contents("$dir/marks_$n.txt");
$offsets = [0];
$pos = 0;
for ($i = 0; $i < $n; $i++) {
    $nl = strpos($text, "\n", $pos);
    $offsets[] = $nl - $i; // less the i newlines before it
    $pos = $nl + 1;
}
$marks = str_replace("\n", '', $text);
unset($text);
$load_s = (hrtime(true) - $t0) / 1e9;
if (strlen($marks) !== $offsets[$n]) {
    fwrite(STDERR, "bench_php_batch: marks_$n.txt has not $n lines\n");
    exit(1);
}

/* [best, median, runs, last result] of $fn(), its result freed before each timed call. */
function best_of(callable $fn, int $repeat, float $min_seconds, int $cap = 200): array
{
    $times = [];
    $start = hrtime(true);
    $result = null;
    while (count($times) < $cap && (count($times) < $repeat || (hrtime(true) - $start) / 1e9 < $min_seconds)) {
        $result = null;
        $t = hrtime(true);
        $result = $fn();
        $times[] = (hrtime(true) - $t) / 1e9;
    }
    sort($times);
    return [$times[0], $times[intdiv(count($times), 2)], count($times), $result];
}

$one = [0, $offsets[1]];
[$per_call] = best_of(fn() => $batch->evaluate($marks, $one, 1), 20, 0.2, 1000);
[$best, $median, $runs, $results] = best_of(fn() => $batch->evaluate($marks, $offsets, 1), $repeat, $min_seconds);

/* bench/common.py's checksum of results (arrays, or the FFI's C structs) */
function checksum(iterable $results): array
{
    $sum = array_fill(0, 17, 0);
    foreach ($results as $i => $r) {
        $r = (array)$r;
        $tenths = $r['attendance_tenths'];
        $flags = $r['flags'];
        $sum[0] += $r['possible'];
        $sum[1] += $r['attended'];
        $sum[2] += $r['authorised'];
        $sum[3] += $r['unauthorised'];
        $sum[4] += $r['missing'];
        $sum[5] += $r['limb_sessions'];
        $sum[6] += max($tenths, 0);
        for ($k = 0; $k < 8; $k++) {
            $sum[7 + $k] += ($flags >> $k) & 1;
        }
        $sum[15] += ($i % 1000 + 1) * $flags;
        $sum[16] += ($i % 997 + 1) * ($tenths + 1);
    }
    return $sum;
}
$sum = checksum($results);
unset($results);

/* Columns: packed strings (what evaluate_columns returns), and unpacked into arrays of ints. */
[$col_best, $col_median, $col_runs, $cols] = best_of(fn() => $batch->evaluateColumns($marks, $offsets, 1), $repeat,
                                                     $min_seconds);
$col_rows = (function () use ($cols, $n) {
    $c = array_map(fn($s) => \Ssat\Batch::columnArray($s), $cols);
    for ($i = 0; $i < $n; $i++) {
        yield $i => array_map(fn($col) => $col[$i], $c);
    }
})();
$col_sum = checksum($col_rows);
unset($cols, $col_rows);
$unpack_all = function () use ($batch, $marks, $offsets) {
    return array_map(fn($s) => \Ssat\Batch::columnArray($s), $batch->evaluateColumns($marks, $offsets, 1));
};
[$arr_best] = best_of($unpack_all, $repeat, $min_seconds);

/* ssat_batch_evaluate() through FFI, the same school. */
$extra = [];
if (isset($opts['libssat'])) {
    $ffi = FFI::cdef(<<<'C'
        typedef struct { uint32_t possible, attended, authorised, unauthorised, missing, limb_sessions;
                         int32_t attendance_tenths; uint32_t flags; } ssat_batch_result;
        int ssat_date_parse(const char *iso, int32_t *out);
        int ssat_calendar_new(int32_t school_year, const void *alloc, void **out);
        void ssat_calendar_clear_terms(void *calendar);
        int ssat_calendar_add_term(void *calendar, const char *name, int32_t first, int32_t last);
        int ssat_calendar_add_closure(void *calendar, int32_t first, int32_t last);
        int ssat_policy_builtin(const char *name, const void *alloc, void **out);
        int ssat_codeset_builtin(const char *name, const void *alloc, void **out);
        int ssat_batch_new(const void *codes, const void *policy, const void *calendar, int32_t as_of, void **out);
        int ssat_batch_evaluate(const void *batch, const char *marks, const size_t *offsets, size_t npupils,
                                ssat_batch_result *out, uint32_t threads, size_t *invalid_out);
        C, $opts['libssat']);
    $day = function (string $iso) use ($ffi): int {
        $d = $ffi->new('int32_t');
        if ($ffi->ssat_date_parse($iso, FFI::addr($d)) !== 0) {
            throw new RuntimeException($iso);
        }
        return $d->cdata;
    };
    $c = $ffi->new('void *');
    $pol = $ffi->new('void *');
    $codes = $ffi->new('void *');
    $b = $ffi->new('void *');
    $ok = $ffi->ssat_calendar_new(2024, null, FFI::addr($c)) === 0;
    $ffi->ssat_calendar_clear_terms($c);
    foreach (TERMS as [$name, $first, $last]) {
        $ok = $ok && $ffi->ssat_calendar_add_term($c, $name, $day($first), $day($last)) === 0;
    }
    foreach (CLOSURES as [$first, $last]) {
        $ok = $ok && $ffi->ssat_calendar_add_closure($c, $day($first), $day($last)) === 0;
    }
    $ok = $ok && $ffi->ssat_policy_builtin('carmarthenshire', null, FFI::addr($pol)) === 0 &&
          $ffi->ssat_codeset_builtin('wales-2010', null, FFI::addr($codes)) === 0 &&
          $ffi->ssat_batch_new($codes, $pol, $c, $day('2025-07-18'), FFI::addr($b)) === 0;
    if (!$ok) {
        fwrite(STDERR, "bench_php_batch: the FFI school failed\n");
        exit(1);
    }
    $c_offsets = $ffi->new('size_t[' . ($n + 1) . ']');
    foreach ($offsets as $i => $o) {
        $c_offsets[$i] = $o;
    }
    $out = $ffi->new("ssat_batch_result[$n]");
    $evaluate = function () use ($ffi, $b, $marks, $c_offsets, $n, $out) {
        if ($ffi->ssat_batch_evaluate($b, $marks, $c_offsets, $n, $out, 1, null) !== 0) {
            throw new RuntimeException('ssat_batch_evaluate');
        }
        return $out;
    };
    [$ffi_best, $ffi_median, $ffi_runs, $out] = best_of($evaluate, $repeat, $min_seconds);
    $rows = (function () use ($out, $n) {
        for ($i = 0; $i < $n; $i++) {
            $r = $out[$i];
            yield $i => ['possible' => $r->possible, 'attended' => $r->attended, 'authorised' => $r->authorised,
                         'unauthorised' => $r->unauthorised, 'missing' => $r->missing,
                         'limb_sessions' => $r->limb_sessions, 'attendance_tenths' => $r->attendance_tenths,
                         'flags' => $r->flags];
        }
    })();
    $extra = ['ffi_s' => round($ffi_best, 9), 'ffi_median_s' => round($ffi_median, 9), 'ffi_runs' => $ffi_runs,
              'ffi_checksum' => checksum($rows)];
}
echo json_encode(['tool' => 'php_binding', 'pupils' => $n, 'load_s' => round($load_s, 6), 'compute_s' => round($best, 6),
                  'checksum' => $sum, 'median_s' => round($median, 6), 'runs' => $runs,
                  'per_call_s' => round($per_call, 9), 'marks' => strlen($marks), 'kernel' => $batch->kernel(),
                  'php' => PHP_VERSION, 'columns_s' => round($col_best, 9), 'columns_median_s' => round($col_median, 9),
                  'columns_runs' => $col_runs, 'columns_checksum' => $col_sum, 'columns_arrays_s' => round($arr_best, 9)]
                 + $extra), "\n";
