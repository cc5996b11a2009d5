<?php
/*
 * Sign-in (GET: the form; POST: user name and password). On success the session id is regenerated and
 * the user goes to their role's first page; a wrong user name or password gets one message for both,
 * and repeated failures are throttled (src/auth.php).
 */
require dirname(__DIR__) . '/lib.php';

$home = ['staff' => 'index.php', 'ssat' => 'queue.php', 'admin' => 'log.php'];
$message = null;
$status = 200;
$username = '';
if (($_SERVER['REQUEST_METHOD'] ?? '') === 'POST') {
    $username = is_string($_POST['username'] ?? null) ? trim($_POST['username']) : '';
    $password = is_string($_POST['password'] ?? null) ? $_POST['password'] : '';
    try {
        if ($username === '' || $password === '' || strlen($username) > 64 || strlen($password) > 1024) {
            throw new PortalError(t('signin.failed'), 401);
        }
        $user = sign_in($username, $password);
        header('Location: ' . url($home[$user['role']]), true, 303);
        exit;
    } catch (PortalError $e) {
        $message = $e->getMessage();
        $status = $e->status;
    }
} elseif (($user = current_user()) !== null) {
    header('Location: ' . url($home[$user['role']]), true, 303);
    exit;
} elseif (($_GET['expired'] ?? '') === '1') {
    $message = t('signin.expired');
}
http_response_code($status);
page_start(t('signin'), 'login.php');
?>
<h1><?= h(t('signin')) ?></h1>
<?php if ($message !== null): ?>
<p class="error" id="signin-error" role="alert"><?= h($message) ?></p>
<?php endif; ?>
<form method="post" action="<?= h(url('login.php')) ?>" class="signin" id="signin">
  <input type="hidden" name="lang" value="<?= h(lang()) ?>">
  <label><?= h(t('username')) ?> <input type="text" name="username" id="username" required maxlength="64"
         autocomplete="username" autocapitalize="none" value="<?= h($username) ?>"></label>
  <label><?= h(t('password')) ?> <input type="password" name="password" id="password" required maxlength="1024"
         autocomplete="current-password"></label>
  <button type="submit" id="signin-submit"><?= h(t('signin')) ?></button>
</form>
<?php
page_end();
