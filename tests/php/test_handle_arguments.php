<?php
// Every parameter of the extension that takes one of its objects (a \Ssat\Policy, a \Ssat\Register ...)
// refuses anything else with PHP's own TypeError for an argument of the wrong type: it names the
// function or method as called, the argument's position and the class by its PHP name
// ("Ssat\referralEvaluate(): Argument #1 ($arg1) must be of type ?Ssat\Policy, string given"), not
// SWIG's internal type and wrapper names. The parameters are found by reflection, so functions and
// methods added later are checked without a line here.
require __DIR__ . '/support.php';

$codes = \Ssat\CodeSet::builtin();
$cal = new \Ssat\Calendar(2024);
$policy = \Ssat\Policy::builtin();
$reg = new \Ssat\Register($codes);
$reg->addMarks('2024-09-04', '/\\');
$span = $reg->span();
$objects = [];
foreach ([$codes, $cal, $policy, $reg, $reg->compute($span), new \Ssat\Pupil('P1'), new \Ssat\ParentRecord('M1'),
          new \Ssat\Pack(), new \Ssat\School($codes), new \Ssat\CsvMap(),
          new \Ssat\CaseFile('P1', $policy), new \Ssat\Batch($codes, $policy, $cal, '2024-09-30'),
          new \Ssat\Evaluation($policy, $cal, '2024-09-30'), new \Ssat\Certificate($reg, $cal, $span, null),
          \Ssat\referralEvaluate($policy, $reg, $cal, null, '2024-09-30')] as $o) {
    $objects[get_class($o)] = $o;
}

/** The extension's class a parameter takes, or null for a parameter of another type. */
function object_class(ReflectionParameter $p): ?string
{
    $type = $p->getType();
    if (!$type instanceof ReflectionNamedType || $type->isBuiltin()) {
        return null;
    }
    return (new ReflectionClass($type->getName()))->getName();  // the real (namespaced) name of an alias
}

/** Arguments up to and including position $wrong (0-based): objects, then values of the declared types. */
function arguments(ReflectionFunctionAbstract $f, int $wrong, array $objects): array
{
    $args = [];
    foreach (array_slice($f->getParameters(), 0, max($wrong + 1, $f->getNumberOfRequiredParameters())) as $i => $p) {
        $class = object_class($p);
        $type = $p->getType();
        $name = $type instanceof ReflectionNamedType ? $type->getName() : 'mixed';
        $args[] = $i === $wrong ? 'not an object'
            : ($class !== null ? $objects[$class]
            : ['int' => 0, 'string' => '2024-09-04', 'bool' => false, 'float' => 0.0, 'array' => []][$name] ?? null);
    }
    return $args;
}

/** [what, callable taking the arguments, reflection] for every function and method of the extension. */
function callables(array $objects): array
{
    $out = [];
    foreach ((new ReflectionExtension('ssat'))->getFunctions() as $f) {
        $out[] = [$f->getName() . '()', fn(array $a) => $f->invokeArgs($a), $f];
    }
    foreach ((new ReflectionExtension('ssat'))->getClasses() as $rc) {
        if (!in_array('SWIG\\wrapped', $rc->getInterfaceNames(), true) || !isset($objects[$rc->getName()])) {
            continue;
        }
        foreach ($rc->getMethods(ReflectionMethod::IS_PUBLIC) as $m) {
            $what = $rc->getName() . '::' . $m->getName() . '()';
            if ($m->isConstructor()) {
                $out[] = [$what, fn(array $a) => $rc->newInstanceArgs($a), $m];
            } elseif (!str_starts_with($m->getName(), '__')) {
                $self = $m->isStatic() ? null : $objects[$rc->getName()];
                $out[] = [$what, fn(array $a) => $m->invokeArgs($self, $a), $m];
            }
        }
    }
    return $out;
}

$checked = [];
foreach (callables($objects) as [$what, $call, $f]) {
    foreach ($f->getParameters() as $i => $p) {
        $class = object_class($p);
        if ($class === null) {
            continue;
        }
        check(isset($objects[$class]), "the test has an object of $class (for $what)");
        $pos = $i + 1;
        $e = check_throws('TypeError', fn() => $call(arguments($f, $i, $objects)));
        check(str_contains($e->getMessage(), "(): Argument #$pos (\$") &&
              str_contains($e->getMessage(), "must be of type ?$class, string given"),
              "$what argument $pos: " . $e->getMessage());
        $checked[] = "$what#$pos";
    }
}
// Reflection must find them (a change in the declared types must not leave this test checking nothing).
check(in_array('Ssat\\referralEvaluate()#1', $checked, true) && in_array('Ssat\\Batch::__construct()#3', $checked, true)
      && in_array('Ssat\\CaseFile::apply()#1', $checked, true), 'the parameters are found');
check(count($checked) >= 80, 'parameters checked: ' . count($checked));
echo count($checked), " object parameters checked\n";
