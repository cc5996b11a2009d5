<?php
// Object lifetimes in any free order, and a flat resident set over many registers and summaries.
require __DIR__ . '/support.php';

// The code set handle goes first; the register keeps the set alive (reference counted in C).
$codes = SsatCodeSet::builtin('wales-2010');
$reg = new SsatRegister($codes);
$codes = null;
gc_collect_cycles();
$reg->addMarks('2024-09-02', '/\\I\\O\\');
check_same('wales-2010', $reg->codesetName(), 'set alive through the register');
check_same(26, count($reg->codes()), 'codes through the register');

// A summary outlives its register.
$obj = $reg->compute($reg->span());
$rec = $reg->summary($reg->span(), true);
$reg = null;
gc_collect_cycles();
check_same(667, $obj->attendanceTenths(), 'summary object after the register is gone');
check($rec['summary']->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 90), 'record object after the register is gone');
check_same(6, $obj->totals()['possible'], 'totals');

// A copy outlives its source; a register of the copy outlives both.
$src = SsatCodeSet::builtin('england-2024');
$copy = $src->copy('england-local');
$src = null;
$r2 = new SsatRegister($copy);
$copy = null;
gc_collect_cycles();
$r2->addMark('2024-09-02', 'AM', 'C1');
check_same('C1', $r2->mark('2024-09-02', 'AM'), 'two-character code');

// The marks string is read in place: a large one costs no PHP memory to pass.
$big = str_repeat('/\\', 190);
$before = memory_get_usage();
$r3 = new SsatRegister(SsatCodeSet::builtin());
$r3->addMarks('2024-09-02', $big);
check(memory_get_usage() - $before < 4096, 'no copy of the marks in PHP memory');

// Resident set stays flat over many create/free cycles (leaks in the wrapper or the library).
function rss(): int
{
    $statm = explode(' ', trim(file_get_contents('/proc/self/statm')));
    return (int)$statm[1] * 4096;
}

function churn(int $n, array $window): void
{
    $codes = SsatCodeSet::builtin('wales-2010');
    for ($i = 0; $i < $n; $i++) {
        $reg = new SsatRegister($codes);
        $reg->addMarks('2024-09-02', "/\\/\\I\\O\\L\\/\\/\\G\\N\\U\\");
        $s = $reg->summary($window, true);
        $s['summary']->compare(SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 90);
        try {
            $reg->addMarks('2024-09-02', 'Q');
        } catch (SsatInvalidDataException $e) {
        }
    }
}

$valgrind = str_contains((string)getenv('LD_PRELOAD'), 'vgpreload');
$n = $valgrind ? 500 : 100000;
$window = \Ssat\windowRange('2024-09-02', '2024-09-20');
churn(intdiv($n, 10), $window);
gc_collect_cycles();
$before = rss();
churn($n, $window);
gc_collect_cycles();
$growth = rss() - $before;
echo "churn: $n iterations, RSS growth ", intdiv($growth, 1024), " KiB\n";
// Under valgrind, freed blocks wait in its quarantine and RSS grows anyway; valgrind checks leaks itself.
check($valgrind || $growth < 4 * 1024 * 1024, "RSS grew by $growth bytes over $n iterations");

done();
