<?php
/*
 * The pupil list of the signed-in member of staff's school: attendance for the school year to date (a
 * bar against the 85 % and 90 % lines), persistent absence, and whether the register meets the SSAT
 * referral criteria (R1 and R2) and the penalty-notice attendance criteria, as the library gave them when
 * the register was imported (one SQL query; nothing is re-imported).
 *   ?filter=all|referral|penalty|persistent  &sort=id|name|year|attendance|unauthorised|...  &dir=asc|desc
 *   &q=TEXT (pupil id or name contains)  &page=N  &lang=en|cy
 * The SSAT and the administrator go to their own first page.
 */
require dirname(__DIR__) . '/lib.php';

$user = current_user();
if ($user !== null && $user['role'] !== 'staff') {
    header('Location: ' . url($user['role'] === 'ssat' ? 'queue.php' : 'log.php'), true, 303);
    exit;
}
$user = require_user(['staff']);
$school = school_row($user['school_id']);

$notices = [];
$filters = ['all', 'referral', 'penalty', 'persistent'];
$sorts = ['id' => 'id', 'name' => 'name', 'year' => 'CAST(year_group AS INTEGER)', 'attendance' => 'possible = 0, CAST(attended AS REAL) / possible',
          'unauthorised' => 'unauthorised', 'persistent' => 'persistent', 'referral' => 'referral', 'penalty' => 'penalty'];
$filter = choice('filter', $filters, 'all', $notices);
$sort = choice('sort', array_keys($sorts), 'id', $notices);
$dir = choice('dir', ['asc', 'desc'], 'asc', $notices);
// The search may be a pupil's name: it comes by POST and is kept in the session, never in the URL.
if (($_SERVER['REQUEST_METHOD'] ?? '') === 'POST') {
    require_csrf();
    $q = $_POST['q'] ?? '';
    if (!is_string($q) || plain_text_problem($q, 64, false) !== null) {
        $q = "\0"; // refused: a notice on the next page
    }
    session_put('search', trim($q));
    $filter_post = is_string($_POST['filter'] ?? null) && in_array($_POST['filter'], $filters, true) ? $_POST['filter'] : null;
    header('Location: ' . url('index.php', ['filter' => $filter_post === 'all' ? null : $filter_post,
                                            'sort' => $sort === 'id' ? null : $sort, 'dir' => $dir === 'asc' ? null : $dir]), true, 303);
    exit;
}
$q = is_string($_SESSION['search'] ?? null) ? $_SESSION['search'] : '';
if ($q === "\0") {
    $notices[] = lang() === 'cy' ? 'Anwybyddwyd y chwiliad: hyd at 64 nod o destun plaen.'
                                 : 'The search was ignored: it must be plain text of at most 64 characters.';
    $q = '';
}
$page = $_GET['page'] ?? '1';
if (!is_string($page) || !preg_match('/^[1-9][0-9]{0,5}$/D', $page)) {
    $notices[] = lang() === 'cy' ? 'Anwybyddwyd rhif tudalen annilys.' : 'An invalid page number was ignored.';
    $page = '1';
}
$page = (int)$page;

$where = 'school_id = :school';
$args = [':school' => $user['school_id']];
if ($filter !== 'all') {
    $where .= " AND $filter = 1"; // $filter is one of $filters
}
if ($q !== '') {
    $where .= " AND (id LIKE :q ESCAPE '\\' OR name LIKE :q ESCAPE '\\')";
    $args[':q'] = '%' . addcslashes($q, '%_\\') . '%';
}
$pdo = db();
$count = $pdo->prepare("SELECT COUNT(*) FROM pupils WHERE $where");
$count->execute($args);
$matching = (int)$count->fetchColumn();
$all = $pdo->prepare('SELECT COUNT(*) FROM pupils WHERE school_id = ?');
$all->execute([$user['school_id']]);
$total = (int)$all->fetchColumn();
$pages = max(1, (int)ceil($matching / PORTAL_PAGE_SIZE));
$page = min($page, $pages);
$order = implode(', ', array_map(static fn($c) => "$c " . strtoupper($dir), explode(', ', $sorts[$sort]))) . ', id';
$list = $pdo->prepare("SELECT id, name, year_group, possible, attended, unauthorised, persistent, referral, penalty FROM pupils"
                      . " WHERE $where ORDER BY $order LIMIT " . PORTAL_PAGE_SIZE . ' OFFSET ' . (($page - 1) * PORTAL_PAGE_SIZE));
$list->execute($args);
$shown = $list->fetchAll();

$state = ['filter' => $filter === 'all' ? null : $filter, 'sort' => $sort === 'id' ? null : $sort,
          'dir' => $dir === 'asc' ? null : $dir];
$yes_no = static fn($v) => '<span class="flag ' . ($v ? 'yes' : 'no') . '">' . h(t($v ? 'yes' : 'no')) . '</span>';
$header = static function (string $column, string $label) use ($state, $sort, $dir): string {
    $next = ($sort === $column && $dir === 'asc') ? 'desc' : 'asc';
    $aria = $sort === $column ? ($dir === 'asc' ? 'ascending' : 'descending') : 'none';
    $mark = $sort === $column ? ($dir === 'asc' ? ' ▲' : ' ▼') : '';
    return '<th scope="col" aria-sort="' . $aria . '"><a href="'
         . h(url('index.php', ['sort' => $column, 'dir' => $next === 'asc' ? null : 'desc'] + $state))
         . '" title="' . h(t('sort', $label)) . '">' . h($label) . $mark . '</a></th>';
};

page_start(t('pupils'), 'index.php', $state + ['page' => $page > 1 ? $page : null]);
?>
<h1><?= h(t('pupils')) ?> <span class="pupil-id"><?= h($school['name']) ?></span></h1>
<p class="as-of"><?= h(t('as_of', $school['as_of'], PORTAL_POLICY)) ?></p>
<?php foreach ($notices as $n): ?>
<p class="notice" role="status"><?= h($n) ?></p>
<?php endforeach; ?>
<form class="filters" method="post" action="<?= h(url('index.php', ['sort' => $state['sort'], 'dir' => $state['dir']])) ?>" id="filters">
  <input type="hidden" name="csrf" value="<?= h(csrf_token()) ?>">
  <label><?= h(t('filter')) ?>
    <select name="filter" id="filter">
      <?php foreach ($filters as $f): ?>
      <option value="<?= h($f) ?>"<?= $f === $filter ? ' selected' : '' ?>><?= h(t("filter.$f")) ?></option>
      <?php endforeach; ?>
    </select></label>
  <label><?= h(t('search')) ?> <input type="search" name="q" id="q" maxlength="64" value="<?= h($q) ?>"></label>
  <button type="submit" id="show"><?= h(t('apply_filter')) ?></button>
</form>
<nav class="quick">
  <?php foreach ($filters as $f): ?>
  <a href="<?= h(url('index.php', ['filter' => $f === 'all' ? null : $f] + $state)) ?>" id="filter-<?= h($f) ?>"
     <?= $f === $filter ? 'aria-current="page" class="current"' : '' ?>><?= h(t("filter.$f")) ?></a>
  <?php endforeach; ?>
</nav>
<p class="count" id="count"><?= h(t('count', $matching, $total)) ?>
  <?php if ($pages > 1): ?>· <?= h(t('page', $page, $pages)) ?><?php endif; ?></p>
<p class="legend"><?= h(t('legend')) ?></p>
<div class="scroll">
<table class="pupils" id="pupils">
<thead><tr>
  <?= $header('id', t('pupil')) ?><?= $header('name', t('name')) ?><?= $header('year', t('year')) ?>
  <?= $header('attendance', t('attendance')) ?><th scope="col" class="barcol"><span class="visually-hidden"><?= h(t('attendance')) ?></span></th>
  <?= $header('unauthorised', t('unauthorised')) ?><?= $header('persistent', t('persistent')) ?>
  <?= $header('referral', t('referral')) ?><?= $header('penalty', t('penalty')) ?>
</tr></thead>
<tbody>
<?php foreach ($shown as $r): $attended = (int)$r['attended']; $possible = (int)$r['possible']; ?>
<tr data-pupil="<?= h($r['id']) ?>">
  <td><a href="<?= h(url('pupil.php', ['pupil' => $r['id']])) ?>"><?= h($r['id']) ?></a></td>
  <td><?= h($r['name']) ?></td>
  <td class="num"><?= h($r['year_group']) ?></td>
  <td class="num"><?= h(percent($attended, $possible)) ?></td>
  <td class="barcol"><?= attendance_bar($attended, $possible) ?></td>
  <td class="num"><?= h($r['unauthorised']) ?></td>
  <td><?= $yes_no($r['persistent']) ?></td>
  <td><?= $yes_no($r['referral']) ?></td>
  <td><?= $yes_no($r['penalty']) ?></td>
</tr>
<?php endforeach; ?>
</tbody>
</table>
</div>
<?php if ($pages > 1): ?>
<nav class="pages">
  <?php if ($page > 1): ?><a rel="prev" href="<?= h(url('index.php', ['page' => $page - 1] + $state)) ?>"><?= h(t('previous')) ?></a><?php endif; ?>
  <span><?= h(t('page', $page, $pages)) ?></span>
  <?php if ($page < $pages): ?><a rel="next" id="next-page" href="<?= h(url('index.php', ['page' => $page + 1] + $state)) ?>"><?= h(t('next')) ?></a><?php endif; ?>
</nav>
<?php endif; ?>
<?php
page_end();
