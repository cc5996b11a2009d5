<?php
/*
 * Users (administrators only): every account with its role and school; create one; reset a password.
 * bin/users.php does the same from the command line. Every change is logged.
 */
require dirname(__DIR__) . '/lib.php';

$user = require_user(['admin']);
$done = null;
if (($_SERVER['REQUEST_METHOD'] ?? '') === 'POST') {
    require_csrf();
    $f = static fn(string $k): string => is_string($_POST[$k] ?? null) ? trim($_POST[$k]) : '';
    $password = is_string($_POST['password'] ?? null) ? $_POST['password'] : '';
    if ($f('action') === 'create') {
        $school = $f('school') === '' ? null : $f('school');
        create_user($f('username'), $f('name'), $f('role'), $school, $password);
        audit('user.create', null, $f('username') . ' ' . $f('role') . ($school !== null ? " $school" : ''));
        $done = t('users.created', $f('username'));
    } elseif ($f('action') === 'reset') {
        if (!reset_password($f('username'), $password)) {
            throw new PortalError(sprintf(lang() === 'cy' ? 'Nid oes defnyddiwr “%s”.' : 'There is no user “%s”.', $f('username')), 404);
        }
        audit('user.reset', null, $f('username'));
        $done = t('users.was_reset', $f('username'));
    }
}
$users = db()->query('SELECT username, name, role, school_id, created_at FROM users ORDER BY role, username')->fetchAll();
$schools = school_names();

page_start(t('users'), 'users.php');
?>
<h1><?= h(t('users')) ?></h1>
<?php if ($done !== null): ?><p class="success" id="done" role="status"><?= h($done) ?></p><?php endif; ?>
<table class="trail" id="users">
<thead><tr><th scope="col"><?= h(t('username')) ?></th><th scope="col"><?= h(t('users.display')) ?></th><th scope="col"><?= h(t('role')) ?></th>
<th scope="col"><?= h(t('queue.school')) ?></th><th scope="col"><?= h(t('log.when')) ?></th></tr></thead>
<tbody>
<?php foreach ($users as $u): ?>
<tr data-user="<?= h($u['username']) ?>"><td><code><?= h($u['username']) ?></code></td><td><?= h($u['name']) ?></td><td><?= h(t('role.' . $u['role'])) ?></td>
<td><?= h($u['school_id'] !== null ? ($schools[$u['school_id']] ?? $u['school_id']) : t('authority')) ?></td><td><?= h($u['created_at']) ?></td></tr>
<?php endforeach; ?>
</tbody>
</table>
<h2><?= h(t('users.create')) ?></h2>
<form method="post" action="<?= h(url('users.php')) ?>" class="event" id="create-user">
  <input type="hidden" name="csrf" value="<?= h(csrf_token()) ?>"><input type="hidden" name="action" value="create">
  <label><?= h(t('username')) ?> <input type="text" name="username" required maxlength="64" pattern="[a-z0-9][a-z0-9._\-]{1,63}" autocomplete="off"></label>
  <label><?= h(t('users.display')) ?> <input type="text" name="name" required maxlength="128"></label>
  <label><?= h(t('role')) ?> <select name="role"><?php foreach (PORTAL_ROLES as $r): ?><option value="<?= h($r) ?>"><?= h(t("role.$r")) ?></option><?php endforeach; ?></select></label>
  <label><?= h(t('users.school')) ?> <select name="school"><option value=""><?= h(t('authority')) ?></option>
    <?php foreach ($schools as $id => $name): ?><option value="<?= h($id) ?>"><?= h($name) ?></option><?php endforeach; ?></select></label>
  <label><?= h(t('password')) ?> <input type="password" name="password" required minlength="12" maxlength="256" autocomplete="new-password"></label>
  <button type="submit"><?= h(t('users.create')) ?></button>
</form>
<h2><?= h(t('users.reset')) ?></h2>
<form method="post" action="<?= h(url('users.php')) ?>" class="event" id="reset-user">
  <input type="hidden" name="csrf" value="<?= h(csrf_token()) ?>"><input type="hidden" name="action" value="reset">
  <label><?= h(t('username')) ?> <select name="username"><?php foreach ($users as $u): ?><option value="<?= h($u['username']) ?>"><?= h($u['username']) ?></option><?php endforeach; ?></select></label>
  <label><?= h(t('users.new_password')) ?> <input type="password" name="password" required minlength="12" maxlength="256" autocomplete="new-password"></label>
  <button type="submit"><?= h(t('users.reset')) ?></button>
</form>
<?php
page_end();
