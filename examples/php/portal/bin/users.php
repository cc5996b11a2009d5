<?php
/*
 * Users of the portal, from the command line (the first administrator is made here: there is no default
 * account). Run with the PHP that serves the portal and the same SSAT_PORTAL_DATA.
 *   php bin/users.php create USERNAME --name "Full Name" --role staff|ssat|admin [--school ID]
 *   php bin/users.php reset USERNAME
 *   php bin/users.php list
 * The password is read from standard input (one line) when it is not a terminal; otherwise a random one
 * is made and printed once.
 */
require dirname(__DIR__) . '/lib.php';

$args = array_slice($argv, 1);
$command = array_shift($args);
$username = ($command === 'create' || $command === 'reset') ? array_shift($args) : null;
$opt = static function (string $k) use ($args): ?string {
    $i = array_search("--$k", $args, true);
    return $i !== false && isset($args[$i + 1]) ? $args[$i + 1] : null;
};
$password = static function (): array {
    if (!stream_isatty(STDIN)) {
        $line = fgets(STDIN);
        if ($line !== false && rtrim($line, "\r\n") !== '') {
            return [rtrim($line, "\r\n"), false];
        }
    }
    return [random_password(), true];
};

switch ($command) {
    case 'create':
        if ($username === null || $opt('name') === null || $opt('role') === null) {
            break;
        }
        [$pw, $show] = $password();
        create_user($username, $opt('name'), $opt('role'), $opt('school'), $pw);
        audit_as(null, 'cli', 'user.create', null, "$username " . $opt('role'), 'allowed', 'cli');
        echo "users.php: created $username (" . $opt('role') . ($opt('school') !== null ? ', ' . $opt('school') : '') . ')'
             . ($show ? "; password: $pw" : '') . "\n";
        exit(0);
    case 'reset':
        if ($username === null) {
            break;
        }
        [$pw, $show] = $password();
        if (!reset_password($username, $pw)) {
            fwrite(STDERR, "users.php: no user $username\n");
            exit(1);
        }
        audit_as(null, 'cli', 'user.reset', null, $username, 'allowed', 'cli');
        echo "users.php: password of $username reset" . ($show ? "; password: $pw" : '') . "\n";
        exit(0);
    case 'list':
        foreach (db()->query('SELECT username, name, role, school_id, created_at FROM users ORDER BY username') as $u) {
            printf("%-24s %-6s %-12s %s (created %s)\n", $u['username'], $u['role'], $u['school_id'] ?? '-', $u['name'], $u['created_at']);
        }
        exit(0);
}
fwrite(STDERR, "usage: php bin/users.php create USERNAME --name NAME --role staff|ssat|admin [--school ID]\n"
             . "       php bin/users.php reset USERNAME\n       php bin/users.php list\n"
             . "(the password: one line on standard input, else a random one is printed)\n");
exit(2);
