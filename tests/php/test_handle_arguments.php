<?php
// Every parameter of the extension that takes one of its objects (a \Ssat\Policy, a \Ssat\Register ...)
// refuses anything else with PHP's own TypeError for an argument of the wrong type: it names the
// function or method as called, the argument's position and name and the class by its PHP name
// ("Ssat\referralEvaluate(): Argument #1 ($policy) must be of type ?Ssat\Policy, string given"), not
// SWIG's internal type and wrapper names. The parameters are found by reflection (reflection.php).
require __DIR__ . '/reflection.php';

$objects = reflection_objects();
$checked = [];
foreach (callables($objects) as [$what, $call, $f]) {
    foreach ($f->getParameters() as $i => $p) {
        $class = object_class($p);
        if ($class === null) {
            continue;
        }
        check(isset($objects[$class]), "the test has an object of $class (for $what)");
        $pos = $i + 1;
        $e = check_throws('TypeError', fn() => $call(arguments($f, $i, 'not an object', $objects)));
        check(str_contains($e->getMessage(), "(): Argument #$pos (\${$p->getName()})") &&
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
done();
