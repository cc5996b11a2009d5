<?php
/*
 * Import a school's registers once, from what the school exports: the register (CSV, long or wide
 * layout; or a Common Transfer File, which also gives the pupils), the pupils file, and the terms and
 * closures (kept from the last import when not given). School staff import their own school; an
 * administrator names the school (a new one is created). The library checks everything; a refusal
 * shows its problem report (file, line, column) and changes nothing. bin/import.php does the same from
 * the command line.
 */
require dirname(__DIR__) . '/lib.php';

$user = require_user(['staff', 'admin']);
$cy = lang() === 'cy';
$result = null;
$problems = [];
$errors = [];
if (($_SERVER['REQUEST_METHOD'] ?? '') === 'POST') {
    require_csrf();
    if ($user['role'] === 'staff') {
        $school_id = $user['school_id'];
        $name = school_row($school_id)['name'];
    } else {
        $school_id = is_string($_POST['school'] ?? null) ? trim($_POST['school']) : '';
        $name = is_string($_POST['name'] ?? null) ? trim($_POST['name']) : '';
        if (!preg_match('/^[a-z0-9][a-z0-9-]{0,31}$/D', $school_id)) {
            $errors[] = $cy ? 'Rhif yr ysgol: 1 i 32 o a-z, 0-9 a “-”.' : 'School id: 1 to 32 of a-z, 0-9 and "-".';
        }
        if ($name === '' && school_row($school_id) !== null) {
            $name = school_row($school_id)['name'];
        }
        if ($name === '' || plain_text_problem($name, 128, false) !== null) {
            $errors[] = $cy ? 'Mae angen enw’r ysgol (testun plaen, hyd at 128 nod).' : 'The school’s name is required (plain text, at most 128 characters).';
        }
    }
    $files = [];
    $stored = $errors ? null : school_row($school_id);
    foreach (['register', 'pupils', 'terms', 'closures'] as $part) {
        $f = $_FILES[$part] ?? null;
        if (is_array($f) && ($f['error'] ?? null) === UPLOAD_ERR_OK && is_uploaded_file($f['tmp_name'])) {
            $files[$part] = [file_get_contents($f['tmp_name']), basename(is_string($f['name']) ? $f['name'] : $part)];
        } elseif ($stored !== null && in_array($part, ['terms', 'closures'], true)) {
            $files[$part] = [$stored[$part], $part];
        } elseif (!($part === 'pupils' && isset($files['register']) && looks_like_ctf($files['register'][0]))) {
            $errors[] = sprintf($cy ? 'Mae angen y ffeil “%s”.' : 'The file “%s” is required.', t("import.$part"));
        }
    }
    if (!$errors) {
        try {
            $result = import_school($school_id, $name, $files, $user['username']);
            audit('import', null, "$school_id: {$result['pupils']} pupils as of {$result['as_of']}");
        } catch (ImportRefused $e) {
            $problems = $e->problems;
            audit('import', null, "$school_id refused: " . count($problems) . ' problems', 'denied');
            http_response_code(422);
        }
    } else {
        http_response_code(422);
    }
}
$schools = db()->query('SELECT s.id, s.name, s.as_of, s.imported_at, s.imported_by, COUNT(p.id) AS pupils FROM schools s'
                       . ' LEFT JOIN pupils p ON p.school_id = s.id GROUP BY s.id ORDER BY s.name')->fetchAll();
if ($user['role'] === 'staff') {
    $schools = array_values(array_filter($schools, static fn($s) => $s['id'] === $user['school_id']));
}

page_start(t('import'), 'import.php');
?>
<h1><?= h(t('import')) ?></h1>
<?php if ($result !== null): ?>
<p class="success" id="import-done" role="status"><?= h(t('import.done', $result['pupils'], $name, $result['as_of'])) ?></p>
<?php foreach ($result['warnings'] as $w): ?><p class="notice"><?= h(message($w)) ?></p><?php endforeach; ?>
<?php endif; ?>
<?php if ($errors || $problems): ?>
<div class="error" id="error" role="alert"><p><?= h(t('import.refused')) ?></p><ul id="import-problems">
<?php foreach ($errors as $e): ?><li><?= h($e) ?></li><?php endforeach; ?>
<?php foreach ($problems as $p): ?><li data-problem="<?= h($p['id'] ?? '') ?>"><?= h(message($p)) ?></li><?php endforeach; ?>
</ul></div>
<?php endif; ?>
<h2><?= h(t('import.current')) ?></h2>
<table class="trail" id="schools">
<thead><tr><th scope="col"><?= h(t('import.school')) ?></th><th scope="col"><?= h(t('import.school_name')) ?></th><th scope="col"><?= h(t('pupils')) ?></th>
<th scope="col"><?= h(t('date')) ?></th><th scope="col"><?= h(t('log.when')) ?></th><th scope="col"><?= h(t('log.who')) ?></th></tr></thead>
<tbody>
<?php foreach ($schools as $s): ?>
<tr data-school="<?= h($s['id']) ?>"><td><code><?= h($s['id']) ?></code></td><td><?= h($s['name']) ?></td><td class="num"><?= h($s['pupils']) ?></td>
<td><?= h($s['as_of']) ?></td><td><?= h($s['imported_at']) ?></td><td><?= h($s['imported_by']) ?></td></tr>
<?php endforeach; ?>
</tbody>
</table>
<form method="post" action="<?= h(url('import.php')) ?>" enctype="multipart/form-data" class="event" id="import">
  <input type="hidden" name="csrf" value="<?= h(csrf_token()) ?>">
  <?php if ($user['role'] === 'admin'): ?>
  <label><?= h(t('import.school')) ?> <input type="text" name="school" required maxlength="32" pattern="[a-z0-9][a-z0-9-]{0,31}"></label>
  <label><?= h(t('import.school_name')) ?> <input type="text" name="name" maxlength="128"></label>
  <?php endif; ?>
  <label><?= h(t('import.register')) ?> <input type="file" name="register" required accept=".csv,.xml,text/csv"></label>
  <label><?= h(t('import.pupils')) ?> <input type="file" name="pupils" accept=".csv,text/csv"></label>
  <label><?= h(t('import.terms')) ?> <input type="file" name="terms" accept=".csv,text/csv"></label>
  <label><?= h(t('import.closures')) ?> <input type="file" name="closures" accept=".csv,text/csv"></label>
  <button type="submit" id="import-submit"><?= h(t('import.run')) ?></button>
</form>
<?php
page_end();
