<?php
/*
 * Cases: the library's \Ssat\CaseFile per pupil, stored as its JSON document; what can happen next with the
 * library's reasons; applying an event (the library's guards decide; the portal only checks who may
 * record it, see PORTAL_EVENT_ROLES); the sample packs of the demonstration.
 */
declare(strict_types=1);

/**
 * What an event's form asks besides date, who and note (case.h's table): a detail (with its choices
 * when the library fixes them) and a parent for the statutory events.
 */
const CASE_EVENT_FIELDS = [
    'letter_sent' => ['detail' => true, 'choices' => ['attendance_concern', 'meeting_invitation', 'warning',
                                                      'parenting_contract_offer', 'penalty_warning', 'other']],
    'meeting_held' => ['detail' => true, 'choices' => ['attended', 'not_attended']],
    'support_offered' => ['detail' => true],
    'plan_started' => ['detail' => true, 'choices' => ['psp', 'idp']],
    'plan_reviewed' => ['detail' => true, 'choices' => ['psp', 'idp']],
    'plan_ended' => ['detail' => true, 'choices' => ['psp', 'idp']],
    'referral_returned' => ['detail' => true, 'required' => true],
    'penalty_warning' => ['parent' => true],
    'notice_issued' => ['parent' => true, 'detail' => true, 'choices' => ['posted', 'hand']], // the service
    'notice_paid' => ['parent' => true],
    'notice_unpaid' => ['parent' => true],
    'notice_withdrawn' => ['parent' => true],
    'eso_considered' => ['parent' => true],
    'prosecution_considered' => ['parent' => true],
    'prosecution_started' => ['parent' => true, 'detail' => true, 'choices' => ['s444(1)', 's444(1A)']],
    'prosecution_concluded' => ['parent' => true, 'detail' => true, 'required' => true],
    'sao_issued' => ['parent' => true],
    'pupil_left' => ['detail' => true, 'choices' => ['left_compulsory_age', 'moved_authority', 'off_roll', 'ehe', 'other']],
    'closed' => ['detail' => true, 'choices' => ['improved', 'proceedings_concluded', 'other']],
];

/** Every case event id the library defines, in its order. */
function case_event_ids(): array
{
    return \Ssat\CaseFile::events();
}

/**
 * The pupil's case: loaded from its stored JSON, or a new one (monitoring). Its pupil record gets the
 * stored facts (date of birth, on roll), its referral pack the evidence held for the pupil (the packs
 * table), and the pack's check the facts that evidence establishes (R3, R4, R5), so that the guards see
 * what the pupil page shows.
 */
function case_load(PupilContext $ctx): \Ssat\CaseFile
{
    $id = $ctx->row['id'];
    $q = db()->prepare('SELECT json FROM cases WHERE pupil_id = ?');
    $q->execute([$id]);
    $json = $q->fetchColumn();
    $case = $json === false ? new \Ssat\CaseFile($id, $ctx->policy) : \Ssat\CaseFile::fromJson($json, $ctx->policy);
    $pupil = $case->pupil();
    if ($ctx->row['dob'] !== '') {
        $pupil->setDateOfBirth($ctx->row['dob']);
    }
    $pupil->setFact(\Ssat\PUPIL_ON_ROLL, \Ssat\FACT_YES);
    $pack = $case->pack();
    while ($pack->count() > 0) {
        $pack->remove($pack->count() - 1);
    }
    foreach (load_pack($id)->items() as $item) {
        $pack->add($item['kind'], $item['fields']);
    }
    $pack->check($ctx->policy, $ctx->register, $ctx->calendar, $pupil);
    return $case;
}

/** The trail as records {sequence, event, date, actor, role, parent_id, detail, note, state_before, state_after}. */
function case_trail(\Ssat\CaseFile $case): array
{
    return $case->trail();
}

/** The state's name in the page's language. */
function case_state_label(int $state): string
{
    // English gives the state's id ("school_concern"), Welsh its label ("pryder yr ysgol").
    return str_replace('_', ' ', \Ssat\caseStateName($state, ssat_lang_id()));
}

/**
 * Apply an event; null when applied, else the reasons it was refused (in the page's language).
 */
function case_apply(\Ssat\CaseFile $case, PupilContext $ctx, string $event, string $date, string $actor,
                    string $role, string $parent, string $detail, string $note): ?array
{
    try {
        $case->applyEvent($ctx->register, $ctx->calendar, null, $event, $date, $actor, $role,
                           $parent === '' ? null : $parent, $detail === '' ? null : $detail,
                           $note === '' ? null : $note);
        return null;
    } catch (\Ssat\StateException $e) {
        $reasons = [];
        foreach (($e->refusal['criteria'] ?? []) as $c) {
            if (($c['outcome'] ?? \Ssat\OUTCOME_NOT_MET) !== \Ssat\OUTCOME_MET) {
                $reasons[] = message($c);
            }
        }
        return $reasons ?: [$e->getMessage()];
    } catch (\Ssat\InvalidArgumentException | \Ssat\NotFoundException $e) {
        return [$e->getMessage()];
    }
}

/**
 * Store the case (its JSON) if the stored one still has $expected events; false when it changed
 * meanwhile. One transaction, prepared statements. "referred" records that the SSAT may see the pupil.
 */
function case_store(array $pupil, \Ssat\CaseFile $case, int $expected): bool
{
    $id = $pupil['id'];
    $referred = (int)in_array('referral_submitted', array_column($case->trail(), 'event'), true);
    $pdo = db();
    $json = $case->toJson();
    $events = count($case->trail());
    $state = \Ssat\caseStateName($case->state(), \Ssat\LANG_EN);
    $pdo->exec('BEGIN IMMEDIATE');
    try {
        $q = $pdo->prepare('SELECT events FROM cases WHERE pupil_id = ?');
        $q->execute([$id]);
        $current = $q->fetchColumn();
        if (($current === false ? 0 : (int)$current) !== $expected) {
            $pdo->exec('ROLLBACK');
            return false;
        }
        $pdo->prepare('INSERT INTO cases (pupil_id, school_id, json, state, events, referred)'
                      . ' VALUES (:id, :school, :json, :state, :events, :referred)'
                      . ' ON CONFLICT (pupil_id) DO UPDATE SET json = excluded.json, state = excluded.state,'
                      . ' events = excluded.events, referred = excluded.referred')
            ->execute([':id' => $id, ':school' => $pupil['school_id'], ':json' => $json, ':state' => $state,
                       ':events' => $events, ':referred' => $referred]);
        $pdo->exec('COMMIT');
        return true;
    } catch (Throwable $e) {
        $pdo->exec('ROLLBACK');
        throw $e;
    }
}

/**
 * Everything the pupil page shows of the case: state, trail, and for each event whether it is possible
 * on the default date (the as-of date, or the last event's date when later) with the library's reason.
 */
function case_view(PupilContext $ctx): array
{
    $case = case_load($ctx);
    $trail = case_trail($case);
    $date = $ctx->as_of;
    if ($trail && strcmp(end($trail)['date'], $date) > 0) {
        $date = end($trail)['date'];
    }
    $next = [];
    foreach ($case->next($ctx->register, $ctx->calendar, $date, null)->criteria() as $c) {
        $event = preg_replace('/^case\.event\./', '', $c['id']);
        $reason = message($c);
        // The library's message starts with the event's name in the page's language: "Concern raised: ...".
        $label = preg_match('/^([^:]{1,80}): /u', $reason, $m) ? $m[1] : event_label($event);
        // ... then "possible on DATE" or "not possible on DATE: why".
        $why = preg_match('/^[^:]{1,80}: [^:]+: (.+)$/su', $reason, $m) ? $m[1] : $reason;
        $next[] = ['event' => $event, 'label' => $label, 'possible' => $c['outcome'] === \Ssat\OUTCOME_MET,
                   'reason' => $reason, 'why' => $why];
    }
    return [
        'state' => $case->state(),
        'trail' => $trail,
        'next' => $next,
        'labels' => array_column($next, 'label', 'event'),
        'date' => $date,
    ];
}

/** The case section of the pupil page. */
function render_case(array $view, string $id, array $user): void
{
    $token = csrf_token();
    $applied = $_GET['applied'] ?? null;
    echo '<section class="case" id="case">', "\n<h2>", h(t('case')), "</h2>\n";
    if (is_string($applied) && in_array($applied, case_event_ids(), true)) {
        echo '<p class="success" id="applied" role="status">',
             h(t('applied', $view['labels'][$applied] ?? event_label($applied), case_state_label($view['state']))), "</p>\n";
    }
    echo '<p>', h(t('case.state')), ': <span class="state" id="case-state" data-state="',
         h(\Ssat\caseStateName($view['state'], \Ssat\LANG_EN)), '">', h(case_state_label($view['state'])), "</span></p>\n";

    echo '<h3>', h(t('case.trail')), "</h3>\n";
    if (!$view['trail']) {
        echo '<p id="no-trail">', h(t('case.no_trail')), "</p>\n";
    }
    echo '<table class="trail" id="trail"><thead><tr>';
    foreach (['seq', 'date', 'event', 'actor', 'role', 'parent', 'detail', 'note', 'change'] as $k) {
        echo '<th scope="col">', h(t($k)), '</th>';
    }
    echo "</tr></thead><tbody>\n";
    foreach ($view['trail'] as $e) {
        echo '<tr data-event="', h($e['event']), '"><td>', h($e['sequence']), '</td><td>', h($e['date']), '</td><td>', h($view['labels'][$e['event']] ?? event_label($e['event'])),
             '</td><td>', h($e['actor']), '</td><td>', h($e['role']), '</td><td>', h($e['parent_id']), '</td><td>',
             h($e['detail']), '</td><td class="note">', nl2br(h($e['note'])), '</td><td>',
             h(case_state_label($e['state_before'])), ' → ', h(case_state_label($e['state_after'])), "</td></tr>\n";
    }
    echo "</tbody></table>\n";

    echo '<h3>', h(t('case.next', $view['date'])), "</h3>\n<div class=\"events\">\n";
    foreach ($view['next'] as $n) {
        if (!$n['possible'] || !may_record($user, $n['event'])) {
            continue;
        }
        $spec = CASE_EVENT_FIELDS[$n['event']] ?? [];
        echo '<form class="event" method="post" action="apply.php" data-event="', h($n['event']), '">',
             '<h4>', h($n['label']), '</h4>',
             '<input type="hidden" name="csrf" value="', h($token), '">',
             '<input type="hidden" name="pupil" value="', h($id), '">',
             '<input type="hidden" name="event" value="', h($n['event']), '">',
             '<input type="hidden" name="version" value="', h(count($view['trail'])), '">',
             '<input type="hidden" name="lang" value="', h(lang()), '">',
             // ISO dates, as everywhere in the portal (a date picker would show the browser's locale's order)
             '<label>', h(t('date')), ' <input type="text" name="date" required value="', h($view['date']), '"',
             ' inputmode="numeric" pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}" placeholder="YYYY-MM-DD" maxlength="10"',
             ' title="YYYY-MM-DD"></label>';
        if (!empty($spec['parent'])) {
            echo '<label>', h(t('parent')), ' <input type="text" name="parent" required maxlength="64"></label>';
        }
        if ($n['event'] === 'referral_submitted') {
            echo '<p class="hint">', h(t('case.submit_hint')), '</p>';
        }
        if (!empty($spec['detail'])) {
            if (isset($spec['choices'])) {
                echo '<label>', h(t('detail')), ' <select name="detail" required>';
                foreach ($spec['choices'] as $c) {
                    echo '<option value="', h($c), '">', h($c), '</option>';
                }
                echo '</select></label>';
            } else {
                echo '<label>', h(t('detail')), ' <input type="text" name="detail" maxlength="200"',
                     !empty($spec['required']) ? ' required' : '', '></label>';
            }
        }
        echo '<label>', h(t('note')), ' <textarea name="note" maxlength="2000" rows="1"></textarea></label>',
             '<button type="submit">', h(t('case.record')), "</button></form>\n";
    }
    echo "</div>\n";
    // Possible now, but recorded by the other organisation (PORTAL_EVENT_ROLES).
    $others = array_filter($view['next'], static fn($n) => $n['possible'] && !may_record($user, $n['event']));
    if ($others) {
        echo '<p class="hint" id="others">', h(t($user['role'] === 'staff' ? 'case.for_ssat' : 'case.for_school',
                                                  implode(', ', array_column($others, 'label')))), "</p>\n";
    }

    echo '<h3>', h(t('case.not_now', $view['date'])), "</h3>\n<ul class=\"impossible\" id=\"impossible\">\n";
    foreach ($view['next'] as $n) {
        if ($n['possible']) {
            continue;
        }
        echo '<li data-event="', h($n['event']), '"><button type="button" class="disabled-event" disabled>', h($n['label']),
             '</button> <span class="reason" lang="', h(lang()), '" title="', h($n['reason']), '">', h($n['why']),
             "</span></li>\n";
    }
    echo "</ul>\n";

    echo "</section>\n";
}

/** An event id as a label: "concern_raised" -> "concern raised". */
function event_label(string $event): string
{
    return str_replace('_', ' ', $event);
}


/** Whether a referral was ever submitted for the pupil (the SSAT may then see the pupil). */
function case_was_referred(string $pupil_id): bool
{
    $q = db()->prepare('SELECT referred FROM cases WHERE pupil_id = ?');
    $q->execute([$pupil_id]);
    return (int)$q->fetchColumn() === 1;
}

/** The pupil's referral pack from the database (an empty pack when none is held). */
function load_pack(string $id): \Ssat\Pack
{
    $q = db()->prepare('SELECT json FROM packs WHERE pupil_id = ?');
    $q->execute([$id]);
    $json = $q->fetchColumn();
    return $json === false ? new \Ssat\Pack() : \Ssat\Pack::fromJson($json);
}

/** The pupil's attendance certificate for the school year to date ($signatory: name and role, when signed). */
function certificate(PupilContext $ctx, array $signatory = []): \Ssat\Certificate
{
    return new \Ssat\Certificate($ctx->register, $ctx->calendar, $ctx->window, [
        'pupil_id' => $ctx->row['id'],
        'pupil_name' => $ctx->row['name'],
        'school' => $ctx->school['name'],
        'issue_date' => $ctx->as_of,
    ] + $signatory);
}

/**
 * The demonstration's evidence, built with the library (bin/setup.php): P00001's pack is complete (a
 * concern, a letter, a meeting, support offered, the signed referral form and the certificate), so a
 * referral can be submitted once the case is under way; P00002's has the concern only, so its page
 * shows what is missing. An existing pack is left alone.
 */
function seed_sample_packs(): void
{
    foreach (['P00001' => true, 'P00002' => false] as $id => $full) {
        $row = pupil_row_stored($id);
        if ($row === null) {
            continue;
        }
        $ctx = new PupilContext($row);
        $pack = new \Ssat\Pack();
        $pack->add('concern', ['date' => '2024-09-20', 'raised_by' => 'Form tutor',
                               'summary' => 'Attendance below 90 % since the start of term']);
        if ($full) {
            $pack->add('letter', ['date_sent' => '2024-10-04', 'type' => 'meeting_invitation',
                                  'addressee' => 'Parent of ' . $row['name'], 'delivery' => 'post',
                                  'reference' => 'ATT/2024/021']);
            $pack->add('meeting', ['invitation_date' => '2024-10-04', 'held' => 'yes', 'date' => '2024-10-11',
                                   'time' => '09:30', 'attendees' => 'Parent; head of year', 'parent_attended' => 'yes',
                                   'outcome' => 'Morning routine is the difficulty; school nurse referral agreed.']);
            $pack->add('support', ['date' => '2024-10-11', 'kind' => 'Referral to the school nurse',
                                   'response' => 'accepted']);
            $pack->add('form', ['referral_date' => $ctx->as_of, 'pupil_id' => $id, 'pupil_name' => $row['name'],
                                'date_of_birth' => $row['dob'], 'year_group' => $row['year_group'],
                                'parent_name' => 'Parent of ' . $row['name'], 'parent_contact' => 'post',
                                'reasons' => 'Attendance at or below 85 % with unauthorised absence despite support.',
                                'referrer_name' => 'Head of year', 'referrer_role' => 'Head of year',
                                'head_teacher_name' => 'Head teacher', 'head_teacher_signed' => 'yes',
                                'signed_date' => $ctx->as_of]);
            certificate($ctx, ['signatory_name' => 'Mrs E. Hughes', 'signatory_role' => 'Head teacher'])->toPack($pack);
        }
        db()->prepare('INSERT INTO packs (pupil_id, json) VALUES (?, ?) ON CONFLICT (pupil_id) DO NOTHING')
            ->execute([$id, $pack->toJson()]);
    }
}

/** The SSAT's last decision on the referral, as the school sees it (returned with reasons, or accepted). */
function render_referral_outcome(array $view): void
{
    foreach (array_reverse($view['trail']) as $e) {
        if ($e['event'] === 'referral_returned') {
            echo '<p class="notice" id="referral-outcome" data-outcome="returned" role="status">',
                 h(t('outcome.returned', $e['detail'])), "</p>\n";
            return;
        }
        if ($e['event'] === 'referral_accepted') {
            echo '<p class="success" id="referral-outcome" data-outcome="accepted" role="status">',
                 h(t('outcome.accepted', $e['date'])), "</p>\n";
            return;
        }
        if ($e['event'] === 'referral_submitted') {
            return; // waiting for the SSAT: the state says so
        }
    }
}

/**
 * The latest penalty notice and the day the parent receives it, where the case recorded how it was served
 * (notice_issued's detail "posted" or "hand"): the payment periods run from receipt, which the library
 * computes (\Ssat\penaltyReceived: a posted notice is deemed received the policy's working days later).
 */
function render_notice_receipt(array $view, \Ssat\Policy $policy): void
{
    foreach (array_reverse($view['trail']) as $e) {
        if ($e['event'] !== 'notice_issued') {
            continue;
        }
        $method = ['posted' => \Ssat\SERVICE_POST, 'hand' => \Ssat\SERVICE_HAND][$e['detail'] ?? ''] ?? null;
        if ($method === null) {
            return; // served how is not recorded: no receipt date to give
        }
        $received = \Ssat\penaltyReceived($policy, $e['date'], $method);
        echo '<p class="notice" id="notice-receipt" data-service="', h($e['detail']), '" data-received="', h($received),
             '" role="status">', h(t('notice.' . $e['detail'], \Ssat\dateFormatLong($e['date'], ssat_lang_id()),
             $e['parent_id'], \Ssat\dateFormatLong($received, ssat_lang_id()))), "</p>\n";
        return;
    }
}

/** A stored state id ("school_concern") in the page's language. */
function case_state_label_id(string $state): string
{
    for ($i = \Ssat\CASE_MONITORING; $i <= \Ssat\CASE_CLOSED; $i++) {
        if (\Ssat\caseStateName($i, \Ssat\LANG_EN) === $state) {
            return case_state_label($i);
        }
    }
    return $state;
}
