<?php
// Every function and method of the extension, found by reflection, with an object of each class to call
// them on and arguments of their declared types: for the tests that check one kind of parameter
// everywhere (test_handle_arguments.php, test_scalar_arguments.php), so that functions and methods added
// later are checked without a line in them.
require_once __DIR__ . '/support.php';

/** One object of each class of the extension, by its class name. */
function reflection_objects(): array
{
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
    return $objects;
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

/** The declared type of a parameter that is not an object ('int', 'string', ...; 'mixed' if none or a union). */
function scalar_type(ReflectionParameter $p): string
{
    $type = $p->getType();
    return $type instanceof ReflectionNamedType ? $type->getName() : 'mixed';
}

/** The declared type of a parameter; of a union, int if it has it (a half: 0 is AM), else its first. */
function first_type(ReflectionParameter $p): string
{
    $type = $p->getType();
    if (!$type instanceof ReflectionUnionType) {
        return scalar_type($p);
    }
    $names = array_map(fn($t) => $t->getName(), $type->getTypes());
    return in_array('int', $names, true) ? 'int' : $names[0];
}

/** Arguments up to and including position $wrong (0-based), $bad there: objects, then values of the declared types. */
function arguments(ReflectionFunctionAbstract $f, int $wrong, $bad, array $objects): array
{
    $args = [];
    foreach (array_slice($f->getParameters(), 0, max($wrong + 1, $f->getNumberOfRequiredParameters())) as $i => $p) {
        $class = object_class($p);
        $args[] = $i === $wrong ? $bad
            : ($class !== null ? $objects[$class]
            : (['window' => ['2024-09-04', \Ssat\AM, '2024-09-04', \Ssat\PM], 'column' => "\0\0\0\0"][$p->getName()]
            ?? ['int' => 0, 'string' => '2024-09-04', 'bool' => false, 'float' => 0.0, 'array' => []][first_type($p)] ?? null));
    }
    return $args;
}

/** [what, callable taking the arguments, reflection] for every function and method of the extension
 * (methods of the classes $objects holds; magic methods and the deprecated names left out: each is the
 * same handler as its namespaced, camelCase twin). */
function callables(array $objects): array
{
    $out = [];
    foreach ((new ReflectionExtension('ssat'))->getFunctions() as $f) {
        if (!$f->isDeprecated()) {
            $out[] = [$f->getName() . '()', fn(array $a) => $f->invokeArgs($a), $f];
        }
    }
    foreach ((new ReflectionExtension('ssat'))->getClasses() as $rc) {
        if (!in_array('SWIG\\wrapped', $rc->getInterfaceNames(), true) || !isset($objects[$rc->getName()])) {
            continue;
        }
        foreach ($rc->getMethods(ReflectionMethod::IS_PUBLIC) as $m) {
            $what = $rc->getName() . '::' . $m->getName() . '()';
            if ($m->isConstructor()) {
                $out[] = [$what, fn(array $a) => $rc->newInstanceArgs($a), $m];
            } elseif (!str_starts_with($m->getName(), '__') && !$m->isDeprecated()) {
                $self = $m->isStatic() ? null : $objects[$rc->getName()];
                $out[] = [$what, fn(array $a) => $m->invokeArgs($self, $a), $m];
            }
        }
    }
    return $out;
}
