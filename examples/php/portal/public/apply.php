<?php
/*
 * Record an event in a pupil's case (POST from a pupil page's event form), then redirect back to the
 * pupil page (POST/redirect/GET). Every field is checked first, and all problems are shown at once:
 *   csrf     the session's form token
 *   pupil    a pupil the signed-in user may see (else 403, logged)
 *   event    one of the case events the library defines, that the user's role may record (else 403, logged)
 *   date     an ISO 8601 date (YYYY-MM-DD) that exists, not before the last event of the trail
 *   parent   plain text (at most 64), detail plain text (at most 200, or one of the event's choices)
 *   note     plain text, at most 2000 characters (no markup: "<" and ">" are refused)
 *   version  the number of events the case had when the page was shown
 * Who did it is the signed-in user (name, role and school), never a form field.
 * Then the library applies the event (its guards may refuse it, with their reasons). Only then is the
 * case stored, as the library's JSON, in one transaction. On any failure nothing is stored and the page
 * says why.
 */
require dirname(__DIR__) . '/lib.php';

$cy = lang() === 'cy';
if (($_SERVER['REQUEST_METHOD'] ?? '') !== 'POST') {
    header('Allow: POST');
    throw new PortalError($cy ? 'Mae’r cyfeiriad hwn yn cofnodi digwyddiad o ffurflen ar dudalen disgybl: agorwch dudalen disgybl a defnyddiwch ei botymau.'
                              : 'This address records an event sent by a form of a pupil page: open a pupil page and use its buttons.', 405);
}
$user = require_user(['staff', 'ssat']);
require_csrf();

$errors = [];
$fields = [];
foreach (['pupil', 'event', 'date', 'parent', 'detail', 'note', 'version', 'back'] as $name) {
    $v = $_POST[$name] ?? '';
    if (!is_string($v)) {
        $errors[] = sprintf($cy ? 'Rhaid i’r maes “%s” fod yn un gwerth.' : 'The field “%s” must be a single value.', $name);
        $v = '';
    }
    $fields[$name] = $name === 'note' ? str_replace("\r\n", "\n", $v) : trim($v);
}
$row = visible_pupil($user, $fields['pupil'], 'case.event');
$id = $row['id'];
if (in_array($fields['event'], case_event_ids(), true) && !may_record($user, $fields['event'])) {
    forbid('case.event', $id, $fields['event']);
}
$to_queue = $fields['back'] === 'queue' && $user['role'] === 'ssat';
$back = $to_queue ? [url('queue.php'), t('queue')]
                  : [url('pupil.php', ['pupil' => $id]) . '#case', $cy ? 'Yn ôl i dudalen y disgybl' : 'Back to the pupil page'];
$actor = $user['name'];
$role = trail_role($user);
$shown = [
    t('event') => $fields['event'], t('date') => $fields['date'], t('actor') => $actor,
    t('role') => $role, t('parent') => $fields['parent'], t('detail') => $fields['detail'],
    t('note') => $fields['note'],
];
$reject = static function (int $status, array $messages) use ($shown, $back, $cy, $id, $fields): never {
    audit('case.event', $id, $fields['event'] . ' refused', 'denied');
    array_unshift($messages, $cy ? 'Ni chofnodwyd dim:' : 'Nothing was recorded:');
    failure_page($status, $messages, $shown, $back);
    exit;
};

$ctx = new PupilContext($row);
$case = case_load($ctx);
$trail = case_trail($case);
$last_date = $trail ? end($trail)['date'] : null;

// event
$event = $fields['event'];
if ($event === '') {
    $errors[] = $cy ? 'Ni nodwyd digwyddiad.' : 'No event was given.';
} elseif (!in_array($event, case_event_ids(), true)) {
    $errors[] = sprintf($cy ? 'Nid yw “%s” yn ddigwyddiad achos.' : '“%s” is not a case event.', $event);
    $event = '';
}
// date
$date = $fields['date'];
if (!preg_match('/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/D', $date)) {
    $errors[] = sprintf($cy ? 'Nid yw’r dyddiad “%s” ar y ffurf BBBB-MM-DD.' : 'The date “%s” is not a date of the form YYYY-MM-DD.', $date);
} else {
    try {
        \Ssat\dateParse($date);
        if ($last_date !== null && strcmp($date, $last_date) < 0) { // ISO dates sort as text
            $errors[] = sprintf($cy ? 'Mae’r dyddiad %s cyn digwyddiad olaf yr achos (%s): cofnodir digwyddiadau yn eu trefn.'
                                    : 'The date %s is before the case’s last event (%s): events are recorded in order.',
                                $date, $last_date);
        }
    } catch (\Ssat\Exception $e) {
        $errors[] = sprintf($cy ? 'Nid yw’r dyddiad “%s” yn bodoli.' : 'The date “%s” does not exist.', $date);
    }
}
// who, and the event's parameters
$labels = ['parent' => t('parent'), 'detail' => t('detail'), 'note' => t('note')];
foreach (['parent' => 64, 'detail' => 200, 'note' => 2000] as $name => $max) {
    $v = $fields[$name];
    if ($v !== '' && ($why = plain_text_problem($v, $max, $name === 'note')) !== null) {
        $errors[] = sprintf($cy ? 'Ni ellir derbyn “%s”: %s.' : '“%s” cannot be accepted: %s.', $labels[$name], $why);
    }
}
if ($event !== '') {
    $spec = CASE_EVENT_FIELDS[$event] ?? [];
    if (isset($spec['choices']) && $fields['detail'] !== '' && !in_array($fields['detail'], $spec['choices'], true)) {
        $errors[] = sprintf($cy ? 'Rhaid i’r manylion fod yn un o: %s.' : 'The detail must be one of: %s.', implode(', ', $spec['choices']));
    } elseif ((isset($spec['choices']) || !empty($spec['required'])) && $fields['detail'] === '') {
        $errors[] = sprintf($cy ? 'Mae angen “%s” ar gyfer y digwyddiad hwn.' : '“%s” is required for this event.', t('detail'));
    } elseif (empty($spec['detail']) && $fields['detail'] !== '') {
        $errors[] = $cy ? 'Nid yw’r digwyddiad hwn yn cymryd manylion.' : 'This event takes no detail.';
    }
    if (!empty($spec['parent']) && $fields['parent'] === '') {
        $errors[] = sprintf($cy ? 'Mae angen “%s” ar gyfer y digwyddiad hwn.' : '“%s” is required for this event.', t('parent'));
    }
}
// the case as the page showed it
if (!preg_match('/^[0-9]{1,6}$/D', $fields['version'])) {
    $errors[] = $cy ? 'Mae fersiwn yr achos ar goll o’r ffurflen.' : 'The form does not say which version of the case it was made from.';
} elseif ($errors === [] && (int)$fields['version'] !== count($trail)) {
    $reject(409, [$cy ? 'Newidiodd yr achos ers dangos y dudalen: ail-lwythwch hi a gwiriwch cyn cofnodi eto.'
                      : 'The case changed since the page was shown: reload it and check before recording again.']);
}
if ($errors) {
    $reject(422, $errors);
}

// the library decides
$refusal = case_apply($case, $ctx, $event, $date, $actor, $role, $fields['parent'], $fields['detail'], $fields['note']);
if ($refusal !== null) {
    $reject(409, $refusal);
}
if (!case_store($row, $case, count($trail))) {
    $reject(409, [$cy ? 'Newidiodd yr achos ar yr un pryd: ail-lwythwch y dudalen a gwiriwch cyn cofnodi eto.'
                      : 'The case was changed at the same time: reload the page and check before recording again.']);
}
audit('case.event', $id, trim("$event {$fields['detail']}"));
header('Location: ' . ($to_queue ? url('queue.php', ['applied' => $event, 'pupil' => $id])
                                 : url('pupil.php', ['pupil' => $id, 'applied' => $event]) . '#case'), true, 303);
