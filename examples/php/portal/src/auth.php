<?php
/*
 * People: users with a role, sign-in, sessions, and what each role may see and do. Every page and every
 * action calls one of the require_* / may_* functions below, on the server, before doing anything.
 *
 * - Passwords: password_hash() with Argon2id (bcrypt where PHP lacks it); users are created and passwords
 *   reset by bin/users.php or an administrator. There is no default account.
 * - Sessions: PHP's, in the data directory; the id is regenerated at sign-in; idle and absolute timeouts;
 *   the cookie is HttpOnly, SameSite=Strict, and Secure (with the __Host- prefix) whenever the request
 *   came over HTTPS.
 * - Throttling: failed sign-ins are counted per user name and per address over a quarter of an hour;
 *   past the limit the password is not even checked.
 */
declare(strict_types=1);

const PORTAL_IDLE_SECONDS = 30 * 60;
const PORTAL_ABSOLUTE_SECONDS = 8 * 3600;
const PORTAL_THROTTLE_WINDOW = 15 * 60;
const PORTAL_THROTTLE_USER = 5;    // failures per user name in the window
const PORTAL_THROTTLE_IP = 20;     // failures per address in the window
const PORTAL_ROLES = ['staff', 'ssat', 'admin'];

/**
 * Who may record which case event. The school records its own work up to the referral; the SSAT decides
 * on referrals and takes the statutory actions. Closing, leaving and improvement belong to both.
 */
const PORTAL_EVENT_ROLES = [
    'concern_raised' => ['staff'], 'letter_sent' => ['staff'], 'meeting_held' => ['staff'],
    'support_offered' => ['staff'], 'contract_offered' => ['staff'], 'contract_signed' => ['staff'],
    'contract_refused' => ['staff'], 'contract_breached' => ['staff'], 'contract_completed' => ['staff'],
    'plan_started' => ['staff'], 'plan_reviewed' => ['staff'], 'plan_ended' => ['staff'],
    'referral_submitted' => ['staff'],
    'referral_accepted' => ['ssat'], 'referral_returned' => ['ssat'], 'few_contact' => ['ssat'],
    'penalty_warning' => ['ssat'], 'notice_issued' => ['ssat'], 'notice_paid' => ['ssat'],
    'notice_unpaid' => ['ssat'], 'notice_withdrawn' => ['ssat'], 'eso_considered' => ['ssat'],
    'prosecution_considered' => ['ssat'], 'prosecution_started' => ['ssat'], 'prosecution_concluded' => ['ssat'],
    'sao_issued' => ['ssat'],
    'attendance_improved' => ['staff', 'ssat'], 'pupil_left' => ['staff', 'ssat'], 'closed' => ['staff', 'ssat'],
];

/** Whether the request came over HTTPS (set HTTPS=on in the FastCGI parameters behind a proxy). */
function is_https(): bool
{
    $https = $_SERVER['HTTPS'] ?? '';
    return $https !== '' && strtolower((string)$https) !== 'off';
}

/** Start (or resume) the session with the portal's cookie settings. */
function session(): void
{
    if (session_status() === PHP_SESSION_ACTIVE) {
        return;
    }
    $secure = is_https();
    session_save_path(ensure_dir(data_dir() . '/sessions'));
    session_name(session_cookie_name());
    session_set_cookie_params(['lifetime' => 0, 'path' => '/', 'secure' => $secure, 'httponly' => true, 'samesite' => 'Strict']);
    session_start(['use_strict_mode' => true, 'use_only_cookies' => true, 'sid_length' => 48, 'sid_bits_per_character' => 6,
                   'gc_maxlifetime' => PORTAL_ABSOLUTE_SECONDS]);
}

/** The session cookie's name: with the __Host- prefix (Secure, path /, no domain) over HTTPS. */
function session_cookie_name(): string
{
    return is_https() ? '__Host-ssat_portal' : 'ssat_portal';
}

/** The signed-in user {id, username, name, role, school_id}, or null (an expired session is ended). */
function current_user(): ?array
{
    static $user = false;
    if ($user !== false) {
        return $user;
    }
    $user = null;
    if (!is_string($_COOKIE[session_cookie_name()] ?? null)) {
        return null; // no session is started (or stored) for a visitor who has not signed in
    }
    session();
    $uid = $_SESSION['uid'] ?? null;
    if (is_int($uid)) {
        $now = time();
        if ($now - (int)($_SESSION['seen'] ?? 0) > PORTAL_IDLE_SECONDS || $now - (int)($_SESSION['since'] ?? 0) > PORTAL_ABSOLUTE_SECONDS) {
            $_SESSION = ['expired' => true];
        } else {
            $q = db()->prepare('SELECT id, username, name, role, school_id FROM users WHERE id = ?');
            $q->execute([$uid]);
            $user = $q->fetch() ?: null;
            if ($user === null) {
                $_SESSION = [];
            } elseif ($now - (int)$_SESSION['seen'] >= 30) {
                $_SESSION['seen'] = $now;
            }
        }
    }
    session_write_close(); // the rest of the request only reads the session: release its lock
    return $user;
}

/** Keep a value in the signed-in session (reopened for writing, then closed again). */
function session_put(string $key, mixed $value): void
{
    session();
    $_SESSION[$key] = $value;
    session_write_close();
}

/** The session's token against cross-site request forgery (made at sign-in). */
function csrf_token(): string
{
    current_user();
    return is_string($_SESSION['csrf'] ?? null) ? $_SESSION['csrf'] : '';
}

/** Refuse a POST whose form token is not the session's. */
function require_csrf(): void
{
    $token = $_POST['csrf'] ?? null;
    $mine = csrf_token();
    if ($mine === '' || !is_string($token) || !hash_equals($mine, $token)) {
        throw new PortalError(lang() === 'cy'
            ? 'Nid yw tocyn diogelwch y ffurflen yn cyfateb (mae’r dudalen yn hen, neu ni ddaeth y ffurflen o’r porth hwn). Ni chofnodwyd dim: ail-lwythwch y dudalen a rhowch gynnig arall arni.'
            : 'The form’s security token does not match (the page is out of date, or the form did not come from this portal). Nothing was recorded: reload the page and try again.', 403);
    }
}

/**
 * The signed-in user, who must have one of $roles; else a GET goes to the sign-in page and anything
 * else is refused (401), and a user of another role is refused (403, logged).
 */
function require_user(array $roles): array
{
    $user = current_user();
    if ($user === null) {
        if (($_SERVER['REQUEST_METHOD'] ?? 'GET') === 'GET') {
            header('Location: ' . url('login.php', ['expired' => !empty($_SESSION['expired']) ? '1' : null]), true, 303);
            exit;
        }
        throw new PortalError(t('signin.needed'), 401);
    }
    if (!in_array($user['role'], $roles, true)) {
        forbid('page.' . basename((string)($_SERVER['SCRIPT_NAME'] ?? '')), null);
    }
    return $user;
}

/** Log a refusal and stop with 403. */
function forbid(string $action, ?string $pupil_id, string $detail = ''): never
{
    audit($action, $pupil_id, $detail, 'denied');
    throw new PortalError(t('forbidden'), 403);
}

/**
 * Whether the user may see the pupil: school staff the pupils of their school; an SSAT officer the
 * pupils whose case was referred to the SSAT (at any time); an administrator none.
 */
function may_see_pupil(array $user, array $pupil): bool
{
    return match ($user['role']) {
        'staff' => $user['school_id'] === $pupil['school_id'],
        'ssat' => case_was_referred($pupil['id']),
        default => false,
    };
}

/** The pupil named by $value if it exists and the user may see it: 404 for no such pupil, 403 else. */
function visible_pupil(array $user, mixed $value, string $action): array
{
    $cy = lang() === 'cy';
    if (!is_string($value) || $value === '') {
        throw new PortalError($cy ? 'Ni nodwyd disgybl.' : 'No pupil was given.', 400);
    }
    $row = preg_match('/^[A-Za-z0-9_-]{1,64}$/D', $value) ? pupil_row_stored($value) : null;
    if ($row === null) {
        throw new PortalError(sprintf($cy ? 'Nid oes disgybl “%s”.' : 'There is no pupil “%s”.', $value), 404);
    }
    if (!may_see_pupil($user, $row)) {
        forbid($action, $row['id']);
    }
    return $row;
}

/** Whether the role may record the event. */
function may_record(array $user, string $event): bool
{
    return in_array($user['role'], PORTAL_EVENT_ROLES[$event] ?? [], true);
}

/** How a user is named on the trail: "Name (role, school)". */
function trail_role(array $user): string
{
    $role = PORTAL_TEXT['en']['role.' . $user['role']];
    return $user['school_id'] !== null ? "$role, " . (school_row($user['school_id'])['name'] ?? $user['school_id']) : $role;
}

// ---- sign-in ------------------------------------------------------------------------------------------
function password_algorithm(): string|int|null
{
    return defined('PASSWORD_ARGON2ID') ? PASSWORD_ARGON2ID : PASSWORD_DEFAULT;
}

/**
 * Argon2id at the OWASP Password Storage Cheat Sheet's setting (19 MiB, 2 passes, 1 lane): about a
 * quarter of PHP's default cost, so that a burst of sign-ins cannot take the server's memory (PHP's
 * default is 64 MiB a hash); raise it here if the server has room. Hashes made with other options are
 * rehashed at the next sign-in.
 */
const PORTAL_PASSWORD_OPTIONS = ['memory_cost' => 19456, 'time_cost' => 2, 'threads' => 1];

function password_options(): array
{
    return password_algorithm() === PASSWORD_DEFAULT ? [] : PORTAL_PASSWORD_OPTIONS;
}

/** The client's address as the web server saw it (not a header the client can set). */
function client_ip(): string
{
    return (string)($_SERVER['REMOTE_ADDR'] ?? 'cli');
}

/**
 * Check a sign-in. Returns the user on success (the session then holds them, under a new id), or throws
 * PortalError: 429 when throttled, 401 for a wrong user name or password (the same message for both).
 */
function sign_in(string $username, string $password): array
{
    $pdo = db();
    $now = time();
    $ip = client_ip();
    $pdo->prepare('DELETE FROM signin_failures WHERE at < ?')->execute([$now - PORTAL_THROTTLE_WINDOW]);
    $count = static function (string $column, string $value) use ($pdo, $now): int {
        $q = $pdo->prepare("SELECT COUNT(*) FROM signin_failures WHERE $column = ? AND at >= ?");
        $q->execute([$value, $now - PORTAL_THROTTLE_WINDOW]);
        return (int)$q->fetchColumn();
    };
    if ($count('username', $username) >= PORTAL_THROTTLE_USER || $count('ip', $ip) >= PORTAL_THROTTLE_IP) {
        audit_as(null, $username, 'signin.throttled', null, '', 'denied');
        throw new PortalError(t('signin.throttled', intdiv(PORTAL_THROTTLE_WINDOW, 60)), 429);
    }
    $q = $pdo->prepare('SELECT id, username, name, role, school_id, hash FROM users WHERE username = ?');
    $q->execute([$username]);
    $user = $q->fetch() ?: null;
    // A user name that does not exist costs the same time as a wrong password.
    $hash = $user['hash'] ?? password_hash(random_bytes(16), password_algorithm(), password_options());
    if (!password_verify($password, $hash) || $user === null) {
        $pdo->prepare('INSERT INTO signin_failures (username, ip, at) VALUES (?, ?, ?)')->execute([$username, $ip, $now]);
        audit_as($user['id'] ?? null, $username, 'signin.failed', null, '', 'denied');
        throw new PortalError(t('signin.failed'), 401);
    }
    if (password_needs_rehash($user['hash'], password_algorithm(), password_options())) {
        $pdo->prepare('UPDATE users SET hash = ? WHERE id = ?')
            ->execute([password_hash($password, password_algorithm(), password_options()), $user['id']]);
    }
    $pdo->prepare('DELETE FROM signin_failures WHERE username = ?')->execute([$username]);
    session();
    session_regenerate_id(true);
    $_SESSION = ['uid' => (int)$user['id'], 'since' => $now, 'seen' => $now, 'csrf' => bin2hex(random_bytes(32))];
    session_write_close();
    unset($user['hash']);
    audit_as((int)$user['id'], $user['username'], 'signin', null, '', 'allowed', $user['role']);
    return $user;
}

function sign_out(): void
{
    session();
    $_SESSION = [];
    session_destroy();
    $p = session_get_cookie_params();
    setcookie(session_name(), '', ['expires' => 1, 'path' => $p['path'], 'secure' => $p['secure'], 'httponly' => true, 'samesite' => 'Strict']);
}

// ---- users --------------------------------------------------------------------------------------------
/** Why a new user's fields are not acceptable, or null. */
function user_problem(string $username, string $name, string $role, ?string $school, string $password): ?string
{
    $cy = lang() === 'cy';
    if (!preg_match('/^[a-z0-9][a-z0-9._-]{1,63}$/D', $username)) {
        return $cy ? 'Enw defnyddiwr: 2 i 64 o a-z, 0-9, “.”, “_” a “-”.' : 'User name: 2 to 64 of a-z, 0-9, ".", "_" and "-".';
    }
    if (($why = plain_text_problem($name, 128, false)) !== null || trim($name) === '') {
        return ($cy ? 'Enw llawn: ' : 'Full name: ') . ($why ?? ($cy ? 'mae ei angen' : 'it is required'));
    }
    if (!in_array($role, PORTAL_ROLES, true)) {
        return $cy ? 'Rôl: staff, ssat neu admin.' : 'Role: staff, ssat or admin.';
    }
    if (($role === 'staff') !== ($school !== null)) {
        return $cy ? 'Mae staff ysgol yn perthyn i un ysgol; nid yw’r rolau eraill yn perthyn i ysgol.'
                   : 'School staff belong to one school; the other roles belong to none.';
    }
    if ($school !== null && school_row($school) === null) {
        return sprintf($cy ? 'Nid oes ysgol “%s”: mewnforiwch ei chofrestrau yn gyntaf.' : 'There is no school “%s”: import its registers first.', $school);
    }
    return password_problem($password);
}

function password_problem(string $password): ?string
{
    $n = text_length($password);
    if ($n < 12 || $n > 256) {
        return lang() === 'cy' ? 'Cyfrinair: 12 i 256 nod.' : 'Password: 12 to 256 characters.';
    }
    return null;
}

/** Create a user; throws PortalError (422) with the problem. Returns the new id. */
function create_user(string $username, string $name, string $role, ?string $school, string $password): int
{
    if (($why = user_problem($username, $name, $role, $school, $password)) !== null) {
        throw new PortalError($why, 422);
    }
    try {
        db()->prepare('INSERT INTO users (username, name, role, school_id, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
            ->execute([$username, trim($name), $role, $school, password_hash($password, password_algorithm(), password_options()), utc_now()]);
    } catch (PDOException $e) {
        if (str_contains($e->getMessage(), 'UNIQUE')) {
            throw new PortalError(sprintf(lang() === 'cy' ? 'Mae’r defnyddiwr “%s” yn bodoli eisoes.' : 'The user “%s” exists already.', $username), 409);
        }
        throw $e;
    }
    return (int)db()->lastInsertId();
}

/** Set a user's password and lift their sign-in throttle; false when there is no such user. */
function reset_password(string $username, string $password): bool
{
    if (($why = password_problem($password)) !== null) {
        throw new PortalError($why, 422);
    }
    $q = db()->prepare('UPDATE users SET hash = ? WHERE username = ?');
    $q->execute([password_hash($password, password_algorithm(), password_options()), $username]);
    db()->prepare('DELETE FROM signin_failures WHERE username = ?')->execute([$username]);
    return $q->rowCount() === 1;
}

/** A random password people can type: 20 characters of a-z, A-Z, 2-9 (no 0, 1, l, O, I). */
function random_password(): string
{
    $alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    $p = '';
    for ($i = 0; $i < 20; $i++) {
        $p .= $alphabet[random_int(0, strlen($alphabet) - 1)];
    }
    return $p;
}
