<?php
// Every parameter of every function and method of the extension has its own name (SWIG 4.1 named them
// all $arg1, $arg2 ...: swig/swig#2425), the C name in camelCase (bindings/php/arguments.i), so that
// named arguments, reflection, IDEs (the stub) and PHP's messages say what each one is; and every class
// in a parameter or return type is named as the class is (Ssat\Policy).
require __DIR__ . '/reflection.php';

$functions = array_values((new ReflectionExtension('ssat'))->getFunctions());
foreach ((new ReflectionExtension('ssat'))->getClasses() as $rc) {
    foreach ($rc->getMethods() as $m) {
        $functions[] = $m;
    }
}
$parameters = 0;
foreach ($functions as $f) {
    $what = ($f instanceof ReflectionMethod ? $f->getDeclaringClass()->getName() . '::' : '') . $f->getName() . '()';
    $names = array_map(fn(ReflectionParameter $p) => $p->getName(), $f->getParameters());
    foreach ($names as $name) {
        check(preg_match('/^[a-z][a-zA-Z0-9]*$/', $name) === 1 && preg_match('/^arg[0-9]+$/', $name) === 0,
              "$what: parameter \$$name");
    }
    check(count(array_unique($names)) === count($names), "$what: parameters " . implode(', ', $names));
    $parameters += count($names);
}
check($parameters > 400, "parameters found: $parameters");

// Their classes, and those returned, by their real names (SWIG wrote SsatPolicy, or the C type ssat_decision).
$classes = 0;
foreach ($functions as $f) {
    foreach ([...array_map(fn($p) => $p->getType(), $f->getParameters()), $f->getReturnType()] as $type) {
        foreach ($type instanceof ReflectionUnionType ? $type->getTypes() : ($type === null ? [] : [$type]) as $t) {
            if (!$t->isBuiltin() && str_starts_with(strtolower($t->getName()), 'ssat')) {
                check(class_exists($t->getName()) && (new ReflectionClass($t->getName()))->getName() === $t->getName()
                      && str_starts_with($t->getName(), 'Ssat\\'), "{$f->getName()}(): type {$t->getName()}");
                $classes++;
            }
        }
    }
}
check($classes > 200, "class types found: $classes");

// Some names, as the documentation and the C headers call them (register for C's `reg`).
$names = fn(callable|array $f) => array_map(fn($p) => $p->getName(),
    (is_array($f) ? new ReflectionMethod(...$f) : new ReflectionFunction($f))->getParameters());
check_same(['policy', 'register', 'calendar', 'pupil', 'asOf'], $names('Ssat\\referralEvaluate'), 'referralEvaluate');
check_same(['start', 'marks'], $names(['Ssat\\Register', 'addMarks']), 'Register::addMarks');
check_same(['name', 'asOf'], $names(['Ssat\\Calendar', 'windowTerm']), 'Calendar::windowTerm (maybe_name)');
check_same($names(['Ssat\\Register', 'addMarks']), $names(['Ssat\\Register', 'add_marks']), 'the deprecated name');
check_same($names('Ssat\\referralEvaluate'), $names('ssat_referral_evaluate'), 'the deprecated function');
check_same(['name', 'value'], $names(['Ssat\\Register', '__set']), '__set');

// Every optional parameter has its default (PHP needs it to skip the parameter by name), the C one.
$optional = 0;
foreach ($functions as $f) {
    foreach ($f->getParameters() as $p) {
        if ($p->isOptional() && !$p->isVariadic()) {
            check($p->isDefaultValueAvailable(), "{$f->getName()}(): \${$p->getName()} has a default");
            $optional++;
        }
    }
}
check($optional > 60, "optional parameters found: $optional");
$default = fn(array $method, int $i) => (new ReflectionMethod(...$method))->getParameters()[$i];
check_same(1, (new ReflectionFunction('Ssat\\percentCompare'))->getParameters()[4]->getDefaultValue(), 'pctDen = 1');
check_same('Ssat\\CSV_AUTO', $default(['Ssat\\School', 'importString'], 1)->getDefaultValueConstantName(), 'kind');
check_same(null, $default(['Ssat\\CaseFile', 'apply'], 6)->getDefaultValue(), 'parent = null');

// Named arguments, in any order, with the optional ones left out.
$codes = \Ssat\CodeSet::builtin();
$register = new \Ssat\Register(codes: $codes);
$register->addMarks(marks: '/\\/\\I\\O\\', start: '2024-09-02');
check_same(8, $register->entryCount(), 'addMarks by name');
check_same(true, \Ssat\percentCompare(whole: 380, part: 323, pctNum: 85, cmp: \Ssat\CMP_LE), 'percentCompare by name');
$e = check_throws('Error', fn() => \Ssat\percentCompare(323, 380, \Ssat\CMP_LE, pct: 85), 'Unknown named parameter $pct');

// An optional parameter in the middle left out by name takes its default.
$case = new \Ssat\CaseFile('P1', \Ssat\Policy::builtin());
$case->apply($register, new \Ssat\Calendar(2024), 'concern_raised', '2024-09-10', 'Ms Jones', 'school', note: 'phoned home');
check_same(['', '', 'phoned home'], [$case->trail()[0]['parent_id'], $case->trail()[0]['detail'], $case->trail()[0]['note']],
           'apply() without parent and detail');
$school = new \Ssat\School($codes);
$school->importString("pupil_id,date,session,mark\nP1,2024-09-02,AM,/\n", source: 'marks.csv');
check_same(1, $school->count(), 'importString() with the kind left out (CSV_AUTO)');

// PHP's own messages name the parameter.
check_throws('TypeError', fn() => \Ssat\percentTenths(whole: 3, part: []),
             'Ssat\\percentTenths(): Argument #1 ($part) must be of type int, array given');

echo "$parameters parameters named\n";
done();
