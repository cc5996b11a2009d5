<?php
/*
 * Writes ssat_php_params.h, the PHP parameter names of every wrapper of the ssat extension, from the
 * wrapper SWIG generated (bindings/php/arguments.i, "2. Parameter names", says why and how they are used):
 *
 *   php -n bindings/php/gen_params.php build/.../ssatPHP7_wrap.c build/.../ssat_php_params.h
 *
 * Each PHP `in` typemap of the binding marks its argument: SSATB_PHP_PARAM(args[i], "c_name", argN). A
 * wrapper's names are its marks in argument order, in camelCase (as_of -> asOf), without the maybe_
 * prefix that selects a nullable typemap; an optional parameter's default is the C default SWIG
 * initializes the mark's variable with. A wrapper with an argument that has no mark (a typemap without
 * one, e.g. SWIG's own), two marks for one argument, or a default PHP cannot be given stops the build.
 */
if ($argc !== 3) {
    fwrite(STDERR, "usage: gen_params.php WRAPPER.c OUT.h\n");
    exit(2);
}
[, $wrapper, $out] = $argv;
$src = file_get_contents($wrapper);
if ($src === false) {
    fwrite(STDERR, "gen_params.php: cannot read $wrapper\n");
    exit(1);
}

/* "window_year_to_date" -> "windowYearToDate"; "maybe_name" -> "name"; "previous_reg" ->
 * "previousRegister" (C's `reg` because `register` is a C keyword; the Python package says register). */
function php_name(string $c): string
{
    $words = explode('_', preg_replace('/^maybe_/', '', $c));
    $words = array_map(fn($w) => $w === 'reg' ? 'register' : $w, $words);
    return $words[0] . implode('', array_map('ucfirst', array_slice($words, 1)));
}

/* The PHP default of an optional parameter: the value SWIG initializes its C variable with
 * (`uint32_t arg5 = (uint32_t) 1 ;`), as PHP code: NULL or a null pointer is null, SSAT_X the
 * constant \Ssat\X; null when it is something else. */
function php_default(string $body, string $var): ?string
{
    if (!preg_match('/\b' . $var . ' = \(([^)]*)\) (.*?) ;/', $body, $m)) {
        return null;
    }
    [, $cast, $value] = $m;
    if ($value === 'NULL' || ($value === '0' && str_contains($cast, '*'))) {
        return 'null';
    }
    if (preg_match('/^(-?\d+|true|false)$/', $value)) {
        return $value;
    }
    return preg_match('/^SSAT_(\w+)$/', $value, $c) ? '\\Ssat\\' . $c[1] : null;
}

/* The handler of a wrapper as C names it, and its declaration. */
function handler(string $kind, string $a, ?string $b): array
{
    switch ($kind) {
        case 'PHP_METHOD':
            return ["ZEND_MN({$a}_{$b})", "static PHP_METHOD($a,$b);"];
        case 'PHP_FUNCTION':
            return ["ZEND_FN($a)", "static PHP_FUNCTION($a);"];
        default:
            return [$a, "static ZEND_NAMED_FUNCTION($a);"];
    }
}

$errors = [];
$found = [];     // handler => [declaration, [names]]
$delegates = []; // handler => the function it passes its arguments to
$re = '/^static (PHP_METHOD|PHP_FUNCTION|ZEND_NAMED_FUNCTION)\((\w+)(?:,(\w+))?\) \{\n(.*?)^\}$/ms';
preg_match_all($re, $src, $wrappers, PREG_SET_ORDER);
foreach ($wrappers as [, $kind, $a, $b, $body]) {
    $b = $b === '' ? null : $b;
    [$h, $decl] = handler($kind, $a, $b);
    $where = $b === null ? $a : "$a::$b";
    if (preg_match('/^\s*PHP_FN\((\w+)\)\(INTERNAL_FUNCTION_PARAM_PASSTHRU\);\s*$/', $body, $m)) {
        $delegates[$h] = [$decl, "ZEND_FN({$m[1]})"];
        continue;
    }
    if (!preg_match('/^\s*zval args\[(\d+)\];/m', $body, $m)) {
        continue; // no PHP argument
    }
    $n = (int)$m[1];
    $required = preg_match('/arg_count<(\d+) \|\|/', $body, $m) ? (int)$m[1] : $n;
    $names = array_fill(0, $n, null);
    $defaults = array_fill(0, $n, '');
    preg_match_all('/SSATB_PHP_PARAM\(args\[(\d+)\], "(\w*)", (\w+)\)/', $body, $marks, PREG_SET_ORDER);
    foreach ($marks as [, $i, $c, $var]) {
        $i = (int)$i;
        if ($i >= $n || $names[$i] !== null || $c === '') {
            $errors[] = "$where: argument " . ($i + 1) . ($c === '' ? ' has no C name' : ' is marked twice or is not an argument');
            continue;
        }
        $names[$i] = php_name($c);
        if ($i >= $required) {
            $defaults[$i] = php_default($body, $var) ?? '';
            if ($defaults[$i] === '') {
                $errors[] = "$where: argument " . ($i + 1) . " (\$$c): no default that PHP can be given";
            }
        }
    }
    foreach ($names as $i => $name) {
        if ($name === null) {
            $errors[] = "$where: argument " . ($i + 1) . ' has no SSATB_PHP_PARAM mark (a typemap of its type lacks one)';
        }
    }
    if (count(array_unique(array_filter($names))) !== count(array_filter($names)) || in_array('this', $names, true)) {
        $errors[] = "$where: parameter names " . implode(', ', $names) . ' repeat, or use $this';
    }
    $found[$h] = [$decl, $names, $defaults];
}
foreach ($delegates as $h => [$decl, $target]) {
    if (isset($found[$target])) {
        $found[$h] = [$decl, $found[$target][1], $found[$target][2]];
    }
}
if ($errors) {
    fwrite(STDERR, "gen_params.php: $wrapper:\n  " . implode("\n  ", $errors) . "\n");
    exit(1);
}
if (count($found) < 50) {
    fwrite(STDERR, "gen_params.php: only " . count($found) . " wrappers with arguments found in $wrapper: has SWIG's output changed?\n");
    exit(1);
}

ksort($found);
$decls = $rows = '';
/* "\000" (not "\0"): a default may begin with a digit, which "\0" would take as part of an octal escape. */
$nul_ended = fn(array $texts) => implode('', array_map(fn($s) => addcslashes($s, '\\"') . '\\000', $texts));
foreach ($found as $h => [$decl, $names, $defaults]) {
    $decls .= "$decl\n";
    $rows .= sprintf("    {%s, %d, \"%s\", \"%s\"},\n", $h, count($names), $nul_ended($names), $nul_ended($defaults));
}
$text = "/* GENERATED by bindings/php/gen_params.php from " . basename($wrapper) . ": do not edit. */\n"
      . $decls . "\nstatic const ssatb_php_params ssatb_php_param_table[] = {\n" . $rows . "};\n";
if (file_put_contents($out, $text) === false) {
    fwrite(STDERR, "gen_params.php: cannot write $out\n");
    exit(1);
}
