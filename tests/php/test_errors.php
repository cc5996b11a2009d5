<?php
// Exception classes (one per ssat_status, created by the extension), the error state, type errors.
require __DIR__ . '/support.php';

$classes = [
    'SsatNoMemoryException' => SSAT_ERR_NOMEM,
    'SsatInvalidArgumentException' => SSAT_ERR_INVALID_ARG,
    'SsatParseException' => SSAT_ERR_PARSE,
    'SsatNotEvaluableException' => SSAT_ERR_NOT_EVALUABLE,
    'SsatStateException' => SSAT_ERR_STATE,
    'SsatRangeException' => SSAT_ERR_RANGE,
    'SsatUnknownCodeException' => SSAT_ERR_UNKNOWN_CODE,
    'SsatDuplicateException' => SSAT_ERR_DUPLICATE,
    'SsatNotFoundException' => SSAT_ERR_NOT_FOUND,
    'SsatInvalidDataException' => SSAT_ERR_INVALID_DATA,
];
check(class_exists('SsatException') && is_subclass_of('SsatException', 'Exception'), 'base class');
foreach ($classes as $class => $status) {
    check(class_exists($class), "$class exists");
    check(is_subclass_of($class, 'SsatException'), "$class extends SsatException");
    check_same($status, constant("$class::STATUS"), "$class::STATUS");
    $e = new $class('made by hand', $status);
    check_same([], $e->problems, "$class default problems");
}
// (get_declared_classes() lists a class alias too: the old names are aliases of Ssat\*Exception.)
check_same(count($classes), count(array_unique(array_map(fn($c) => (new ReflectionClass($c))->getName(),
    array_filter(get_declared_classes(), fn($c) => is_subclass_of($c, 'SsatException'))))), 'one class per status');

// Each status raised by a real call, with the library's message and the status as the code.
$codes = SsatCodeSet::builtin('wales-2010');
$reg = new SsatRegister($codes);
$reg->addMark('2024-09-02', SSAT_AM, '/');
$cases = [
    'SsatInvalidArgumentException' => fn() => \Ssat\dateFromYmd(2023, 2, 29),
    'SsatParseException' => fn() => \Ssat\dateParse('2024-9-2'),
    'SsatNotEvaluableException' => fn() => \Ssat\percentTenths(0, 0),
    'SsatStateException' => fn() => $codes->define('Q', SSAT_CATEGORY_PRESENT),
    'SsatRangeException' => fn() => \Ssat\dateParse('1500-01-01'),
    'SsatUnknownCodeException' => fn() => $reg->addMark('2024-09-03', 'AM', 'Q'),
    'SsatDuplicateException' => fn() => $reg->addMark('2024-09-02', 'AM', '/'),
    'SsatNotFoundException' => fn() => SsatCodeSet::builtin('scotland-1999'),
    'SsatInvalidDataException' => fn() => $reg->addMarks('2024-09-09', '/Q'),
];
foreach ($cases as $class => $fn) {
    $e = check_throws($class, $fn);
    check_same((new ReflectionClass($class))->getName(), get_class($e), 'exact class'); // $class: an alias of Ssat\*
    check_same($classes[$class], $e->getCode(), "$class code");
    check($e->getMessage() !== '', "$class message");
}
check_throws('SsatNotFoundException', fn() => SsatCodeSet::builtin('scotland-1999'), 'scotland-1999');
check_throws('SsatUnknownCodeException', fn() => $reg->addMark('2024-09-03', 'AM', 'Q'), '"Q"');

// InvalidData carries every problem, bilingual, and nothing was added.
$before = $reg->entryCount();
$e = check_throws('SsatInvalidDataException', fn() => $reg->addMarks('2024-09-09', '/QZ\\K'));
check_same([2, 5], array_column($e->problems, 'column'), 'problem columns');
$p = $e->problems[0];
check_same('register.unknown_code', $p['id'], 'problem id');
check_same(SSAT_SEVERITY_ERROR, $p['severity'], 'severity');
check_same('marks', $p['field'], 'field');
check_same('2024-09-09', $p['date'], 'problem date');
check_same('PM', $p['half'], 'problem half');
check(str_contains($p['message_cy'], "nid yw'r cod \"Q\""), 'Welsh message');
check_same($before, $reg->entryCount(), 'all or nothing');

// The thread's error state.
\Ssat\errorClear();
check_same(0, \Ssat\errorStatus(), 'cleared status');
check_same('', \Ssat\errorMessage(), 'cleared message');
check_throws('SsatParseException', fn() => \Ssat\dateParse('nope'));
check_same(SSAT_ERR_PARSE, \Ssat\errorStatus(), 'status after failure');
check(\Ssat\errorMessage() !== '', 'message after failure');
\Ssat\errorClear();
check_same('invalid argument', \Ssat\statusStr(SSAT_ERR_INVALID_ARG), 'status text');
check_same('unknown status', \Ssat\statusStr(-1000), 'unknown status text');

// Wrong types are PHP TypeErrors; bad values are ssat exceptions naming the argument.
check_throws('TypeError', fn() => $reg->addMark(20240902, SSAT_AM, '/'));
check_throws('TypeError', fn() => $reg->addMark('2024-09-02', 1.5, '/'));
check_throws('TypeError', fn() => $reg->addMarks('2024-09-02', 42));
check_throws('TypeError', fn() => $reg->summary('2024'));
check_throws('SsatInvalidArgumentException', fn() => $reg->addMark('2024-09-02', 2, '/'));
check_throws('SsatInvalidArgumentException', fn() => $reg->addMark('2024-09-02', 'noon', '/'));
check_throws('SsatParseException', fn() => (new SsatCalendar(2024))->windowYearToDate('2025-02-30'), 'asOf: ');  // the PHP name
check_throws('SsatParseException', fn() => \Ssat\dateFormat("2024-09-02\0"));

done();
