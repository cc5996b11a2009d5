<?php
/*
 * Attach a document (PDF, PNG or JPEG, type by content) to an item of a pupil's pack: school staff of the
 * pupil's school, with the form token. The file is stored outside the web root (src/documents.php); the
 * upload is logged; then back to the pupil page.
 */
require dirname(__DIR__) . '/lib.php';

if (($_SERVER['REQUEST_METHOD'] ?? '') !== 'POST') {
    header('Allow: POST');
    throw new PortalError(lang() === 'cy' ? 'Atodwch ddogfen o dudalen disgybl.' : 'Attach a document from a pupil page.', 405);
}
$user = require_user(['staff']);
require_csrf();
$row = visible_pupil($user, $_POST['pupil'] ?? null, 'document.upload');
$item = is_string($_POST['item'] ?? null) ? $_POST['item'] : '';
try {
    $doc = store_document($row, $item, $_FILES['file'] ?? null, $user['name']);
} catch (PortalError $e) {
    audit('document.upload', $row['id'], $item . ' refused: ' . $e->getMessage(), 'denied');
    throw $e;
}
audit('document.upload', $row['id'], "{$doc['item']} {$doc['name']} ({$doc['mime']}, {$doc['size']} bytes, document {$doc['id']})");
header('Location: ' . url('pupil.php', ['pupil' => $row['id'], 'uploaded' => '1']) . '#pack', true, 303);
