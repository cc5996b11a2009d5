<?php
/*
 * Due and overdue work across every case the signed-in user may see (school staff: their school's cases;
 * the SSAT: the referred ones): the library's list (\Ssat\CaseFile::overdue) on each school's as-of date, the
 * overdue first. Nothing here computes a due date itself.
 */
require dirname(__DIR__) . '/lib.php';

$user = require_user(['staff', 'ssat']);
if ($user['role'] === 'staff') {
    $q = db()->prepare("SELECT pupil_id, json FROM cases WHERE school_id = ? AND state <> 'closed' ORDER BY pupil_id");
    $q->execute([$user['school_id']]);
} else {
    $q = db()->query("SELECT pupil_id, json FROM cases WHERE referred = 1 AND state <> 'closed' ORDER BY pupil_id");
}
$rows = [];
foreach ($q->fetchAll() as $c) {
    $pupil = pupil_row_stored($c['pupil_id']);
    if ($pupil === null || !may_see_pupil($user, $pupil)) {
        continue;
    }
    $ctx = new PupilContext($pupil);
    $case = \Ssat\CaseFile::fromJson($c['json'], $ctx->policy);
    foreach ($case->overdue($ctx->calendar, $ctx->as_of) as $p) {
        $rows[] = ['pupil' => $pupil, 'problem' => $p, 'on' => $ctx->as_of];
    }
}
usort($rows, static fn($a, $b) => [$a['problem']['severity'], $a['problem']['date'] ?? '', $a['pupil']['id']]
                                  <=> [$b['problem']['severity'], $b['problem']['date'] ?? '', $b['pupil']['id']]);

page_start(t('work'), 'work.php');
?>
<h1><?= h(t('work')) ?></h1>
<?php if (!$rows): ?>
<p id="work-none"><?= h(t('work.none')) ?></p>
<?php else: ?>
<table class="trail" id="work">
<thead><tr><th scope="col"><?= h(t('pupil')) ?></th><th scope="col"><?= h(t('name')) ?></th><th scope="col"><?= h(t('work.due')) ?></th>
<th scope="col"><?= h(t('log.outcome')) ?></th><th scope="col"><?= h(t('work.what')) ?></th></tr></thead>
<tbody>
<?php foreach ($rows as $r): $p = $r['problem']; $late = $p['severity'] === \Ssat\SEVERITY_ERROR; ?>
<tr data-pupil="<?= h($r['pupil']['id']) ?>" data-due="<?= h($p['id']) ?>" class="<?= $late ? 'overdue' : 'soon' ?>">
  <td><a href="<?= h(url('pupil.php', ['pupil' => $r['pupil']['id']])) ?>"><?= h($r['pupil']['id']) ?></a></td>
  <td><?= h($r['pupil']['name']) ?></td><td><?= h($p['date'] ?? '') ?></td>
  <td><span class="flag <?= $late ? 'yes' : 'no' ?>"><?= h(t($late ? 'work.overdue' : 'work.soon')) ?></span></td>
  <td lang="<?= h(lang()) ?>"><?= h(message($p)) ?> <span class="as-of">(<?= h(t('work.on', $r['on'])) ?>)</span></td>
</tr>
<?php endforeach; ?>
</tbody>
</table>
<?php endif; ?>
<?php
page_end();
