<?php
/*
 * One pupil, for a user who may see them (school staff of the pupil's school; the SSAT once a referral
 * was submitted): attendance for the school year to date, the case (state, trail, the events this user
 * may record that are possible now as forms, the others disabled with the reason), the criteria with
 * their reasons (English or Welsh), what the referral pack still lacks, the documents attached to the
 * pack, and the attendance certificate (the library's HTML, certificate.php). Every view is logged.
 *   ?pupil=ID  &lang=en|cy  (&applied=EVENT after apply.php recorded an event; &uploaded=1 after upload.php)
 */
require dirname(__DIR__) . '/lib.php';

$user = require_user(['staff', 'ssat']);
$row = visible_pupil($user, $_GET['pupil'] ?? null, 'view.pupil');
$id = $row['id'];
audit('view.pupil', $id);
$ctx = new PupilContext($row);
$reg = $ctx->register;
$s = $reg->summary($ctx->window);

// The pack's check also tells the pupil's record what the evidence establishes (R3, R4, R5).
$pack = load_pack($id);
$pupil = $ctx->pupilRecord();
$problems = $pack->check($ctx->policy, $reg, $ctx->calendar, $pupil);
$decisions = [
    'referral' => \Ssat\referralEvaluate($ctx->policy, $reg, $ctx->calendar, $pupil, $ctx->as_of),
    'absence' => \Ssat\absenceEvaluate($ctx->policy, $reg, $ctx->calendar, $ctx->as_of),
    'penalty' => \Ssat\penaltyEvaluate($ctx->policy, $reg, $ctx->calendar, $pupil, null, $ctx->as_of),
];
$case = case_view($ctx);
$documents = pupil_documents($id);
$items = pack_item_names($pack);

$outcome_class = static fn(int $o) => match ($o) {
    \Ssat\OUTCOME_MET => 'met',
    \Ssat\OUTCOME_NOT_MET => 'not-met',
    default => 'unknown',
};

page_start($id . ' ' . $row['name'], 'pupil.php', ['pupil' => $id]);
?>
<p class="crumbs"><a href="<?= h(url($user['role'] === 'ssat' ? 'queue.php' : 'index.php')) ?>" id="back">← <?= h(t($user['role'] === 'ssat' ? 'queue' : 'back')) ?></a></p>
<h1 id="pupil-name"><?= h($row['name']) ?> <span class="pupil-id"><?= h($id) ?></span></h1>
<section class="summary" aria-label="<?= h(t('attendance')) ?>">
  <dl>
    <div><dt><?= h(t('queue.school')) ?></dt><dd id="pupil-school"><?= h($ctx->school['name']) ?></dd></div>
    <div><dt><?= h(t('year')) ?></dt><dd><?= h($row['year_group']) ?></dd></div>
    <div><dt><?= h(t('dob')) ?></dt><dd><?= h($row['dob']) ?></dd></div>
    <div><dt><?= h(t('possible')) ?></dt><dd><?= h($s['possible']) ?></dd></div>
    <div><dt><?= h(t('attended')) ?></dt><dd><?= h($s['attended']) ?></dd></div>
    <div><dt><?= h(t('unauthorised')) ?></dt><dd><?= h($s['unauthorised']) ?></dd></div>
    <div><dt><?= h(t('attendance')) ?></dt><dd id="attendance"><?= h(percent((int)$s['attended'], (int)$s['possible'])) ?></dd></div>
  </dl>
  <div class="bigbar"><?= attendance_bar((int)$s['attended'], (int)$s['possible']) ?></div>
  <p class="as-of"><?= h(t('as_of', $ctx->as_of, $ctx->policy->name())) ?></p>
</section>

<?php render_referral_outcome($case); ?>
<?php render_notice_receipt($case, $ctx->policy); ?>
<?php render_case($case, $id, $user); ?>

<section class="criteria" id="criteria">
<h2><?= h(t('criteria')) ?></h2>
<?php foreach ($decisions as $kind => $d): ?>
<h3><?= h(t("decision.$kind")) ?>:
  <span class="outcome <?= $outcome_class($d->outcome()) ?>"><?= h(\Ssat\outcomeName($d->outcome(), ssat_lang_id())) ?></span></h3>
<table class="criteria-table" id="criteria-<?= h($kind) ?>">
<thead><tr><th scope="col"><?= h(t('criterion')) ?></th><th scope="col"><?= h(t('outcome')) ?></th><th scope="col"><?= h(t('reason')) ?></th></tr></thead>
<tbody>
<?php foreach ($d->criteria() as $c): ?>
<tr data-criterion="<?= h($c['id']) ?>">
  <td><code><?= h($c['id']) ?></code></td>
  <td class="outcome <?= $outcome_class($c['outcome']) ?>"><?= h(\Ssat\outcomeName($c['outcome'], ssat_lang_id())) ?></td>
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
<p id="pack-items"><?= h(t('pack.items', implode(', ', $items))) ?></p>
<?php endif; ?>
<?php if (!$problems): ?>
<p class="ok" id="pack-complete"><?= h(t('pack.complete')) ?></p>
<?php else: ?>
<ul class="problems" id="pack-problems">
<?php foreach ($problems as $pr): ?>
  <li class="<?= $pr['severity'] === \Ssat\SEVERITY_ERROR ? 'error' : 'warning' ?>" data-problem="<?= h($pr['id']) ?>">
    <?= h(message($pr)) ?><?php if ($pr['field'] !== null && $pr['field'] !== ''): ?> <code><?= h($pr['field']) ?></code><?php endif; ?></li>
<?php endforeach; ?>
</ul>
<?php endif; ?>

<h3><?= h(t('documents')) ?></h3>
<?php if (isset($_GET['uploaded']) && $documents): ?>
<p class="success" id="uploaded" role="status"><?= h(t('documents.uploaded', $documents[0]['name'], $documents[0]['item'])) ?></p>
<?php endif; ?>
<?php if (!$documents): ?>
<p id="no-documents"><?= h(t('documents.none')) ?></p>
<?php else: ?>
<table class="trail" id="documents">
<thead><tr><th scope="col"><?= h(t('documents.item')) ?></th><th scope="col"><?= h(t('name')) ?></th><th scope="col"><?= h(t('documents.size')) ?></th>
<th scope="col"><?= h(t('documents.by')) ?></th><th scope="col"><?= h(t('log.when')) ?></th></tr></thead>
<tbody>
<?php foreach ($documents as $d): ?>
<tr data-document="<?= h($d['id']) ?>"><td><code><?= h($d['item']) ?></code></td>
  <td><a href="<?= h(url('document.php', ['id' => $d['id']])) ?>" class="document"><?= h($d['name']) ?></a></td>
  <td class="num"><?= h(number_format($d['size'] / 1024, 1)) ?> KB</td><td><?= h($d['uploaded_by']) ?></td><td><?= h($d['uploaded_at']) ?></td></tr>
<?php endforeach; ?>
</tbody>
</table>
<?php endif; ?>
<?php if ($user['role'] === 'staff' && $items): ?>
<form method="post" action="<?= h(url('upload.php')) ?>" enctype="multipart/form-data" class="event" id="upload">
  <input type="hidden" name="csrf" value="<?= h(csrf_token()) ?>">
  <input type="hidden" name="pupil" value="<?= h($id) ?>">
  <input type="hidden" name="MAX_FILE_SIZE" value="<?= h(PORTAL_UPLOAD_MAX) ?>">
  <label><?= h(t('documents.item')) ?> <select name="item" id="upload-item">
    <?php foreach ($items as $item): ?><option value="<?= h($item) ?>"><?= h($item) ?></option><?php endforeach; ?>
  </select></label>
  <label><?= h(t('documents.file', PORTAL_UPLOAD_MAX >> 20)) ?> <input type="file" name="file" id="upload-file" required
         accept="application/pdf,image/png,image/jpeg"></label>
  <button type="submit" id="upload-submit"><?= h(t('documents.attach')) ?></button>
</form>
<?php endif; ?>
</section>

<section class="certificate" id="certificate">
<h2><?= h(t('certificate')) ?></h2>
<p><a href="<?= h(url('certificate.php', ['pupil' => $id])) ?>" target="_blank" rel="noopener"><?= h(t('certificate.open')) ?></a></p>
<iframe title="<?= h(t('certificate')) ?>" src="<?= h(url('certificate.php', ['pupil' => $id])) ?>" sandbox></iframe>
</section>
<?php
page_end();
