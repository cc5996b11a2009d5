<?php
/*
 * Import a school's registers into the portal's database (as the import page does):
 *   php bin/import.php --school ID --name NAME --register FILE [--pupils FILE] [--terms FILE] [--closures FILE]
 * Run it with the PHP that serves the portal (the ssat extension, PDO SQLite; see run.sh) and the same
 * SSAT_PORTAL_DATA. A register may be CSV (long or wide layout) or a Common Transfer File (which gives
 * the pupils too: no --pupils). Terms and closures default to the school's stored ones. On a refusal every
 * problem is printed (file:line:column) and nothing changes; exit status 1.
 */
require dirname(__DIR__) . '/lib.php';

$o = getopt('', ['school:', 'name:', 'register:', 'pupils:', 'terms:', 'closures:']);
if (!isset($o['school'], $o['register']) || !is_string($o['school']) || !is_string($o['register'])) {
    fwrite(STDERR, "usage: php bin/import.php --school ID --name NAME --register FILE [--pupils FILE] [--terms FILE] [--closures FILE]\n");
    exit(2);
}
$stored = school_row($o['school']);
$name = is_string($o['name'] ?? null) ? $o['name'] : ($stored['name'] ?? null);
if ($name === null || plain_text_problem($name, 128, false) !== null) {
    fwrite(STDERR, "import.php: a new school needs --name (plain text, at most 128 characters)\n");
    exit(2);
}
$files = [];
foreach (['register', 'pupils', 'terms', 'closures'] as $part) {
    if (is_string($o[$part] ?? null)) {
        $data = @file_get_contents($o[$part]);
        if ($data === false) {
            fwrite(STDERR, "import.php: cannot read {$o[$part]}\n");
            exit(1);
        }
        $files[$part] = [$data, $o[$part]];
    } elseif ($stored !== null && in_array($part, ['terms', 'closures'], true)) {
        $files[$part] = [$stored[$part], $part];
    } elseif (!($part === 'pupils' && looks_like_ctf($files['register'][0]))) {
        fwrite(STDERR, "import.php: --$part FILE is required\n");
        exit(2);
    }
}
try {
    $t = microtime(true);
    $r = import_school($o['school'], $name, $files, 'cli:' . (getenv('USER') ?: 'unknown'));
    audit_as(null, 'cli', 'import', null, "{$o['school']}: {$r['pupils']} pupils as of {$r['as_of']}", 'allowed', 'cli');
    foreach ($r['warnings'] as $w) {
        fwrite(STDERR, 'warning: ' . $w['message_en'] . "\n");
    }
    printf("import.php: %s (%s): %d pupils as of %s, in %.1f s\n", $o['school'], $name, $r['pupils'], $r['as_of'], microtime(true) - $t);
} catch (ImportRefused $e) {
    fwrite(STDERR, "import.php: refused, nothing was changed:\n");
    foreach ($e->problems as $p) {
        fwrite(STDERR, '  ' . $p['message_en'] . "\n");
    }
    exit(1);
}
