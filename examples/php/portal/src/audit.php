<?php
/*
 * The access log: every view of a pupil's page, certificate or document, every change, every sign-in
 * and every refusal, with who (the signed-in user), when (UTC), what, which pupil and the outcome. Only
 * an administrator reads it (log.php), and may export it as CSV with formulas neutralised.
 */
declare(strict_types=1);

/** Log an action of the signed-in user (or of nobody, before sign-in). */
function audit(string $action, ?string $pupil_id, string $detail = '', string $outcome = 'allowed'): void
{
    $user = current_user();
    audit_as($user['id'] ?? null, $user['username'] ?? '-', $action, $pupil_id, $detail, $outcome, $user['role'] ?? '-');
}

function audit_as(?int $user_id, string $username, string $action, ?string $pupil_id, string $detail, string $outcome,
                  string $role = '-'): void
{
    db()->prepare('INSERT INTO access_log (at, user_id, username, role, action, pupil_id, detail, outcome, ip)'
                  . ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        ->execute([utc_now(), $user_id, mb_safe($username, 64), $role, $action, $pupil_id, mb_safe($detail, 500), $outcome, client_ip()]);
}

/** At most $max characters of valid UTF-8 (what a client sent may be anything). */
function mb_safe(string $s, int $max): string
{
    $s = preg_match('//u', $s) === 1 ? $s : htmlspecialchars_decode(htmlspecialchars($s, ENT_SUBSTITUTE | ENT_NOQUOTES, 'UTF-8'), ENT_NOQUOTES);
    return preg_match('/^.{0,' . $max . '}/su', $s, $m) === 1 ? $m[0] : '';
}

/**
 * A CSV field that a spreadsheet will not run: a value starting with =, +, -, @, a tab or a carriage
 * return gets a leading apostrophe (OWASP's advice for CSV injection); then RFC 4180 quoting.
 */
function csv_field(mixed $value): string
{
    $s = (string)$value;
    if ($s !== '' && strpbrk($s[0], "=+-@\t\r") !== false) {
        $s = "'" . $s;
    }
    return '"' . str_replace('"', '""', $s) . '"';
}
