<?php
// What SsatBatch::evaluate() and evaluate_columns() accept as marks and offsets, and the exact message
// of each refusal: one body reads them for PHP and Python (ssatb_to_runs in bindings/ssat.i over
// runtime.i's ssatb_bytes_get / ssatb_seq_* / ssatb_to_size), so these pin the PHP side of it
// (tests/python/test_batch_inputs.py the Python side).
require __DIR__ . '/support.php';

$cal = calendar_2024();
$batch = new SsatBatch(SsatCodeSet::builtin('wales-2010'), SsatPolicy::builtin('carmarthenshire'), $cal, '2025-07-18');

function attended(SsatBatch $batch, string $method, $marks, $offsets): array
{
    $out = $batch->$method($marks, $offsets);
    if ($method === 'evaluate')
        return array_column($out, 'attended');
    return SsatBatch::columnArray($out['attended']);
}

$holes = [0, 9, 2, 4];
unset($holes[1]); // an array with a hole: its values in order
$refs = ['//', '\\\\'];
$ref = &$refs[0]; // a value that is a reference
$accepted = [
    ['//\\\\', null, [4]],
    ['//\\\\', [0, 2, 4], [2, 2]],
    ['//\\\\', $holes, [2, 2]],
    [['//', '\\\\'], null, [2, 2]],
    [$refs, null, [2, 2]],
    [['a' => '//', 'b' => 'OO'], null, [2, 0]],
    [[], null, []],
];
$refused = [
    ['//\\\\', [], 'SsatInvalidArgumentException', 'offsets: npupils + 1 offsets are needed, not none'],
    ['//\\\\', [0, -1], 'SsatInvalidArgumentException', 'offsets[1]: expected an int from 0'],
    ['//\\\\', [0, '2'], 'TypeError', 'offsets[1]: expected an int from 0, not string'],
    ['//\\\\', [0, 2.0], 'TypeError', 'offsets[1]: expected an int from 0, not float'],
    ['//\\\\', [0, null], 'TypeError', 'offsets[1]: expected an int from 0, not null'],
    ['//\\\\', [0, 9], 'SsatInvalidArgumentException', 'offsets[1] = 9 is past the end of the marks (4 bytes)'],
    ['//\\\\', 5, 'TypeError', '(): Argument #2 ($offsets) must be of type ?array, int given'],
    ['//\\\\', '0,2', 'TypeError', '(): Argument #2 ($offsets) must be of type ?array, string given'],
    [['//', 5], null, 'TypeError', 'marks[1]: expected a string, not int'],
    [['//', ['x']], null, 'TypeError', 'marks[1]: expected a string, not array'],
    [['//'], [0, 2], 'TypeError', 'offsets: only with the marks of every pupil in one string'],
    [5, [0, 1], 'TypeError', '(): Argument #1 ($marks) must be of type array|string, int given'],
    [5, null, 'TypeError', '(): Argument #1 ($marks) must be of type array|string, int given'],
    [null, null, 'TypeError', '(): Argument #1 ($marks) must be of type array|string, null given'],
    [1.5, [0], 'TypeError', '(): Argument #1 ($marks) must be of type array|string, float given'],
];
foreach (['evaluate', 'evaluateColumns'] as $method) {
    foreach ($accepted as [$marks, $offsets, $expected])
        check_same($expected, attended($batch, $method, $marks, $offsets), "$method(" . show($marks) . ', ' . show($offsets) . ')');
    foreach ($refused as [$marks, $offsets, $class, $message]) {
        // A wrong type is PHP's own TypeError, which names the method as called.
        $message = str_starts_with($message, '(): ') ? "Ssat\\Batch::$method$message" : $message;
        $e = check_throws($class, fn() => $batch->$method($marks, $offsets), $message);
        check_same($message, $e->getMessage(), "$method(" . show($marks) . ', ' . show($offsets) . ')');
    }
}

done();
