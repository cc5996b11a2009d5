<?php
/* Sign-out (POST with the form token): the session is destroyed and its cookie cleared. */
require dirname(__DIR__) . '/lib.php';

if (($_SERVER['REQUEST_METHOD'] ?? '') !== 'POST') {
    header('Allow: POST');
    throw new PortalError(lang() === 'cy' ? 'Allgofnodwch gyda’r botwm ar frig y dudalen.' : 'Sign out with the button at the top of the page.', 405);
}
if (current_user() !== null) {
    require_csrf();
    audit('signout', null);
}
sign_out();
header('Location: ' . url('login.php'), true, 303);
