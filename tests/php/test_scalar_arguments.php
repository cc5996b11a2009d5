<?php
// Integers and bools are taken as PHP's own functions take them (bindings/php/arguments.i), never cut
// or wrapped into another value: SWIG's conversion read 2.7 as 2, [] and "abc" as 0, and 4294967381 in
// a uint32_t as 85, so percentCompare(323, 380, CMP_LE, 4294967381) compared with 85 %. Every int and
// bool parameter is found by reflection (reflection.php) and checked; then the C types' ranges.
require __DIR__ . '/reflection.php';

$objects = reflection_objects();
$checked = ['int' => 0, 'bool' => 0];
foreach (callables($objects) as [$what, $call, $f]) {
    foreach ($f->getParameters() as $i => $p) {
        $type = scalar_type($p);
        if (!isset($checked[$type])) {
            continue;
        }
        $pos = $i + 1;
        $argument = "(): Argument #$pos (\${$p->getName()}) must be of type $type";
        $bad = $type === 'int' ? [2.5, '85.5', [], 'abc', new stdClass()] : [[], new stdClass()];
        foreach ($bad as $value) {
            $e = check_throws('TypeError', fn() => $call(arguments($f, $i, $value, $objects)));
            check(str_contains($e->getMessage(), $argument), "$what argument $pos given " . show($value) . ': ' . $e->getMessage());
        }
        $checked[$type]++;
    }
}
check($checked['int'] >= 40 && $checked['bool'] >= 5, 'parameters found: ' . show($checked));

// A value the C type cannot hold: PHP's ValueError, naming the parameter and the range.
check_throws('ValueError', fn() => \Ssat\percentCompare(323, 380, \Ssat\CMP_LE, 4294967381),
             'Argument #4 ($pctNum) must be between 0 and 4294967295');
check_throws('ValueError', fn() => new \Ssat\Calendar(2 ** 32 + 2024),
             'Argument #1 ($schoolYear) must be between -2147483648 and 2147483647');
check_throws('ValueError', fn() => \Ssat\percentTenths(-5, 10), 'Argument #1 ($part) must be between 0 and');
check_throws('ValueError', fn() => \Ssat\categoryName(2 ** 32, \Ssat\LANG_EN), 'Argument #1 ($category)');
check_throws('ValueError', fn() => \Ssat\CodeSet::builtin()->at(-1), 'Argument #1 ($index) must be between 0 and');

// What PHP's own int and bool parameters accept still works: whole floats, numeric strings, ints for bools.
check_same(true, \Ssat\percentCompare(323, 380, \Ssat\CMP_LE, 85.0), 'a whole float');
check_same(true, \Ssat\percentCompare('323', '380', \Ssat\CMP_LE, ' 85'), 'numeric strings');
check_same(false, \Ssat\percentCompare(323, 380, \Ssat\CMP_LE, 85, 2), 'the denominator: 42.5 %');
$register = new \Ssat\Register(\Ssat\CodeSet::builtin());
$register->addMarks('2024-09-02', '/\\/\\');
check_same(2, $register->summary(['2024-09-02', 0, '2024-09-02', 1], 1)['possible'], 'an int for a bool');

// strict_types in the caller's file is honoured, as by PHP's own functions.
$strict = tempnam(sys_get_temp_dir(), 'ssat');
file_put_contents($strict, "<?php declare(strict_types=1);\nreturn \\Ssat\\percentCompare(323, 380, \\Ssat\\CMP_LE, '85');\n");
check_throws('TypeError', fn() => require $strict, 'Argument #4 ($pctNum) must be of type int, string given');
// ... for strings too: an int is its text in the default mode, a TypeError under strict_types.
file_put_contents($strict, "<?php declare(strict_types=1);\nreturn new \\Ssat\\Pupil(1234);\n");
check_throws('TypeError', fn() => require $strict, 'Ssat\\Pupil::__construct(): Argument #1 ($id) must be of type string, int given');
check_same('1234', (new \Ssat\Pupil(1234))->id(), 'an int as its text (weak mode)');
unlink($strict);
// A Stringable object is its text, as for PHP's own string parameters; another object is a TypeError.
$stringable = new class { public function __toString(): string { return 'P77'; } };
check_same('P77', (new \Ssat\Pupil($stringable))->id(), 'a Stringable object as its text');

// Every other declared type (string, ?string, array, ?array, array|string ...): PHP does not check an
// extension's parameter types, so the binding does (arguments.i, 3.), with PHP's own message; the
// binding's own read "marks: expected a string, not array". An object of no class the parameter takes
// is given to each.
$others = [];
foreach (callables($objects) as [$what, $call, $f]) {
    foreach ($f->getParameters() as $i => $p) {
        $type = $p->getType();
        if ($type === null || object_class($p) !== null || isset($checked[scalar_type($p)])) {
            continue;
        }
        $pos = $i + 1;
        $e = check_throws('TypeError', fn() => $call(arguments($f, $i, new stdClass(), $objects)));
        check(str_contains($e->getMessage(), "(): Argument #$pos (\${$p->getName()}) must be of type $type, stdClass given"),
              "$what argument $pos given an object: " . $e->getMessage());
        $others[(string)$type] = ($others[(string)$type] ?? 0) + 1;
    }
}
ksort($others);
check(($others['string'] ?? 0) >= 100 && ($others['array'] ?? 0) >= 10 && ($others['?array'] ?? 0) >= 5,
      'parameters of other types found: ' . show($others));

echo $checked['int'], ' int and ', $checked['bool'], ' bool parameters checked; other types: ',
     implode(', ', array_map(fn($t, $n) => "$n $t", array_keys($others), $others)), "\n";
done();
