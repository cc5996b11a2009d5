<?php
/*
 * The demonstration's first run (run.sh calls it before starting the server; safe to run again):
 * imports the bundled sample school (examples/data, 1,000 pupils) as "ysgol-a" and a second school
 * generated from it (sample/make_second_school.php, 500 pupils) as "ysgol-b", each once; adds the sample
 * evidence (src/cases.php seed_sample_packs()); and creates the demo accounts, printing their passwords
 * (random, shown once; bin/users.php reset NAME makes a new one).
 */
require dirname(__DIR__) . '/lib.php';
require dirname(__DIR__) . '/sample/make_second_school.php';

$sample = getenv('SSAT_PORTAL_SAMPLE') ?: dirname(__DIR__, 3) . '/data';
$second = ensure_dir(data_dir()) . '/sample-ysgol-b';
if (!is_file("$second/registers.csv")) {
    make_second_school($sample, $second);
}
$schools = [
    'ysgol-a' => ['Ysgol Gyfun Enghraifft', "$sample/sample_school_2024.csv", "$sample/pupils_2024.csv", "$sample/terms_2024.csv", "$sample/closures_2024.csv"],
    'ysgol-b' => ['Ysgol Uwchradd y Cwm', "$second/registers.csv", "$second/pupils.csv", "$second/terms.csv", "$second/closures.csv"],
];
foreach ($schools as $id => [$name, $register, $pupils, $terms, $closures]) {
    if (school_row($id) !== null) {
        continue;
    }
    $t = microtime(true);
    $r = import_school($id, $name, ['register' => [file_get_contents($register), basename($register)],
                                    'pupils' => [file_get_contents($pupils), basename($pupils)],
                                    'terms' => [file_get_contents($terms), basename($terms)],
                                    'closures' => [file_get_contents($closures), basename($closures)]], 'demo');
    fprintf(STDERR, "demo: imported %s (%s): %d pupils as of %s in %.1f s\n", $id, $name, $r['pupils'], $r['as_of'], microtime(true) - $t);
}
seed_sample_packs();

$accounts = [
    ['staff-a', 'Dafydd Price', 'staff', 'ysgol-a'],
    ['staff-b', 'Nia Roberts', 'staff', 'ysgol-b'],
    ['ssat', 'Rhian Evans', 'ssat', null],
    ['admin', 'Gweinyddwr y Porth', 'admin', null],
];
foreach ($accounts as [$username, $name, $role, $school]) {
    $q = db()->prepare('SELECT 1 FROM users WHERE username = ?');
    $q->execute([$username]);
    if ($q->fetchColumn() !== false) {
        fprintf(STDERR, "demo: account %-8s exists (php bin/users.php reset %s for a new password)\n", $username, $username);
        continue;
    }
    $password = random_password();
    create_user($username, $name, $role, $school, $password);
    fprintf(STDERR, "demo: account %-8s password %s  (%s%s)\n", $username, $password, PORTAL_TEXT['en']["role.$role"],
            $school !== null ? ', ' . $schools[$school][0] : '');
}
