<?php
/*
 * Baseline: PHP, what a school portal would write without libssat: per pupil, count_chars() over the
 * marks of each window (a byte histogram in C), then the rules with exact integers (PHP's integers
 * are 64-bit). Reads the wide file ssat_bench wrote (one pupil per line).
 *
 *     php bench/baseline_php.php --data DIR --pupils N
 *
 * Times the computation only (the file is read first, reported as load_s); prints one JSON line with
 * the checksum bench/common.py describes.
 */
declare(strict_types=1);

$opts = getopt('', ['data:', 'pupils:']);
if (!isset($opts['data'], $opts['pupils'])) {
    fwrite(STDERR, "usage: php baseline_php.php --data DIR --pupils N\n");
    exit(2);
}
$dir = $opts['data'];
$n = (int)$opts['pupils'];
$p = json_decode(file_get_contents("$dir/params.json"), true, 16, JSON_THROW_ON_ERROR);

$t0 = hrtime(true);
$registers = explode("\n", file_get_contents("$dir/marks_$n.txt"));
$load_s = (hrtime(true) - $t0) / 1e9;

$t0 = hrtime(true);
/* byte value => class, for count_chars()'s histogram */
$classes = ['attended', 'authorised', 'unauth_other', 'unauth_holiday', 'unauth_late', 'missing'];
$class_of = [];
foreach ($classes as $c) {
    foreach (str_split($p['classes'][$c]) as $ch) {
        $class_of[ord($ch)] = $c;
    }
}
$valid = [];
foreach ($p['classes'] as $chars) {
    foreach (str_split($chars) as $ch) {
        $valid[ord($ch)] = true;
    }
}

function holds(int $part, int $whole, array $rule): bool
{
    if ($whole === 0) {
        return false;
    }
    $lhs = $part * 100 * $rule['den'];
    $rhs = $rule['num'] * $whole;
    return match ($rule['cmp']) {
        '<' => $lhs < $rhs, '<=' => $lhs <= $rhs, '>=' => $lhs >= $rhs, '>' => $lhs > $rhs,
    };
}

/* Counts per class of the marks in [lo, hi); false when a mark is no code. */
function window_counts(string $marks, int $lo, int $hi, array $class_of, array $valid): array|false
{
    $c = ['attended' => 0, 'authorised' => 0, 'unauth_other' => 0, 'unauth_holiday' => 0, 'unauth_late' => 0,
          'missing' => 0];
    foreach (count_chars(substr($marks, $lo, $hi - $lo), 1) as $byte => $count) {
        if (!isset($valid[$byte])) {
            return false;
        }
        if (isset($class_of[$byte])) {
            $c[$class_of[$byte]] += $count;
        }
    }
    return $c;
}

[$y0, $y1] = $p['windows']['year_to_date'];
[$r0, $r1] = $p['windows']['referral'];
[$a0, $a1] = $p['windows']['absence'];
[$l0, $l1] = $p['windows']['limb'];
$share_rule = ['num' => $p['r2']['min_share_num'], 'den' => $p['r2']['min_share_den'], 'cmp' => '>='];
$sum = array_fill(0, 17, 0);
for ($i = 0; $i < $n; $i++) {
    $marks = $registers[$i];
    $y = window_counts($marks, $y0, $y1, $class_of, $valid);
    $whole_run_valid = $y !== false && ($y1 >= strlen($marks) || window_counts($marks, $y1, strlen($marks), $class_of, $valid) !== false);
    if (!$whole_run_valid) {
        [$possible, $att, $auth, $unauth, $miss, $l_unauth, $tenths, $flags] = [0, 0, 0, 0, 0, 0, -1, 128];
    } else {
        $r = [$r0, $r1] === [$y0, $y1] ? $y : window_counts($marks, $r0, $r1, $class_of, $valid);
        $a = [$a0, $a1] === [$y0, $y1] ? $y : window_counts($marks, $a0, $a1, $class_of, $valid);
        $l = [$l0, $l1] === [$y0, $y1] ? $y : window_counts($marks, $l0, $l1, $class_of, $valid);
        $att = $y['attended'];
        $auth = $y['authorised'];
        $unauth = $y['unauth_other'] + $y['unauth_holiday'] + $y['unauth_late'];
        $miss = $y['missing'];
        $possible = $att + $auth + $unauth;
        $r_unauth = $r['unauth_other'] + $r['unauth_holiday'] + $r['unauth_late'];
        $r_absent = $r['authorised'] + $r_unauth;
        $r_possible = $r['attended'] + $r_absent;
        $a_absent = $a['authorised'] + $a['unauth_other'] + $a['unauth_holiday'] + $a['unauth_late'];
        $a_possible = $a['attended'] + $a_absent;
        $l_unauth = $l['unauth_other'] + $l['unauth_holiday'] + $l['unauth_late'];
        $flags = $possible > 0 ? 1 : 0;
        if (holds($r['attended'], $r_possible, $p['r1'])) {
            $flags |= 2;
        }
        $share = $p['r2']['min_share_num'] === 0 || holds($r_unauth, $r_absent, $share_rule);
        if ($r_possible > 0 && $r_unauth >= $p['r2']['min_sessions'] && $share) {
            $flags |= 4;
        }
        if (holds($a_absent, $a_possible, $p['persistent'])) {
            $flags |= 8;
        }
        if ($p['severe']['enabled'] && holds($a_absent, $a_possible, $p['severe'])) {
            $flags |= 16;
        }
        $limb_counts = [$l['unauth_other'], $l['unauth_holiday'], $l['unauth_late'], $l_unauth];
        foreach ($p['limbs'] as $k => $need) {
            if ($need > 0 && $limb_counts[$k] >= $need) {
                $flags |= 32;
            }
        }
        if (!$p['year_to_date']['required'] || holds($att, $possible, $p['year_to_date'])) {
            $flags |= 64;
        }
        $tenths = $possible > 0 ? intdiv(2000 * $att + $possible, 2 * $possible) : -1;
    }
    $sum[0] += $possible;
    $sum[1] += $att;
    $sum[2] += $auth;
    $sum[3] += $unauth;
    $sum[4] += $miss;
    $sum[5] += $l_unauth;
    $sum[6] += max($tenths, 0);
    for ($k = 0; $k < 8; $k++) {
        $sum[7 + $k] += ($flags >> $k) & 1;
    }
    $sum[15] += ($i % 1000 + 1) * $flags;
    $sum[16] += ($i % 997 + 1) * ($tenths + 1);
}
$compute_s = (hrtime(true) - $t0) / 1e9;
echo json_encode(['tool' => 'php', 'pupils' => $n, 'load_s' => round($load_s, 6), 'compute_s' => round($compute_s, 6),
                  'checksum' => $sum, 'php' => PHP_VERSION]), "\n";
