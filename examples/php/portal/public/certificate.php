<?php
/*
 * The pupil's attendance registration certificate for the school year to date: the library's printable
 * HTML (one A4 page per term), as it renders it, in English or Welsh, for a user who may see the pupil
 * (the view is logged).  ?pupil=ID &lang=en|cy
 */
require dirname(__DIR__) . '/lib.php';

$user = require_user(['staff', 'ssat']);
$row = visible_pupil($user, $_GET['pupil'] ?? null, 'view.certificate');
audit('view.certificate', $row['id']);
$html = certificate(new PupilContext($row))->render(\Ssat\CERTIFICATE_HTML, ssat_lang_id());
// The certificate's HTML has its CSS inline and loads nothing: no script, no other source.
security_headers("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
server_timing();
echo $html;
