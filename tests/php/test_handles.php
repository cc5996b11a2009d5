<?php
// Issue 15, crash 1: no PHP object without its C object can crash the interpreter. Every class of the
// extension (found by reflection, so classes added later are covered) is made without its constructor
// and every method is called: each instance method throws SsatStateException. serialize() and
// unserialize() round-trip through the library's JSON (policy, pack, case) or throw.
require __DIR__ . '/support.php';

/** Every class of the extension that wraps a C object (SWIG's marker interface): not the exceptions, nor
 * the class `ssat` of the module's constants. */
function ssat_classes(): array
{
    $out = [];
    foreach (get_declared_classes() as $c) {
        $rc = new ReflectionClass($c);
        if ($rc->getExtensionName() === 'ssat' && in_array('SWIG\\wrapped', $rc->getInterfaceNames(), true)) {
            $out[] = $rc;
        }
    }
    return $out;
}

/** An argument of the declared type that passes the binding's own conversions. */
function dummy_argument(ReflectionParameter $p)
{
    $type = $p->getType();
    if ($type === null || $type->allowsNull()) {
        return null;
    }
    $names = $type instanceof ReflectionNamedType ? [$type->getName()] : array_map(fn($t) => $t->getName(), $type->getTypes());
    if (in_array('int', $names, true)) {
        return 0;
    }
    if (in_array('string', $names, true)) {
        return '2024-09-02';
    }
    if (in_array('bool', $names, true)) {
        return false;
    }
    if (in_array('array', $names, true)) {
        return ['first_date' => '2024-09-02', 'first_half' => 'AM', 'last_date' => '2024-09-06', 'last_half' => 'PM'];
    }
    return null;
}

function dummy_arguments(ReflectionMethod $m): array
{
    return array_map('dummy_argument', array_slice($m->getParameters(), 0, $m->getNumberOfRequiredParameters()));
}

// SWIG's property accessors touch no C object; a constructor and __unserialize() give one.
const NO_HANDLE_NEEDED = ['__construct', '__unserialize', '__get', '__set', '__isset'];

$classes = ssat_classes();
check(count($classes) >= 13, 'reflection finds the classes (' . count($classes) . ')');
$methods = 0;
foreach ($classes as $rc) {
    foreach ($rc->getMethods(ReflectionMethod::IS_PUBLIC) as $m) {
        if ($m->isStatic() || $m->isDeprecated() || in_array($m->getName(), NO_HANDLE_NEEDED, true)) {
            continue;
        }
        $o = $rc->newInstanceWithoutConstructor();
        $what = $rc->getName() . '::' . $m->getName() . '()';
        $e = check_throws('SsatStateException', fn() => $m->invokeArgs($o, dummy_arguments($m)), 'holds no libssat handle');
        check(str_contains($e->getMessage(), $what), "$what names itself: " . $e->getMessage());
        $methods++;
    }
    // The accessors SWIG adds must not crash either (they may throw).
    $o = $rc->newInstanceWithoutConstructor();
    try {
        isset($o->x);
        $o->x;
    } catch (Throwable $e) {
    }
}
check($methods >= 130, "every instance method was called ($methods)");

// A class without a constructor made with `new`, and a subclass that skips its parent's constructor.
// (the message names the class by its real name, Ssat\Import; SsatImport is its deprecated alias)
check_throws('SsatStateException', fn() => (new SsatImport())->isOpen(), 'Ssat\\Import::isOpen()');
class LazyCase extends SsatCase
{
    public function __construct()
    {
    }
}
check_throws('SsatStateException', fn() => (new LazyCase())->state(), 'holds no libssat handle');

// An object without its C object as an argument.
$ghost_school = (new ReflectionClass('SsatSchool'))->newInstanceWithoutConstructor();
$ghost_policy = (new ReflectionClass('SsatPolicy'))->newInstanceWithoutConstructor();
check_throws('SsatStateException', fn() => new SsatCase('P1', $ghost_policy), 'argument 2 (Ssat\\Policy)');
check_throws('SsatStateException', fn() => SsatPolicy::builtin()->equals($ghost_policy), 'holds no libssat handle');
$cal = new SsatCalendar(2024);
$batch = new SsatBatch(SsatCodeSet::builtin(), SsatPolicy::builtin(), $cal, '2025-07-18');
check_throws('SsatStateException', fn() => $batch->evaluateSchool($ghost_school), '(Ssat\\School) holds no libssat handle');

// Ownership is fixed when an object is made: `thisown` on a borrowed register would free the school's.
$school = new SsatSchool(SsatCodeSet::builtin());
$school->importFile(source_dir() . '/examples/data/sample_school_2024.csv');
$borrowed = $school->register('P00001');
check_same(0, $borrowed->thisown, 'a borrowed object is not owned');
check_throws('SsatStateException', function () use ($borrowed) { $borrowed->thisown = 1; }, 'thisown is read-only');
check(isset($borrowed->thisown) && !isset($borrowed->other), '__isset');
// SWIG's accessors called as methods with a name that is not a string (they read it unchecked).
check_throws('TypeError', fn() => $borrowed->__set([], 1));
check_throws('TypeError', fn() => $borrowed->__get(new stdClass()));
check_throws('TypeError', fn() => $borrowed->__isset([]));
$borrowed = null;
check_same(380, $school->register('P00001')->entryCount(), 'the school\'s register is intact');

// A string parameter given an array is a TypeError, and the caller's array is left alone (it was
// converted in place, freeing the caller's array).
$kinds = ['concern', 'letter'];
check_throws('TypeError', fn() => SsatPack::fields($kinds), 'Argument #1 ($kind) must be of type string, array given');
check_same(['concern', 'letter'], $kinds, 'the argument is intact');
check_same(count(SsatPack::fields('concern')), count(SsatPack::fields('concern')), 'fields');
check_throws('TypeError', fn() => (new SsatPack())->update(0, -0.0), 'Argument #2 ($fields) must be of type array, float given');

// serialize()/unserialize(): through the library's JSON for policies, packs and cases ...
$policy = SsatPolicy::builtin('carmarthenshire');
$policy->setInt('referral.unauthorised.min_sessions', 12);
$copy = unserialize(serialize($policy));
check($copy instanceof SsatPolicy && $copy->equals($policy), 'policy round trip');
check_same(12, $copy->getInt('referral.unauthorised.min_sessions'), 'policy value kept');

$pack = new SsatPack();
$pack->add('concern', ['date' => '2024-09-20', 'summary' => 'Attendance 84.7% by half term.']);
check_same($pack->toJson(), unserialize(serialize($pack))->toJson(), 'pack round trip');

$case = new SsatCase('P00002', $policy);
$case->apply(null, null, 'concern_raised', '2024-09-20', 'Ms Jones', 'attendance officer', null, null, null);
$back = unserialize(serialize($case));
check_same($case->toJson(), $back->toJson(), 'case round trip (trail and state)');
check($back->policy()->equals($policy), 'the case keeps its policy');
check_same(1, count($back->trail()), 'trail kept');

// ... a document that does not load throws as from_json() does, and a live object is never replaced.
check_throws('SsatParseException', fn() => unserialize('O:10:"SsatPolicy":1:{s:4:"json";s:3:"{x}";}'), 'unserialize SsatPolicy');
check_throws('SsatParseException', fn() => unserialize('O:8:"SsatCase":1:{s:4:"json";s:2:"{}";}'), '"policy"');
check_throws('SsatParseException', fn() => unserialize('O:8:"SsatPack":0:{}'), '"json"');
check_throws('SsatStateException', fn() => $policy->__unserialize(['json' => $copy->toJson()]), 'already holds');
check_same(12, $policy->getInt('referral.unauthorised.min_sessions'), 'the live policy is unchanged');

// ... every other class refuses both, so nothing is silently empty.
foreach ($classes as $rc) {
    if ($rc->hasMethod('__serialize')) {
        continue;
    }
    $name = $rc->getName();
    check_throws('Exception', fn() => serialize($rc->newInstanceWithoutConstructor()), "Serialization of '$name' is not allowed");
    check_throws('Exception', fn() => unserialize('O:' . strlen($name) . ":\"$name\":0:{}"), "Unserialization of '$name' is not allowed");
}
check_throws('Exception', fn() => serialize(new SsatCalendar(2024)), 'not allowed');
check_throws('Error', fn() => clone $cal, 'uncloneable');

echo "ok: {$GLOBALS['ssat_checks']} checks, $methods methods of " . count($classes) . " classes\n";
