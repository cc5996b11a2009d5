<?php
/*
 * The pupil's attendance registration certificate for the school year to date: the library's printable
 * HTML (one A4 page per term), as it renders it, in English or Welsh.  ?pupil=ID &lang=en|cy
 */
require dirname(__DIR__) . '/lib.php';

$school = School::get();
$id = requested_pupil($school, isset($_GET['pupil']) && is_string($_GET['pupil']) ? $_GET['pupil'] : null);
$html = certificate($school, $id)->render(SSAT_CERTIFICATE_HTML, ssat_lang_id());
// The certificate's HTML has its CSS inline and loads nothing: no script, no other source.
security_headers("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
echo $html;
