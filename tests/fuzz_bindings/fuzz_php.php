<?php
/*
 * Fuzz worker for the PHP extension (driven by tests/fuzz_bindings/run.py): random values into every
 * function, constructor and method of the ssat extension, found by reflection, so a function bound
 * later is fuzzed without a change here. Any Throwable is fine but the binding's own "libssat binding:"
 * Errors (a broken invariant, such as a result of another type than the declared one); those, a signal
 * or a fatal error fail the run. Deterministic for a seed; --trace prints each call first (to reproduce).
 *
 *   php -n -d extension=ssat.so fuzz_php.php SEED CALLS [--trace]
 */
[$seed, $calls] = [(int)$argv[1], (int)$argv[2]];
$trace = in_array('--trace', $argv, true);
mt_srand($seed);
set_error_handler(fn() => true); // warnings and deprecations of odd arguments are expected
$data = (getenv('SSAT_SOURCE_DIR') ?: dirname(__DIR__, 2)) . '/examples/data';
$scratch = sys_get_temp_dir() . '/ssat-fuzz-php-' . getmypid();
@mkdir($scratch);
chdir($scratch); // anything a call writes stays in here
register_shutdown_function(function () use ($scratch) {
    foreach (glob("$scratch/*") ?: [] as $f) {
        @unlink($f);
    }
    @rmdir($scratch);
});

function pick(array $a)
{
    return $a[mt_rand(0, count($a) - 1)];
}

// Every callable: [name, callable-maker(args) or null, the class for instance methods].
$targets = [];
// (The deprecated names are left out: each is the same handler as its namespaced, camelCase twin.)
foreach (get_extension_funcs('ssat') ?: [] as $f) {
    $rf = new ReflectionFunction($f);
    if (!$rf->isDeprecated()) {
        $targets[] = [$f, $rf, null];
    }
}
foreach (get_declared_classes() as $c) {
    $rc = new ReflectionClass($c);
    if ($rc->getExtensionName() !== 'ssat' || $rc->isSubclassOf('Throwable')) {
        continue;
    }
    foreach ($rc->getMethods(ReflectionMethod::IS_PUBLIC) as $m) {
        if (!$m->isDeprecated()) {
            $targets[] = ["$c::" . $m->getName(), $m, $rc];
        }
    }
}
usort($targets, fn($a, $b) => strcmp($a[0], $b[0]));

// Real objects, and objects made without their constructors.
$pool = [];
$try = function (callable $fn) use (&$pool) {
    try {
        $pool[] = $fn();
    } catch (Throwable $e) {
    }
};
$codes = SsatCodeSet::builtin('wales-2010');
$cal = new SsatCalendar(2024);
$policy = SsatPolicy::builtin('carmarthenshire');
$reg = new SsatRegister($codes);
$reg->addMarks('2024-09-02', '/\\/\\I\\O\\NNLL');
$window = \Ssat\windowRange('2024-09-02', '2024-09-06');
$school = new SsatSchool($codes);
$try(fn() => $school->importFile("$data/sample_school_2024.csv"));
array_push($pool, $codes, $cal, $policy, $reg, $school, new SsatCodeSet('mine'), new SsatPupil('P1'), new SsatParent('M1'));
$try(fn() => $reg->compute($window));
$try(fn() => new SsatPack());
$try(fn() => new SsatCase('P00001', $policy));
$try(fn() => new SsatBatch($codes, $policy, $cal, '2025-07-18'));
$try(fn() => $school->register($school->ids()[0]));
$try(fn() => $school->beginImport());
foreach (get_declared_classes() as $c) {
    $rc = new ReflectionClass($c);
    if ($rc->getExtensionName() === 'ssat' && $rc->isInstantiable() && !$rc->isSubclassOf('Throwable')) {
        $try(fn() => $rc->newInstanceWithoutConstructor());
    }
}
$base = count($pool);

function random_text(): string
{
    $alphabet = ['/', '\\', 'L', 'N', 'I', 'O', 'C', 'B', '#', '-', '.', ' ', 'A', 'M', 'P', '0', '1', '2', '9', ':',
                 ',', '"', "\n", "\r", "\t", "\0", "\xc3\xa9", "\xe2\x80\x8b", "\xff", '{', '}', '[', ']'];
    $s = '';
    for ($i = mt_rand(0, 40); $i > 0; $i--) {
        $s .= pick($alphabet);
    }
    return $s;
}

function random_value(array $pool, int $depth = 0)
{
    switch (mt_rand(0, 17)) {
        case 0: return null;
        case 1: return pick([0, 1, -1, 2, 7, 255, 2147483647, 2147483648, -2147483648, PHP_INT_MAX, PHP_INT_MIN, true, false]);
        case 2: return pick([0.5, -0.0, NAN, INF, 1e300]);
        case 3:
        case 4:
            return pick(['', '2024-09-02', '2025-07-18', '0001-01-01', '9999-12-31', '2024-02-30', 'AM', 'PM', 'wales-2010',
                         'england-2024', 'carmarthenshire', 'P00001', 'P1', '/', '\\', 'N', 'referral.attendance.threshold',
                         'concern_raised', 'concern', 'letter', 'summary', str_repeat('x', 300), "P1\0X", '{}', '[]']);
        case 5: return random_text();
        case 6: return random_bytes(mt_rand(1, 64));
        case 7:
            if ($depth < 2) {
                $a = [];
                for ($i = mt_rand(0, 4); $i > 0; $i--) {
                    $a[] = random_value($pool, $depth + 1);
                }
                return $a;
            }
            return [];
        case 8:
            if ($depth < 2) {
                $keys = ['first_date', 'first_half', 'last_date', 'last_half', 'date', 'summary', 'json', 'policy', 'x', 0, 1];
                $a = [];
                for ($i = mt_rand(0, 4); $i > 0; $i--) {
                    $a[pick($keys)] = random_value($pool, $depth + 1);
                }
                return $a;
            }
            return [];
        case 9: return ['first_date' => '2024-09-02', 'first_half' => 'AM', 'last_date' => '2024-09-06', 'last_half' => 'PM'];
        case 10: return [['P1', '2024-09-02', '/\\/\\'], ['P2', '2024-09-02', 'NN']];
        case 11: return pick([new stdClass(), new ArrayObject([1]), fn() => 1]);
        default: return $pool ? pick($pool) : null;
    }
}

function short($v): string
{
    $s = is_object($v) ? get_class($v) : str_replace("\n", ' ', var_export($v, true));
    return strlen($s) < 60 ? $s : substr($s, 0, 57) . '...';
}

for ($i = 0; $i < $calls; $i++) {
    [$name, $r, $rc] = $targets[mt_rand(0, count($targets) - 1)];
    $least = $r->getNumberOfRequiredParameters();
    $most = $r->getNumberOfParameters();
    $n = mt_rand(0, 7) ? mt_rand($least, $most) : mt_rand(0, 6);
    $args = [];
    for ($k = 0; $k < $n; $k++) {
        $args[] = random_value($pool);
    }
    $self = null;
    if ($rc !== null && !$r->isStatic() && $r->getName() !== '__construct') {
        $same = array_values(array_filter($pool, fn($o) => is_object($o) && $rc->isInstance($o)));
        $self = $same && mt_rand(0, 3) ? pick($same) : $rc->newInstanceWithoutConstructor();
    }
    if ($trace) {
        fwrite(STDERR, "$i: $name(" . implode(', ', array_map('short', $args)) . ")\n");
    }
    try {
        if ($rc === null) {
            $out = $r->invokeArgs($args);
        } elseif ($r->getName() === '__construct') {
            $out = $rc->newInstanceArgs($args);
        } else {
            $out = $r->invokeArgs($r->isStatic() ? null : $self, $args);
        }
        if (is_object($out) && count($pool) < $base + 200) {
            $pool[] = $out;
        }
    } catch (Throwable $e) {
        if (str_starts_with($e->getMessage(), 'libssat binding:')) {
            throw $e; // the binding broke its own rule (a value of another type than declared, no value ...)
        }
    }
}
echo "seed $seed: $calls calls over " . count($targets) . " callables\n";
