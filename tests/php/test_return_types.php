<?php
// Every function and method of the extension declares its return type (`: array`, `: string`,
// `: \Ssat\Register` ...), for IDEs, the stub and static analysis; SWIG declares none for a value the
// binding builds itself (runtime.i: %ssatb_value_as, %ssatb_status_returns). The extension checks each
// result against its declaration (ssatb_php_check_return: a wrong one is an Error "libssat binding:
// ... returned string, not its declared int"), and this test calls every callable with plausible
// arguments (reflection.php) so that each declaration is proved by a real result.
require __DIR__ . '/reflection.php';

$objects = reflection_objects();
$untyped = [];
$proved = 0;
$declared = [];
foreach (callables($objects) as [$what, $call, $f]) {
    if ($f instanceof ReflectionMethod && $f->isConstructor()) {
        continue;  // a constructor has no return type
    }
    if (!$f->hasReturnType()) {
        $untyped[] = $what;
        continue;
    }
    $declared[(string)$f->getReturnType()] = true;
    try {
        $call(arguments($f, -1, null, $objects));
        $proved++;
    } catch (Error $e) {
        // A plausible argument may still be refused (TypeError, ValueError); a broken declaration may not.
        check(!str_starts_with($e->getMessage(), 'libssat binding:'), "$what: " . $e->getMessage());
    } catch (Exception $e) {
        // The library refused the plausible arguments (a date out of the term ...): nothing returned.
    }
}
check($untyped === [], 'callables without a declared return type: ' . implode(', ', $untyped));
check($proved >= 200, "callables whose declared return type a result proved: $proved");
ksort($declared);

// Some declarations by name: a date is a string, a method with nothing to return is void, a borrowed
// object its real class, a value that may be absent nullable. (A result its declaration does not match
// is an Error "libssat binding: ... returned ..., not its declared ...", which the loop above refuses.)
$policy = \Ssat\Policy::builtin();
check_same('2024-09-30', (new \Ssat\Evaluation($policy, new \Ssat\Calendar(2024), '2024-09-30'))->asOf(), 'asOf(): string');
check_same('void', (string)(new ReflectionMethod(\Ssat\Pack::class, 'update'))->getReturnType(), 'Pack::update(): void');
check_same('Ssat\Register', (string)(new ReflectionMethod(\Ssat\School::class, 'register'))->getReturnType(),
           'School::register(): the real class');
check_same('?string', (string)(new ReflectionMethod(\Ssat\Decision::class, 'earliestDate'))->getReturnType(),
           'Decision::earliestDate(): ?string');
foreach ([\Ssat\Policy::class, \Ssat\Pack::class, \Ssat\CaseFile::class] as $class) {
    check_same('array', (string)(new ReflectionMethod($class, '__serialize'))->getReturnType(), "$class::__serialize(): array");
    check_same('void', (string)(new ReflectionMethod($class, '__unserialize'))->getReturnType(), "$class::__unserialize(): void");
}
check_same(['json'], array_keys($policy->__serialize()), 'Policy::__serialize() returns its array');

echo "$proved callables returned a value of their declared type; types declared: ", implode(', ', array_keys($declared)), "\n";
done();
