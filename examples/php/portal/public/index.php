<?php
/*
 * The pupil list: every pupil of the sample school with attendance for the school year to date (a bar
 * against the 85 % and 90 % lines), persistent absence, and whether the register meets the SSAT
 * referral criteria (R1 and R2) and the penalty-notice attendance criteria.
 *   ?filter=all|referral|penalty|persistent  &sort=id|name|year|attendance|unauthorised  &dir=asc|desc
 *   &q=TEXT (pupil id or name contains)  &page=N  &lang=en|cy
 */
require dirname(__DIR__) . '/lib.php';

$notices = [];
$filters = ['all', 'referral', 'penalty', 'persistent'];
$sorts = ['id', 'name', 'year', 'attendance', 'unauthorised', 'persistent', 'referral', 'penalty'];
$filter = choice('filter', $filters, 'all', $notices);
$sort = choice('sort', $sorts, 'id', $notices);
$dir = choice('dir', ['asc', 'desc'], 'asc', $notices);
$q = $_GET['q'] ?? '';
if (!is_string($q) || plain_text_problem($q, 64, false) !== null) {
    $notices[] = lang() === 'cy' ? 'Anwybyddwyd y chwiliad: hyd at 64 nod o destun plaen.'
                                 : 'The search was ignored: it must be plain text of at most 64 characters.';
    $q = '';
}
$q = trim($q);
$page = $_GET['page'] ?? '1';
if (!is_string($page) || !preg_match('/^[1-9][0-9]{0,5}$/D', $page)) {
    $notices[] = lang() === 'cy' ? 'Anwybyddwyd rhif tudalen annilys.' : 'An invalid page number was ignored.';
    $page = '1';
}
$page = (int)$page;

$school = School::get();
$all = $school->overview();
$rows = array_values(array_filter($all, static function (array $r) use ($filter, $q): bool {
    if ($filter !== 'all' && !$r[$filter]) {
        return false;
    }
    return $q === '' || stripos($r['id'], $q) !== false || preg_match('/' . preg_quote($q, '/') . '/iu', $r['name']) === 1;
}));
$key = static fn(array $r) => match ($sort) {
    'id' => $r['id'],
    'name' => $r['name'],
    'year' => (int)$r['year_group'],
    'attendance' => $r['tenths'] ?? PHP_INT_MAX, // not evaluable sorts last
    'unauthorised' => $r['unauthorised'],
    default => (int)$r[$sort],
};
usort($rows, static function (array $a, array $b) use ($key, $dir): int {
    $c = $key($a) <=> $key($b);
    return ($dir === 'desc' ? -$c : $c) ?: strcmp($a['id'], $b['id']);
});
$pages = max(1, (int)ceil(count($rows) / PORTAL_PAGE_SIZE));
if ($page > $pages) {
    $page = $pages;
}
$shown = array_slice($rows, ($page - 1) * PORTAL_PAGE_SIZE, PORTAL_PAGE_SIZE);

$state = ['filter' => $filter === 'all' ? null : $filter, 'sort' => $sort === 'id' ? null : $sort,
          'dir' => $dir === 'asc' ? null : $dir, 'q' => $q];
$yes_no = static fn(bool $v) => '<span class="flag ' . ($v ? 'yes' : 'no') . '">' . h(t($v ? 'yes' : 'no')) . '</span>';
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
<h1><?= h(t('pupils')) ?></h1>
<p class="as-of"><?= h(t('as_of', $school->as_of, $school->policy->name())) ?></p>
<?php foreach ($notices as $n): ?>
<p class="notice" role="status"><?= h($n) ?></p>
<?php endforeach; ?>
<form class="filters" method="get" action="index.php" id="filters">
  <?php if (lang() !== 'en'): ?><input type="hidden" name="lang" value="<?= h(lang()) ?>"><?php endif; ?>
  <input type="hidden" name="sort" value="<?= h($sort) ?>">
  <input type="hidden" name="dir" value="<?= h($dir) ?>">
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
<p class="count" id="count"><?= h(t('count', count($rows), count($all))) ?>
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
<?php foreach ($shown as $r): ?>
<tr data-pupil="<?= h($r['id']) ?>">
  <td><a href="<?= h(url('pupil.php', ['pupil' => $r['id']])) ?>"><?= h($r['id']) ?></a></td>
  <td><?= h($r['name']) ?></td>
  <td class="num"><?= h($r['year_group']) ?></td>
  <td class="num"><?= h(percent($r['tenths'])) ?></td>
  <td class="barcol"><?= attendance_bar($r['tenths']) ?></td>
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
