<?php
/*
 * The SSAT's referral queue, from every school: each referral waiting for a decision with its school,
 * the date it was submitted, the pack's check (the library's problems) and the certificate; the officer
 * accepts it or returns it with reasons (both recorded by apply.php, the library's guards deciding).
 * Below, the referrals already decided, with the case's state. SSAT officers only.
 */
require dirname(__DIR__) . '/lib.php';

$user = require_user(['ssat']);
$cases = db()->query('SELECT c.pupil_id, c.state, c.events, p.name, p.school_id, s.name AS school FROM cases c'
                     . ' JOIN pupils p ON p.id = c.pupil_id JOIN schools s ON s.id = p.school_id'
                     . ' WHERE c.referred = 1 ORDER BY s.name, c.pupil_id')->fetchAll();
$waiting = [];
$decided = [];
foreach ($cases as $c) {
    if ($c['state'] === 'referred') {
        $waiting[] = $c;
    } else {
        $decided[] = $c;
    }
}
$token = csrf_token();
$applied = $_GET['applied'] ?? null;
$applied_pupil = $_GET['pupil'] ?? null;

page_start(t('queue'), 'queue.php');
?>
<h1><?= h(t('queue')) ?></h1>
<?php if (in_array($applied, ['referral_accepted', 'referral_returned'], true) && is_string($applied_pupil)): ?>
<p class="success" id="applied" role="status"><?= h($applied_pupil) ?>: <?= h($applied === 'referral_accepted' ? t('queue.accept') : t('queue.return')) ?> ✓</p>
<?php endif; ?>
<?php if (!$waiting): ?>
<p id="queue-empty"><?= h(t('queue.none')) ?></p>
<?php endif; ?>
<?php foreach ($waiting as $c):
    $ctx = new PupilContext(pupil_row_stored($c['pupil_id']));
    $case = case_load($ctx);
    $trail = $case->trail();
    $submitted = '';
    foreach ($trail as $e) {
        if ($e['event'] === 'referral_submitted') {
            $submitted = $e['date'];
        }
    }
    $problems = load_pack($c['pupil_id'])->check($ctx->policy, $ctx->register, $ctx->calendar, $ctx->pupilRecord());
    $date = max($ctx->as_of, end($trail)['date']);
    $hidden = '<input type="hidden" name="csrf" value="' . h($token) . '"><input type="hidden" name="pupil" value="' . h($c['pupil_id'])
            . '"><input type="hidden" name="version" value="' . h(count($trail)) . '"><input type="hidden" name="back" value="queue">'
            . '<input type="hidden" name="lang" value="' . h(lang()) . '"><input type="hidden" name="date" value="' . h($date) . '">';
?>
<article class="referral" data-pupil="<?= h($c['pupil_id']) ?>">
  <h2><a href="<?= h(url('pupil.php', ['pupil' => $c['pupil_id']])) ?>"><?= h($c['pupil_id']) ?> <?= h($c['name']) ?></a></h2>
  <p><?= h(t('queue.school')) ?>: <strong class="school-name"><?= h($c['school']) ?></strong> ·
     <?= h(t('queue.submitted')) ?>: <?= h($submitted) ?> ·
     <a href="<?= h(url('certificate.php', ['pupil' => $c['pupil_id']])) ?>" class="certificate-link"><?= h(t('certificate')) ?></a></p>
  <p><?= h(t('queue.pack')) ?>: <span class="pack-check" data-problems="<?= h(count($problems)) ?>"><?= h($problems ? t('queue.pack_problems', count($problems)) : t('queue.pack_ok')) ?></span></p>
  <?php if ($problems): ?><ul class="problems"><?php foreach ($problems as $pr): ?><li><?= h(message($pr)) ?></li><?php endforeach; ?></ul><?php endif; ?>
  <div class="events">
    <form class="event" method="post" action="apply.php" data-event="referral_accepted"><?= $hidden ?>
      <input type="hidden" name="event" value="referral_accepted">
      <label><?= h(t('note')) ?> <textarea name="note" maxlength="2000" rows="1"></textarea></label>
      <button type="submit" class="accept"><?= h(t('queue.accept')) ?></button></form>
    <form class="event" method="post" action="apply.php" data-event="referral_returned"><?= $hidden ?>
      <input type="hidden" name="event" value="referral_returned">
      <label><?= h(t('queue.reasons')) ?> <input type="text" name="detail" required maxlength="200"></label>
      <button type="submit" class="return"><?= h(t('queue.return')) ?></button></form>
  </div>
</article>
<?php endforeach; ?>

<h2><?= h(t('queue.decided')) ?></h2>
<table class="trail" id="decided">
<thead><tr><th scope="col"><?= h(t('pupil')) ?></th><th scope="col"><?= h(t('name')) ?></th><th scope="col"><?= h(t('queue.school')) ?></th><th scope="col"><?= h(t('case.state')) ?></th></tr></thead>
<tbody>
<?php foreach ($decided as $c): ?>
<tr data-pupil="<?= h($c['pupil_id']) ?>" data-state="<?= h($c['state']) ?>"><td><a href="<?= h(url('pupil.php', ['pupil' => $c['pupil_id']])) ?>"><?= h($c['pupil_id']) ?></a></td>
  <td><?= h($c['name']) ?></td><td><?= h($c['school']) ?></td><td><?= h(case_state_label_id($c['state'])) ?></td></tr>
<?php endforeach; ?>
</tbody>
</table>
<?php
page_end();
