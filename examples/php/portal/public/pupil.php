<?php
/*
 * One pupil: attendance for the school year to date, the case (state, trail, the events possible now as
 * forms, the others disabled with the reason), the criteria with their reasons (English or Welsh), what
 * the referral pack still lacks, and the attendance certificate (the library's HTML, certificate.php).
 *   ?pupil=ID  &lang=en|cy  (&applied=EVENT after apply.php recorded an event)
 */
require dirname(__DIR__) . '/lib.php';

$school = School::get();
$id = requested_pupil($school, isset($_GET['pupil']) && is_string($_GET['pupil']) ? $_GET['pupil'] : null);
$p = $school->pupils[$id];
$reg = $school->register($id);
$s = $reg->summary($school->window);
$tenths = $s['evaluable'] ? (int)$s['attendance_tenths'] : null;

// The pack's check also tells the pupil's record what the evidence establishes (R3, R4, R5).
$pack = load_pack($id);
$pupil = $school->pupil_record($id);
$problems = $pack->check($school->policy, $reg, $school->calendar, $pupil);
$decisions = [
    'referral' => ssat_referral_evaluate($school->policy, $reg, $school->calendar, $pupil, $school->as_of),
    'absence' => ssat_absence_evaluate($school->policy, $reg, $school->calendar, $school->as_of),
    'penalty' => ssat_penalty_evaluate($school->policy, $reg, $school->calendar, $pupil, null, $school->as_of),
];
$case = case_supported() ? case_view($school, $id) : null;

$outcome_class = static fn(int $o) => match ($o) {
    SSAT_OUTCOME_MET => 'met',
    SSAT_OUTCOME_NOT_MET => 'not-met',
    default => 'unknown',
};

page_start($id . ' ' . $p['name'], 'pupil.php', ['pupil' => $id]);
?>
<p class="crumbs"><a href="<?= h(url('index.php')) ?>" id="back">← <?= h(t('back')) ?></a></p>
<h1 id="pupil-name"><?= h($p['name']) ?> <span class="pupil-id"><?= h($id) ?></span></h1>
<section class="summary" aria-label="<?= h(t('attendance')) ?>">
  <dl>
    <div><dt><?= h(t('year')) ?></dt><dd><?= h($p['year_group']) ?></dd></div>
    <div><dt><?= h(t('dob')) ?></dt><dd><?= h($p['dob']) ?></dd></div>
    <div><dt><?= h(t('possible')) ?></dt><dd><?= h($s['possible']) ?></dd></div>
    <div><dt><?= h(t('attended')) ?></dt><dd><?= h($s['attended']) ?></dd></div>
    <div><dt><?= h(t('unauthorised')) ?></dt><dd><?= h($s['unauthorised']) ?></dd></div>
    <div><dt><?= h(t('attendance')) ?></dt><dd id="attendance"><?= h(percent($tenths)) ?></dd></div>
  </dl>
  <div class="bigbar"><?= attendance_bar($tenths) ?></div>
  <p class="as-of"><?= h(t('as_of', $school->as_of, $school->policy->name())) ?></p>
</section>

<?php if ($case !== null) { render_case($case, $id); } else { ?>
<section class="case" id="case"><h2><?= h(t('case')) ?></h2><p class="notice" id="case-missing"><?= h(t('case.missing')) ?></p></section>
<?php } ?>

<section class="criteria" id="criteria">
<h2><?= h(t('criteria')) ?></h2>
<?php foreach ($decisions as $kind => $d): ?>
<h3><?= h(t("decision.$kind")) ?>:
  <span class="outcome <?= $outcome_class($d->outcome()) ?>"><?= h(ssat_outcome_name($d->outcome(), ssat_lang_id())) ?></span></h3>
<table class="criteria-table" id="criteria-<?= h($kind) ?>">
<thead><tr><th scope="col"><?= h(t('criterion')) ?></th><th scope="col"><?= h(t('outcome')) ?></th><th scope="col"><?= h(t('reason')) ?></th></tr></thead>
<tbody>
<?php foreach ($d->criteria() as $c): ?>
<tr data-criterion="<?= h($c['id']) ?>">
  <td><code><?= h($c['id']) ?></code></td>
  <td class="outcome <?= $outcome_class($c['outcome']) ?>"><?= h(ssat_outcome_name($c['outcome'], ssat_lang_id())) ?></td>
  <td lang="<?= h(lang()) ?>"><?= h(message($c)) ?></td>
</tr>
<?php endforeach; ?>
</tbody>
</table>
<?php endforeach; ?>
</section>

<section class="pack" id="pack">
<h2><?= h(t('pack')) ?></h2>
<?php if ($pack->count() === 0): ?>
<p><?= h(t('pack.none')) ?></p>
<?php else: ?>
<p><?= h(t('pack.items', implode(', ', array_column($pack->items(), 'kind')))) ?></p>
<?php endif; ?>
<?php if (!$problems): ?>
<p class="ok"><?= h(t('pack.complete')) ?></p>
<?php else: ?>
<ul class="problems" id="pack-problems">
<?php foreach ($problems as $pr): ?>
  <li class="<?= $pr['severity'] === SSAT_SEVERITY_ERROR ? 'error' : 'warning' ?>" data-problem="<?= h($pr['id']) ?>">
    <?= h(message($pr)) ?><?php if ($pr['field'] !== null && $pr['field'] !== ''): ?> <code><?= h($pr['field']) ?></code><?php endif; ?></li>
<?php endforeach; ?>
</ul>
<?php endif; ?>
</section>

<section class="certificate" id="certificate">
<h2><?= h(t('certificate')) ?></h2>
<p><a href="<?= h(url('certificate.php', ['pupil' => $id])) ?>" target="_blank" rel="noopener"><?= h(t('certificate.open')) ?></a></p>
<iframe title="<?= h(t('certificate')) ?>" src="<?= h(url('certificate.php', ['pupil' => $id])) ?>" sandbox></iframe>
</section>
<?php
page_end();
