<?php
// The PHP extension covers the whole public C API: fails when a function declared with SSAT_API in
// include/ is not called from the SWIG-generated wrapper (bind it in bindings/ssat.i), when a status
// has no exception class, or when a header constant is missing.
require __DIR__ . '/support.php';

function strip_comments(string $text): string
{
    return preg_replace('~/\*.*?\*/|//[^\n]*~s', ' ', $text);
}

$include = source_dir() . '/include';
$headers = array_merge(["$include/ssat.h"], glob("$include/ssat/*.h"));
$headers = array_filter($headers, fn($h) => basename($h) !== 'experimental.h'); // outside the API promises
$functions = [];
$constants = [];
foreach ($headers as $h) {
    $text = strip_comments(file_get_contents($h));
    preg_match_all('/^\s*(SSAT_[A-Z0-9_]+)\s*=/m', $text, $m);
    $constants = array_merge($constants, $m[1]);
    // Not struct initialisers (SSAT_CASE_EVENT_INIT, "{...}"): C only, a binding builds the struct itself.
    preg_match_all('/^#\s*define\s+(SSAT_[A-Z0-9_]+)\s+[^\s({]/m', $text, $m);
    $constants = array_merge($constants, $m[1]);
    $text = implode("\n", array_filter(explode("\n", $text), fn($l) => !str_starts_with(ltrim($l), '#')));
    preg_match_all('/\bSSAT_API\b[^;{}()]*?\b(ssat_[a-z0-9_]+)\s*\(/', $text, $m);
    $functions = array_merge($functions, $m[1]);
}
$functions = array_unique($functions);
// Declared SSAT_DEPRECATED (docs/abi.md, "Deprecated"): kept for C programs until the SOVERSION changes;
// the extension calls the replacement, which is public and so checked like any other function.
$deprecated = [];
foreach ($headers as $h) {
    preg_match_all('/\bSSAT_API\b[^;{}()]*?\b(ssat_[a-z0-9_]+)\s*\([^;]*\)\s*SSAT_DEPRECATED\b/',
                   strip_comments(file_get_contents($h)), $m);
    $deprecated = array_merge($deprecated, $m[1]);
}
check(in_array('ssat_problems_get', $deprecated, true) && !in_array('ssat_problems_at', $deprecated, true),
      'deprecated functions parsed');
check(count($functions) >= 69 && in_array('ssat_register_add_marks', $functions, true), 'header parse');

$wrapper_path = getenv('SSAT_PHP_WRAPPER');
check($wrapper_path !== false && is_file($wrapper_path), 'SSAT_PHP_WRAPPER names the generated wrapper (run through ctest)');
$wrapper = strip_comments(file_get_contents($wrapper_path));
$wrapper = preg_replace('/"(?:\\\\.|[^"\\\\\n])*"/', '""', $wrapper); // string literals
preg_match_all('/(?<![\w])(ssat_[a-z0-9_]+)\s*\(/', $wrapper, $m);
$called = array_unique($m[1]);
$missing = array_values(array_diff($functions, $called, $deprecated));
check_same([], $missing, 'public functions not reachable from the PHP extension');

// Every status has its exception class; every constant is defined.
preg_match_all('/\b(SSAT_ERR_[A-Z_]+)\s*=\s*(-?\d+)/', strip_comments(file_get_contents("$include/ssat/errors.h")), $m,
               PREG_SET_ORDER);
check(count($m) >= 10, 'statuses parsed');
$by_status = [];
foreach (get_declared_classes() as $class) {
    if (is_subclass_of($class, 'SsatException')) {
        $by_status[constant("$class::STATUS")] = $class;
    }
}
foreach ($m as [, $name, $value]) {
    check(isset($by_status[(int)$value]), "$name has an exception class");
    check_same((int)$value, constant($name), "constant $name");
}
$missing = array_values(array_filter(array_unique($constants),
    fn($c) => !str_ends_with($c, '_H') && !in_array($c, ['SSAT_API', 'SSAT_DEPRECATED', 'SSAT_NODISCARD',
        'SSAT_BEGIN_DECL', 'SSAT_END_DECL'], true) && !defined($c)));
check_same([], $missing, 'header constants missing in PHP');

// The PHP names (bindings/php/namespace.i): every class, function, method and constant above also has
// its name in the Ssat namespace, so nothing is reachable only under a deprecated global name.
function camel(string $snake): string
{
    return lcfirst(str_replace(' ', '', ucwords(str_replace('_', ' ', $snake))));
}
foreach ($m as [, $name, $value]) {
    $class = get_class(new $by_status[(int)$value]('x'));
    check(str_starts_with($class, 'Ssat\\') && is_subclass_of($class, 'Ssat\\Exception'),
          "$name: its class $class is in the Ssat namespace");
    check_same((int)$value, constant("Ssat\\" . substr($name, strlen('SSAT_'))), "constant Ssat\\$name");
}
foreach (array_unique($constants) as $c) {
    if (defined($c) && str_starts_with($c, 'SSAT_')) {
        check_same(constant($c), constant('Ssat\\' . substr($c, strlen('SSAT_'))), "constant $c in the namespace");
    }
}
$twins = 0;
foreach (get_extension_funcs('ssat') as $f) {
    if (str_starts_with($f, 'ssat_')) {
        $ns = 'Ssat\\' . camel(substr($f, strlen('ssat_')));
        check(function_exists($ns), "$f has the namespaced twin $ns");
        check_same((new ReflectionFunction($f))->getNumberOfParameters(),
                   (new ReflectionFunction($ns))->getNumberOfParameters(), "$ns parameters");
        $twins++;
    }
}
check($twins >= 40, "namespaced functions ($twins)");
$classes = 0;
foreach ((new ReflectionExtension('ssat'))->getClasses() as $key => $rc) {
    if (!str_starts_with($rc->getName(), 'SWIG\\') && strtolower($rc->getName()) !== 'ssat') {
        check(str_starts_with($rc->getName(), 'Ssat\\'), "class $key is in the Ssat namespace ({$rc->getName()})");
    }
    if (!str_starts_with($rc->getName(), 'Ssat\\')) {
        continue;
    }
    $classes++;
    foreach ($rc->getMethods() as $method) {
        $name = $method->getName();
        if ($method->getDeclaringClass()->getName() === $rc->getName() && !str_starts_with($name, '__')
            && str_contains($name, '_')) {
            check($rc->hasMethod(camel($name)) && $rc->getMethod(camel($name))->getName() === camel($name),
                  "{$rc->getName()}::$name has the camelCase twin " . camel($name));
            check_same($method->getNumberOfParameters(), $rc->getMethod(camel($name))->getNumberOfParameters(),
                       "{$rc->getName()}::" . camel($name) . ' parameters');
        }
    }
}
check($classes >= 26, "namespaced classes ($classes)");

// Summaries carry every field of ssat_totals.
preg_match('/typedef struct ssat_totals\s*\{(.*?)\}\s*ssat_totals;/s',
           strip_comments(file_get_contents("$include/ssat/attendance.h")), $m);
preg_match_all('/\b(\w+)\s*;/', $m[1], $f);
$reg = new SsatRegister(SsatCodeSet::builtin());
$reg->addMark('2024-09-02', 'AM', '/');
check_same($f[1], array_keys($reg->compute($reg->span())->totals()), 'totals fields in header order');

done();
