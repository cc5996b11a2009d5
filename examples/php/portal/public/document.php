<?php
/*
 * One attached document (?id=N), for a user who may see its pupil (else 403, logged); the view is
 * logged. Sent as a download with its checked type, nosniff and a sandboxing CSP, never cached.
 */
require dirname(__DIR__) . '/lib.php';

$user = require_user(['staff', 'ssat']);
$id = $_GET['id'] ?? '';
$doc = is_string($id) && preg_match('/^[1-9][0-9]{0,9}$/D', $id) ? document_row((int)$id) : null;
if ($doc === null) {
    throw new PortalError(lang() === 'cy' ? 'Nid oes dogfen o’r fath.' : 'There is no such document.', 404);
}
$row = visible_pupil($user, $doc['pupil_id'], 'view.document');
$path = data_dir() . '/documents/' . $doc['stored'];
if (!preg_match('/^[0-9a-f]{48}$/D', $doc['stored']) || !is_file($path)) {
    throw new RuntimeException("document {$doc['id']}: the stored file is missing");
}
audit('view.document', $row['id'], "{$doc['item']} {$doc['name']} (document {$doc['id']})");
while (ob_get_level() > 0) {
    ob_end_clean();
}
header('Content-Type: ' . $doc['mime']);
header('Content-Length: ' . filesize($path));
header("Content-Disposition: attachment; filename=\"document-{$doc['id']}." . PORTAL_DOCUMENT_TYPES[$doc['mime']] . '"; filename*=UTF-8\'\'' . rawurlencode($doc['name']));
header('X-Content-Type-Options: nosniff');
header("Content-Security-Policy: default-src 'none'; sandbox; frame-ancestors 'none'");
header('Referrer-Policy: same-origin');
header('Cache-Control: no-store');
readfile($path);
