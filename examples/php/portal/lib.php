<?php
/*
 * The portal's bootstrap, included first by every page in public/ and by the scripts in bin/.
 *
 * - Errors: nothing PHP says ever reaches the browser. Warnings become exceptions, and a top-level
 *   handler logs the details to the server's stderr and shows a short page saying what went wrong.
 * - Requests: a body over the page's limit is refused (413) before anything else runs; every page sends
 *   the security headers (a CSP without inline script, frame-ancestors, nosniff, no-store,
 *   Referrer-Policy) and a Server-Timing header with the time it took.
 * - The modules: src/db.php (SQLite), src/registers.php (imports, stored registers), src/auth.php
 *   (users, sessions, roles), src/cases.php, src/documents.php, src/audit.php (the access log),
 *   src/text.php (English and Welsh).
 * - Escaping: h() on every value written into HTML; every SQL statement is prepared.
 */
declare(strict_types=1);

// ---- errors: never a PHP error page ----------------------------------------------------------------
ini_set('display_errors', '0');
ini_set('display_startup_errors', '0');
ini_set('log_errors', '1');
ini_set('html_errors', '0');
error_reporting(E_ALL);
ob_start(); // a failure half-way through a page replaces the whole page
umask(0077); // the database, sessions and documents are the portal's alone

/** A failure to show the user as it is: its message is written for them (status: the HTTP status). */
final class PortalError extends RuntimeException
{
    public function __construct(string $message, public readonly int $status = 400)
    {
        parent::__construct($message);
    }
}

set_error_handler(static function (int $no, string $message, string $file, int $line): bool {
    if ((error_reporting() & $no) === 0) {
        return false;
    }
    throw new ErrorException($message, 0, $no, $file, $line);
});

set_exception_handler(static function (Throwable $e): void {
    if (PHP_SAPI === 'cli') { // bin/*.php: the message on stderr, status 1
        fwrite(STDERR, basename($_SERVER['argv'][0] ?? 'portal') . ': ' . ($e instanceof PortalError ? '' : get_class($e) . ': ')
                       . $e->getMessage() . "\n");
        exit(1);
    }
    if ($e instanceof PortalError) {
        failure_page($e->status, $e->getMessage());
        return;
    }
    error_log(sprintf('ssat portal: %s: %s at %s:%d', get_class($e), $e->getMessage(), $e->getFile(), $e->getLine()));
    failure_page(500, t('error.internal'));
});

register_shutdown_function(static function (): void {
    $e = error_get_last();
    if (PHP_SAPI !== 'cli' && $e !== null && in_array($e['type'], [E_ERROR, E_PARSE, E_CORE_ERROR, E_COMPILE_ERROR, E_USER_ERROR], true)) {
        error_log(sprintf('ssat portal: fatal: %s at %s:%d', $e['message'], $e['file'], $e['line']));
        failure_page(500, t('error.internal'));
    }
});

// ---- configuration ---------------------------------------------------------------------------------
const PORTAL_PAGE_SIZE = 100;
const PORTAL_BODY_MAX = 64 * 1024;          // any POST but the two below
const PORTAL_BODY_MAX_UPLOAD = 6 * 1024 * 1024; // upload.php (one document) and import.php (registers)

/** The directory of the SQLite database, the sessions and the documents ($SSAT_PORTAL_DATA, else var/ here). */
function data_dir(): string
{
    $dir = getenv('SSAT_PORTAL_DATA');
    return ($dir !== false && $dir !== '') ? rtrim($dir, '/') : __DIR__ . '/var';
}

/**
 * Refuse a request body over the page's limit before it is used (413). The web server refuses larger
 * ones before reading them (client_max_body_size, LimitRequestBody; PHP's post_max_size): see
 * docs/portal.md. A POST without a length (chunked) is refused too (411).
 */
function check_body_size(): void
{
    if (PHP_SAPI === 'cli' || ($_SERVER['REQUEST_METHOD'] ?? 'GET') === 'GET') {
        return;
    }
    $page = basename((string)($_SERVER['SCRIPT_NAME'] ?? ''));
    $max = in_array($page, ['upload.php', 'import.php'], true) ? PORTAL_BODY_MAX_UPLOAD : PORTAL_BODY_MAX;
    $length = $_SERVER['CONTENT_LENGTH'] ?? null;
    if ($length === null || $length === '') {
        if (($_SERVER['REQUEST_METHOD'] ?? '') === 'POST') {
            throw new PortalError(lang() === 'cy' ? 'Mae angen hyd y cais.' : 'The request must say its length.', 411);
        }
        return;
    }
    if (!preg_match('/^[0-9]{1,12}$/D', (string)$length) || (int)$length > $max) {
        header('Connection: close');
        throw new PortalError(sprintf(lang() === 'cy' ? 'Mae’r cais yn fwy na %d KB: ni chafodd ei ddarllen.'
                                                      : 'The request is larger than %d KB: it was not read.', $max >> 10), 413);
    }
}

/** The page's language: 'en' or 'cy' (anything else is English). */
function lang(): string
{
    $l = $_GET['lang'] ?? $_POST['lang'] ?? 'en';
    return ($l === 'cy') ? 'cy' : 'en';
}

function ssat_lang_id(): int
{
    return lang() === 'cy' ? \Ssat\LANG_CY : \Ssat\LANG_EN;
}

/** A text of the portal in the page's language. */
function t(string $key, mixed ...$args): string
{
    $text = PORTAL_TEXT[lang()][$key] ?? PORTAL_TEXT['en'][$key] ?? $key;
    return $args ? vsprintf($text, $args) : $text;
}

/** Of a record with message_en and message_cy (criteria, problems), the message in the page's language. */
function message(array $record): string
{
    return (string)($record['message_' . lang()] ?? $record['message_en'] ?? '');
}

// ---- HTML -------------------------------------------------------------------------------------------
/** Escape any value for HTML text and attribute values (quoted). */
function h(mixed $value): string
{
    return htmlspecialchars((string)$value, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
}

/** A URL of this portal: a page and its query (lang added unless given). Escape with h() when writing it. */
function url(string $page, array $query = []): string
{
    if (!array_key_exists('lang', $query) && lang() !== 'en') {
        $query['lang'] = lang();
    }
    $query = array_filter($query, static fn($v) => $v !== null && $v !== '');
    return $page . ($query ? '?' . http_build_query($query, '', '&', PHP_QUERY_RFC3986) : '');
}

function security_headers(string $csp = "default-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"): void
{
    if (headers_sent()) {
        return;
    }
    header('Content-Type: text/html; charset=utf-8');
    header('Content-Security-Policy: ' . $csp);
    header('X-Content-Type-Options: nosniff');
    header('Referrer-Policy: same-origin');
    header('Cache-Control: no-store');
    header('Cross-Origin-Opener-Policy: same-origin');
    if (is_https()) {
        header('Strict-Transport-Security: max-age=31536000');
    }
}

/** The time the request has taken so far, as a Server-Timing header (docs/portal.md: how the speed is measured). */
function server_timing(): void
{
    if (!headers_sent()) {
        header(sprintf('Server-Timing: app;dur=%.1f', (microtime(true) - $_SERVER['REQUEST_TIME_FLOAT']) * 1000));
    }
}

/** The top of every page; $switch_query: the current page's query, for the language switch. */
function page_start(string $title, string $self, array $switch_query = []): void
{
    security_headers();
    $other = lang() === 'cy' ? 'en' : 'cy';
    $switch = url($self, ['lang' => $other === 'cy' ? 'cy' : null] + $switch_query);
    echo "<!DOCTYPE html>\n<html lang=\"", h(lang()), "\">\n<head>\n<meta charset=\"utf-8\">\n",
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
         '<title>', h($title), ' · ', h(t('portal')), "</title>\n",
         "<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n",
         '<header class="top"><a class="brand" href="', h(url('index.php')), '">', h(t('portal')), '</a> ';
    $user = current_user();
    if ($user !== null) {
        echo '<span class="school" id="who">', h(t('signed_in_as', $user['name'])), ' · ', h(t('role.' . $user['role'])), ' · ',
             h($user['school_id'] !== null ? (school_row($user['school_id'])['name'] ?? '') : t('authority')), '</span>';
        echo '<nav class="menu">';
        foreach (PORTAL_MENU[$user['role']] as $page => $key) {
            echo '<a href="', h(url($page)), '" id="nav-', h(basename($page, '.php')), '">', h(t($key)), '</a>';
        }
        echo '</nav>';
    }
    echo '<a class="lang" id="lang-switch" hreflang="', h($other), '" lang="', h($other), '" href="', h($switch), '">',
         h(t('language')), '</a>';
    if ($user !== null) {
        echo '<form method="post" action="', h(url('logout.php')), '" class="signout"><input type="hidden" name="csrf" value="',
             h(csrf_token()), '"><button type="submit" id="signout">', h(t('signout')), '</button></form>';
    }
    echo "</header>\n<main>\n";
}

/** The menu of each role: page => text. */
const PORTAL_MENU = [
    'staff' => ['index.php' => 'nav.pupils', 'work.php' => 'nav.work', 'import.php' => 'nav.import'],
    'ssat' => ['queue.php' => 'nav.queue', 'work.php' => 'nav.work'],
    'admin' => ['users.php' => 'nav.users', 'log.php' => 'nav.log', 'import.php' => 'nav.import'],
];

function page_end(): void
{
    server_timing();
    echo "</main>\n<footer>libssat ", h(\Ssat\versionString()), "</footer>\n</body>\n</html>\n";
}

/**
 * A whole page saying what went wrong (any output so far is discarded): $messages (one, or a lead and a list), what
 * was submitted (shown escaped), and a link back ($back: [url, label], default the pupil list).
 */
function failure_page(int $status, string|array $messages, array $details = [], ?array $back = null): void
{
    while (ob_get_level() > 0) {
        ob_end_clean();
    }
    if (!headers_sent()) {
        http_response_code($status);
        header_remove('Location');
    }
    security_headers();
    $messages = (array)$messages;
    $back ??= [url('index.php'), t('error.back')];
    echo "<!DOCTYPE html>\n<html lang=\"", h(lang()), "\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
         h(t('error.title')), ' · ', h(t('portal')), "</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n",
         '<header class="top"><a class="brand" href="', h(url('index.php')), '">', h(t('portal')), "</a></header>\n<main>\n",
         '<h1>', h(t('error.title')), "</h1>\n",
         '<div class="error" id="error" role="alert">';
    if (count($messages) === 1) {
        echo '<p>', h($messages[0]), '</p>';
    } else { // a lead, then the list
        echo '<p>', h(array_shift($messages)), '</p><ul>';
        foreach ($messages as $m) {
            echo '<li>', h($m), '</li>';
        }
        echo '</ul>';
    }
    echo "</div>\n";
    if ($details) {
        echo '<h2>', h(t('submitted')), "</h2>\n<dl class=\"submitted\" id=\"submitted\">\n";
        foreach ($details as $k => $v) {
            echo '<dt>', h($k), '</dt><dd>', h(is_string($v) ? $v : json_encode($v)), "</dd>\n";
        }
        echo "</dl>\n";
    }
    echo '<p><a id="error-back" href="', h($back[0]), '">', h($back[1]), "</a></p>\n</main>\n</body>\n</html>\n";
}

/**
 * Attendance as people read it: "85.0 %", or "85.01 %" where one decimal would put the figure on or
 * across the 85 % or 90 % line that the exact comparison decides the other way (312 of 367 sessions is
 * not at or below 85 %). The library decides the decimals and the rounding; nothing here rounds.
 */
function percent(int $attended, int $possible): string
{
    if ($possible === 0) {
        return t('not_evaluable');
    }
    $decimals = max(\Ssat\percentDecimals($attended, $possible, 85, 1), \Ssat\percentDecimals($attended, $possible, 90, 1));
    return \Ssat\percentFormat($attended, $possible, $decimals) . ' %';
}

/**
 * The attendance bar: an SVG (no inline style, so the CSP stays strict) with the 85 % and 90 % lines.
 * Its colour band is the library's exact comparison with each line, never a rounded figure's.
 */
function attendance_bar(int $attended, int $possible): string
{
    if ($possible === 0) {
        return '<span class="bar-none">' . h(t('not_evaluable')) . '</span>';
    }
    $band = \Ssat\percentCompare($attended, $possible, \Ssat\CMP_LE, 85) ? 'low'
          : (\Ssat\percentCompare($attended, $possible, \Ssat\CMP_LT, 90) ? 'mid' : 'ok');
    $w = \Ssat\percentFormat($attended, $possible, 1);   /* a width in the 0..100 box: display only */
    return '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="' . h(percent($attended, $possible)) . '">'
         . '<rect class="track" x="0" y="0" width="100" height="10"/>'
         . '<rect class="fill ' . $band . '" x="0" y="1" width="' . h($w) . '" height="8"/>'
         . '<line class="line85" x1="85" y1="0" x2="85" y2="10"/>'
         . '<line class="line90" x1="90" y1="0" x2="90" y2="10"/></svg>';
}

// ---- plain text -------------------------------------------------------------------------------------
/** Characters in a UTF-8 string (mbstring is not needed). */
function text_length(string $s): int
{
    return preg_match_all('/./su', $s);
}

/**
 * Why $s is not acceptable plain text, or null when it is: valid UTF-8, at most $max characters, no
 * control characters (line breaks only when $multiline), and no markup ("<" or ">").
 */
function plain_text_problem(string $s, int $max, bool $multiline): ?string
{
    $cy = lang() === 'cy';
    if (preg_match('//u', $s) !== 1) {
        return $cy ? 'nid yw’n destun UTF-8 dilys' : 'it is not valid UTF-8 text';
    }
    if (text_length($s) > $max) {
        return sprintf($cy ? 'mae’n hwy na %d nod' : 'it is longer than %d characters', $max);
    }
    if (preg_match($multiline ? '/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/' : '/[\x00-\x1F\x7F]/', $s) === 1) {
        return $cy ? 'mae’n cynnwys nodau rheoli' : 'it contains control characters';
    }
    if (preg_match('/[<>]/', $s) === 1) {
        return $cy ? 'rhaid iddo fod yn destun plaen: ni dderbynnir HTML na sgript (“<” neu “>”)'
                   : 'it must be plain text: HTML or script (“<” or “>”) is not accepted';
    }
    return null;
}

// ---- request helpers --------------------------------------------------------------------------------
/** A GET parameter that must be one of $allowed; $notice receives a message for anything else. */
function choice(string $name, array $allowed, string $default, array &$notices): string
{
    $v = $_GET[$name] ?? $default;
    if (!is_string($v) || !in_array($v, $allowed, true)) {
        $notices[] = sprintf(lang() === 'cy' ? 'Anwybyddwyd gwerth anhysbys ar gyfer “%s”.' : 'An unknown value for “%s” was ignored.',
                             $name);
        return $default;
    }
    return $v;
}


// ---- the modules -------------------------------------------------------------------------------------
require __DIR__ . '/src/text.php';
require __DIR__ . '/src/db.php';
require __DIR__ . '/src/registers.php';
require __DIR__ . '/src/auth.php';
require __DIR__ . '/src/audit.php';
require __DIR__ . '/src/cases.php';
require __DIR__ . '/src/documents.php';

// ---- what the portal needs from PHP ---------------------------------------------------------------------
foreach (['ssat' => 'the ssat extension (libssat)', 'pdo_sqlite' => 'PDO SQLite (php8.2-sqlite3)',
          'fileinfo' => 'fileinfo (php8.2-common)'] as $ext => $what) {
    if (!extension_loaded($ext)) {
        error_log("ssat portal: PHP has no $ext: start the portal with examples/php/portal/run.sh");
        throw new PortalError("The portal cannot run: PHP has not loaded $what. Start it with examples/php/portal/run.sh.", 500);
    }
}
check_body_size();
