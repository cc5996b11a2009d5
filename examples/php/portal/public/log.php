<?php
/*
 * The access log (administrators only): newest first, filtered by pupil or user, 200 entries a page;
 * ?export=csv sends the whole (filtered) log as CSV, each field neutralised against spreadsheet formulas
 * (src/audit.php). Reading and exporting it are logged too.
 *   ?pupil=ID  &user=NAME  &page=N  &export=csv  &lang=en|cy
 */
require dirname(__DIR__) . '/lib.php';

$user = require_user(['admin']);
$where = [];
$args = [];
$filters = [];
foreach (['pupil' => 'pupil_id', 'user' => 'username'] as $param => $column) {
    $v = $_GET[$param] ?? '';
    if (is_string($v) && $v !== '' && preg_match('/^[A-Za-z0-9._-]{1,64}$/D', $v)) {
        $where[] = "$column = ?";
        $args[] = $v;
        $filters[$param] = $v;
    }
}
$sql_where = $where ? ' WHERE ' . implode(' AND ', $where) : '';
$columns = 'id, at, username, role, action, pupil_id, detail, outcome, ip';

if (($_GET['export'] ?? '') === 'csv') {
    audit('log.export', null, http_build_query($filters));
    $q = db()->prepare("SELECT $columns FROM access_log$sql_where ORDER BY id");
    $q->execute($args);
    while (ob_get_level() > 0) {
        ob_end_clean();
    }
    header('Content-Type: text/csv; charset=utf-8');
    header('Content-Disposition: attachment; filename="access-log-' . gmdate('Ymd\THis\Z') . '.csv"');
    header('X-Content-Type-Options: nosniff');
    header('Cache-Control: no-store');
    echo implode(',', array_map('csv_field', explode(', ', $columns))), "\r\n";
    while (($r = $q->fetch()) !== false) {
        echo implode(',', array_map('csv_field', $r)), "\r\n";
    }
    exit;
}

audit('log.view', null, http_build_query($filters));
$page = $_GET['page'] ?? '1';
$page = is_string($page) && preg_match('/^[1-9][0-9]{0,5}$/D', $page) ? (int)$page : 1;
$q = db()->prepare("SELECT $columns FROM access_log$sql_where ORDER BY id DESC LIMIT 200 OFFSET " . (($page - 1) * 200));
$q->execute($args);
$entries = $q->fetchAll();

page_start(t('log'), 'log.php', $filters);
?>
<h1><?= h(t('log')) ?></h1>
<form method="get" action="log.php" class="filters" id="log-filters">
  <?php if (lang() !== 'en'): ?><input type="hidden" name="lang" value="<?= h(lang()) ?>"><?php endif; ?>
  <label><?= h(t('log.filter_pupil')) ?> <input type="text" name="pupil" maxlength="64" value="<?= h($filters['pupil'] ?? '') ?>"></label>
  <label><?= h(t('log.filter_user')) ?> <input type="text" name="user" maxlength="64" value="<?= h($filters['user'] ?? '') ?>"></label>
  <button type="submit"><?= h(t('apply_filter')) ?></button>
  <a href="<?= h(url('log.php', $filters + ['export' => 'csv'])) ?>" id="log-export"><?= h(t('log.export')) ?></a>
</form>
<table class="trail" id="log">
<thead><tr><th scope="col">#</th><th scope="col"><?= h(t('log.when')) ?></th><th scope="col"><?= h(t('log.who')) ?></th><th scope="col"><?= h(t('role')) ?></th>
<th scope="col"><?= h(t('log.action')) ?></th><th scope="col"><?= h(t('pupil')) ?></th><th scope="col"><?= h(t('detail')) ?></th><th scope="col"><?= h(t('log.outcome')) ?></th></tr></thead>
<tbody>
<?php foreach ($entries as $e): ?>
<tr data-action="<?= h($e['action']) ?>" data-user="<?= h($e['username']) ?>" data-pupil="<?= h($e['pupil_id']) ?>" data-outcome="<?= h($e['outcome']) ?>">
  <td><?= h($e['id']) ?></td><td><?= h($e['at']) ?></td><td><?= h($e['username']) ?></td><td><?= h($e['role']) ?></td><td><code><?= h($e['action']) ?></code></td>
  <td><?= h($e['pupil_id']) ?></td><td><?= h($e['detail']) ?></td><td class="<?= $e['outcome'] === 'denied' ? 'not-met' : 'met' ?>"><?= h(t('log.' . $e['outcome'])) ?></td></tr>
<?php endforeach; ?>
</tbody>
</table>
<?php if (count($entries) === 200): ?><p><a rel="next" href="<?= h(url('log.php', $filters + ['page' => $page + 1])) ?>"><?= h(t('next')) ?></a></p><?php endif; ?>
<?php
page_end();
