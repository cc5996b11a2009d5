<?php
// Cases (ssat/case.h) through SsatCase: a realistic walk (concern, letters, meeting, support, referral
// submitted with the register), refusals carrying their decision record (Welsh reasons), next(), the
// trail, replay, JSON round trips, due work, lifetimes of the case's pupil record and pack.
require __DIR__ . '/support.php';

function fixture_calendar(): SsatCalendar
{
    $cal = new SsatCalendar(2024);
    $cal->clearTerms();
    $cal->addTerm('autumn', '2024-09-02', '2024-12-20');
    $cal->addTerm('spring', '2025-01-06', '2025-04-11');
    $cal->addTerm('summer', '2025-04-28', '2025-07-18');
    $cal->addClosure('2024-10-28', '2024-11-01');
    return $cal;
}

/** A register filled school day by school day from 2024-09-02 with $marks (one per session). */
function fixture_register(SsatCalendar $cal, string $marks): SsatRegister
{
    $wide = '';
    $day = new DateTimeImmutable('2024-09-02');
    for ($i = 0; $i < strlen($marks); $day = $day->modify('+1 day')) {
        if ((int)$day->format('N') > 5) {
            continue;
        }
        if ($cal->isSchoolDay($day->format('Y-m-d'))) {
            $wide .= str_pad(substr($marks, $i, 2), 2, '.');
            $i += 2;
        } else {
            $wide .= '..';
        }
    }
    $reg = new SsatRegister(SsatCodeSet::builtin('wales-2010'));
    $reg->addMarks('2024-09-02', $wide);
    return $reg;
}

function new_case(SsatPolicy $policy): SsatCase
{
    $case = new SsatCase('P1', $policy);
    $pupil = $case->pupil();
    $pupil->setDateOfBirth('2012-05-01');
    foreach ([SSAT_PUPIL_ON_ROLL, SSAT_PUPIL_CAUSE_EXPLORED, SSAT_PUPIL_SUPPORT_OFFERED, SSAT_PUPIL_PARENTS_INVITED,
              SSAT_PUPIL_EVIDENCE_COMPLETE, SSAT_PUPIL_PROCEDURES_FOLLOWED] as $fact) {
        $pupil->setFact($fact, SSAT_FACT_YES);
    }
    return $case;
}

function act(SsatCase $case, string $event, string $date, ?SsatRegister $reg = null, ?SsatCalendar $cal = null,
             ?string $parent = null, ?string $detail = null, ?string $note = null): array
{
    return $case->apply($reg, $cal, $event, $date, 'Ms Jones', 'attendance officer', $parent, $detail, $note);
}

/** An event that must be refused by $guard; the case is unchanged. Returns the exception. */
function refused(SsatCase $case, string $event, string $date, string $guard, ?SsatRegister $reg = null,
                 ?SsatCalendar $cal = null, ?string $parent = null, ?string $detail = null): SsatStateException
{
    $before = $case->toJson();
    $e = check_throws('SsatStateException', fn() => act($case, $event, $date, $reg, $cal, $parent, $detail), $guard);
    $r = $e->refusal;
    check(is_array($r), 'refusal record');
    check_same(['case', SSAT_OUTCOME_NOT_MET], [$r['kind'], $r['outcome']], 'refusal kind and outcome');
    $ids = array_column($r['criteria'], 'id');
    check(in_array($guard, $ids, true), "$guard listed");
    foreach ($r['criteria'] as $c) {
        check(in_array($c['id'], \Ssat\criterionIds(), true), "{$c['id']} is a criterion id");
        check($c['message_en'] !== '' && $c['message_cy'] !== '' && $c['message_en'] !== $c['message_cy'], 'bilingual');
    }
    check_same($before, $case->toJson(), "$event refused: the case is unchanged");
    return $e;
}

function guard(array $refusal, string $id): array
{
    foreach ($refusal['criteria'] as $c) {
        if ($c['id'] === $id) {
            return $c;
        }
    }
    assert(false, "no guard $id");
}

function school_work(SsatCase $case): void
{
    check_same(SSAT_CASE_SCHOOL_CONCERN, act($case, 'concern_raised', '2024-09-20')['state_after'], 'concern');
    act($case, 'letter_sent', '2024-09-23', null, null, null, 'attendance_concern');
    check_same(SSAT_CASE_ENGAGEMENT, $case->state(), 'engagement');
    act($case, 'letter_sent', '2024-09-25', null, null, '', 'meeting_invitation');
    act($case, 'meeting_held', '2024-10-01', null, null, null, 'attended', "Attendance plan agreed.\nReview in May.");
    act($case, 'support_offered', '2024-10-02', null, null, null, 'mentoring');
}

function fill_pack(SsatCase $case, SsatRegister $reg, SsatCalendar $cal, string $date): void
{
    $pack = $case->pack();
    $pack->add('concern', ['date' => '2024-09-20', 'raised_by' => 'Head of Year 8',
                           'summary' => 'Attendance has fallen below 90 %']);
    $pack->add('letter', ['date_sent' => '2024-09-23', 'type' => 'attendance_concern', 'addressee' => 'Mrs Evans',
                          'delivery' => 'post', 'reference' => 'L/2024/031']);
    $pack->add('letter', ['date_sent' => '2024-09-25', 'type' => 'meeting_invitation', 'addressee' => 'Mrs Evans',
                          'delivery' => 'email', 'reference' => 'L/2024/034']);
    $pack->add('meeting', ['invitation_date' => '2024-09-25', 'held' => true, 'date' => '2024-10-01',
                           'time' => '09:30', 'parent_attended' => true, 'outcome' => 'Attendance plan agreed']);
    $pack->add('support', ['date' => '2024-10-02', 'kind' => 'mentoring', 'response' => 'accepted']);
    $pack->add('form', ['referral_date' => $date, 'pupil_id' => 'P1', 'pupil_name' => 'Dylan Evans',
                        'date_of_birth' => '2012-05-01', 'parent_name' => 'Mrs Evans',
                        'reasons' => 'Attendance 80 %, 20 unauthorised sessions', 'referrer_name' => 'Ms Jones',
                        'referrer_role' => 'Attendance officer', 'head_teacher_name' => 'Mr Price',
                        'head_teacher_signed' => true, 'signed_date' => $date]);
    $end = min($reg->span()['last_date'], $date);
    $cert = new SsatCertificate($reg, $cal, \Ssat\windowRange('2024-09-02', $end), [
        'pupil_id' => 'P1', 'pupil_name' => 'Dylan Evans', 'school' => 'Ysgol Bro Myrddin', 'issue_date' => $end,
        'signatory_name' => 'Mr Price', 'signatory_role' => 'Head teacher']);
    $cert->toPack($pack);
    check_same([], $pack->check($case->policy(), $reg, $cal), 'the pack is complete');
}

$policy = SsatPolicy::builtin('carmarthenshire');
$cal = fixture_calendar();
$poor = fixture_register($cal, str_repeat('/', 80) . str_repeat('O', 20));
check_same('2024-11-15', $poor->span()['last_date'], 'register to 2024-11-15');

// ---- the walk: concern, letters, meeting, support, referral with the register, FEW, closure --------
$case = new_case($policy);
check_same([SSAT_CASE_MONITORING, SSAT_CONTRACT_NONE, 0, 'P1'], [$case->state(), $case->contract(),
           $case->trailCount(), $case->pupilId()], 'a new case');
school_work($case);
act($case, 'plan_started', '2024-10-07', null, null, null, 'psp');
check($case->planActive('psp') && !$case->planActive('idp'), 'PSP active');
fill_pack($case, $poor, $cal, '2024-11-15');
$e = act($case, 'referral_submitted', '2024-11-15', $poor, $cal);
check_same(SSAT_CASE_REFERRED, $case->state(), 'referred');
check(str_contains($e['guard_values'], 'referral=met; referral.r1.attendance=met 80/100; referral.r2.unauthorised=met 20'),
      'guard values of the referral');
check(str_contains($e['guard_values'], 'evidence.errors=0'), 'evidence checked');
act($case, 'referral_accepted', '2024-11-22');
act($case, 'few_contact', '2024-11-25');
check_same(SSAT_CASE_FEW_ENGAGED, $case->state(), 'FEW engaged');
$x = refused($case, 'closed', '2025-02-03', 'case.guard.improved', null, null, null, 'improved');
check(guard($x->refusal, 'case.guard.improved')['message_cy'] !== '', 'Welsh reason');
act($case, 'attendance_improved', '2025-02-03');
act($case, 'plan_ended', '2025-02-03', null, null, null, 'psp');
act($case, 'closed', '2025-02-10', null, null, null, 'improved');
check_same(SSAT_CASE_CLOSED, $case->state(), 'closed');
refused($case, 'concern_raised', '2025-03-01', 'case.guard.state');
$trail = $case->trail();
check_same(12, count($trail), 'trail length');
check_same(range(1, 12), array_column($trail, 'sequence'), 'sequences');
$last = $trail[11];
check_same(['closed', 'improved', SSAT_CASE_FEW_ENGAGED, SSAT_CASE_CLOSED, '2025-02-10'],
           [$last['event'], $last['detail'], $last['state_before'], $last['state_after'], $last['date']], 'last entry');
check_same("Attendance plan agreed.\nReview in May.", $trail[3]['note'], 'note with a line break');
check_same($trail[5], $case->trailAt(5), 'trail_at');
check_throws('SsatRangeException', fn() => $case->trailAt(12));
check_same(['sequence', 'event', 'date', 'actor', 'role', 'parent_id', 'detail', 'note', 'state_before', 'state_after',
            'guard_values', 'hash', 'voided_by'], array_keys($trail[0]), 'trail record keys');

// Replay and JSON round trip.
check($case->replay()->equals($case), 'replay');
$json = $case->toJson();
$doc = json_decode($json, true);
check_same(['ssat-case', 'carmarthenshire', 'closed'], [$doc['format'], $doc['policy'], $doc['state']['state']], 'document');
$loaded = SsatCase::fromJson($json, $policy);
check($loaded->equals($case), 'loaded == saved');
check_same($json, $loaded->toJson(), 'saved again: same text');
$doc['trail'][2]['date'] = '2024-13-01';
check_throws('SsatParseException', fn() => SsatCase::fromJson(json_encode($doc), $policy), 'trail[2].date');
check_throws('SsatParseException', fn() => SsatCase::fromJson(substr($json, 0, -20), $policy));
check_throws('SsatStateException', fn() => SsatCase::fromJson($json, SsatPolicy::builtin('wales')));

// ---- refusals with the register: the referral guard, in Welsh ------------------------------------
$full = fixture_register($cal, str_repeat('/', 100));
$c2 = new_case($policy);
school_work($c2);
fill_pack($c2, $full, $cal, '2024-11-15');
$x = refused($c2, 'referral_submitted', '2024-11-15', 'case.guard.referral', $full, $cal);
check(str_contains($x->getMessage(), 'referral.r1.attendance, referral.r2.unauthorised'), 'which criteria failed');
check(str_contains(guard($x->refusal, 'case.guard.referral')['message_cy'], 'Nid yw meini prawf atgyfeirio'),
      'Welsh reason of the referral guard');
check_same([], $x->problems, 'no problems on a refusal');
check_throws('SsatStateException', fn() => act($c2, 'referral_submitted', '2024-11-15', null, $cal), 'register');
check_throws('SsatStateException', fn() => act($c2, 'referral_submitted', '2024-11-15', $full, null), 'calendar');
check_same(SSAT_CASE_ENGAGEMENT, $c2->state(), 'still engagement');

// Statutory events: a warning and a notice for parent M1, a refusal in the improvement period.
// Unauthorised absence on 2024-11-21 continues after the warning of 2024-11-20 (a parent who complied
// is not fined).
$reg3 = fixture_register($cal, str_repeat('/', 80) . str_repeat('O', 20) . str_repeat('/', 6) . 'OO' . str_repeat('/', 42));
$c3 = new_case($policy);
school_work($c3);
fill_pack($c3, $reg3, $cal, '2024-11-15');
act($c3, 'referral_submitted', '2024-11-15', $reg3, $cal);
act($c3, 'referral_accepted', '2024-11-18');
act($c3, 'few_contact', '2024-11-19');
check_throws('SsatInvalidArgumentException', fn() => act($c3, 'penalty_warning', '2024-11-20', $reg3, $cal));
act($c3, 'penalty_warning', '2024-11-20', $reg3, $cal, 'M1');
$x = refused($c3, 'notice_issued', '2024-11-27', 'case.guard.penalty', $reg3, $cal, 'M1');
check(str_contains($x->getMessage(), 'penalty.guard.improvement_period'), 'improvement period');
// The parent's notices for siblings count towards the per-parent limit (issue 14 item e).
$siblings = new SsatParent('M1');
$siblings->add(SSAT_PARENT_NOTICE, 'P2', '2024-02-20', \Ssat\windowRange('2024-01-08', '2024-02-09'));
$siblings->add(SSAT_PARENT_NOTICE, 'P3', '2024-06-20', \Ssat\windowRange('2024-01-08', '2024-02-09'));
check_throws('SsatStateException', fn() => $c3->applyWithHistory($reg3, $cal, $siblings, 'notice_issued', '2024-12-12', 'Ms Jones', 'attendance officer', 'M1'));
$n = act($c3, 'notice_issued', '2024-12-12', $reg3, $cal, 'M1');
check(str_contains($n['guard_values'], 'notice.absence=2024-09-02 AM..2024-12-12 PM'), 'notice absence');
$due = $c3->overdue($cal, '2025-01-06');
check_same([['case.due.payment_early', SSAT_SEVERITY_WARNING, 'parents[M1].notices[0]', '2025-01-09']],
           array_map(fn($p) => [$p['id'], $p['severity'], $p['field'], $p['date']], $due), 'payment due soon');
act($c3, 'notice_paid', '2024-12-30', null, null, 'M1');
check_same([], $c3->overdue($cal, '2025-01-06'), 'nothing due once paid');
check(SsatCase::fromJson($c3->toJson(), $policy)->equals($c3), 'statutory case round trip');

// A posted notice (issue 14 item b): deemed received on Monday 2024-12-16; the 42 days run from then.
$cp = new_case($policy);
school_work($cp);
fill_pack($cp, $reg3, $cal, '2024-11-15');
act($cp, 'referral_submitted', '2024-11-15', $reg3, $cal);
act($cp, 'referral_accepted', '2024-11-18');
act($cp, 'few_contact', '2024-11-19');
act($cp, 'penalty_warning', '2024-11-20', $reg3, $cal, 'M1');
$n = act($cp, 'notice_issued', '2024-12-12', $reg3, $cal, 'M1', 'posted');
check_same('posted', $n['detail'], 'service recorded');
$x = refused($cp, 'notice_unpaid', '2025-01-27', 'case.guard.payment_period_over', null, null, 'M1');
$k = array_values(array_filter($x->refusal['criteria'], fn($c) => $c['id'] === 'case.guard.payment_period_over'))[0];
check(str_contains($k['message_en'], 'receipt of the notice on 16 December 2024'), 'message names the receipt');
$u = act($cp, 'notice_unpaid', '2025-01-28', null, null, 'M1');
check(str_contains($u['guard_values'], 'payment.received=2024-12-16 (posted)'), 'unpaid from receipt');
check(SsatCase::fromJson($cp->toJson(), $policy)->equals($cp), 'served notice round trip');

// ---- next() -------------------------------------------------------------------------------------
$c4 = new_case($policy);
$next = $c4->next($poor, $cal, '2024-09-20');
check($next instanceof SsatDecision, 'next gives an SsatDecision');
check_same('next', $next->kind(), 'kind next');
$crit = $next->criteria();
check_same(array_map(fn($e) => "case.event.$e", SsatCase::events()), array_column($crit, 'id'), 'one per event');
check_same(SSAT_OUTCOME_MET, $next->find('case.event.concern_raised')['outcome'], 'concern possible');
check_same(SSAT_OUTCOME_NOT_MET, $next->find('case.event.referral_accepted')['outcome'], 'accept not possible');
check(str_contains($next->find('case.event.referral_accepted')['message_en'], 'monitoring'), 'reason');
check_same(SSAT_OUTCOME_NOT_MET, $next->find('case.event.penalty_warning')['outcome'], 'statutory needs a parent');
check_same('next', $c4->next(null, null, '2024-09-20', 'M1')->kind(), 'next with a parent');
act($c4, 'concern_raised', '2024-09-20');
check_throws('SsatInvalidArgumentException', fn() => $c4->next(null, null, '2024-09-19'));

// ---- arguments, events, states ------------------------------------------------------------------
check_throws('SsatNotFoundException', fn() => act($c4, 'concern_rased', '2024-09-21'));
check_throws('SsatInvalidArgumentException', fn() => act($c4, 'letter_sent', '2024-09-19', null, null, null, 'warning'),
             'before');
check_throws('SsatInvalidArgumentException', fn() => $c4->apply(null, null, 'letter_sent', '2024-09-21', '', 'r', null,
                                                                 'warning'));
check_throws('SsatInvalidArgumentException', fn() => act($c4, 'letter_sent', '2024-09-21', null, null, null, 'a postcard'));
check_throws('SsatParseException', fn() => act($c4, 'letter_sent', '2024-09-31', null, null, null, 'warning'));
$e = check_throws('SsatNotFoundException', fn() => act($c4, 'nothing', '2024-09-21'));
check_same(null, $e->refusal, 'no refusal on other failures');
check_throws('SsatInvalidArgumentException', fn() => new SsatCase('', $policy));
check_same(30, \Ssat\caseEventCount(), 'event count (entry_voided the 30th)');
check_same('concern_raised', \Ssat\caseEventAt(0), 'first event');
check_same(null, \Ssat\caseEventAt(30), 'event out of range');
check_same(\Ssat\caseEventCount(), count(SsatCase::events()), 'events()');
check_same('school_concern', \Ssat\caseStateName(SSAT_CASE_SCHOOL_CONCERN, SSAT_LANG_EN), 'state id');
check_same('pryder yr ysgol', \Ssat\caseStateName(SSAT_CASE_SCHOOL_CONCERN, SSAT_LANG_CY), 'Welsh state');
check_throws('SsatInvalidArgumentException', fn() => \Ssat\caseStateName(99, SSAT_LANG_EN), 'state: 99');
act($c4, 'letter_sent', '2024-09-21', null, null, null, 'attendance_concern');
act($c4, 'contract_offered', '2024-09-22');
check_same(SSAT_CONTRACT_OFFERED, $c4->contract(), 'contract offered');
act($c4, 'plan_started', '2024-09-22', null, null, null, 'psp');
check_same(['case.due.plan_review'], array_column($c4->overdue(null, '2024-10-30'), 'id'), 'PSP review due');

// ---- the case's pupil record, pack and policy ---------------------------------------------------
$c5 = new SsatCase('P7', $policy);
$pupil = $c5->pupil();
$pack = $c5->pack();
$copy = $c5->policy();
$pupil->setFact(SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES);
$pack->add('concern', ['date' => '2024-09-20', 'raised_by' => 'Head of Year 8', 'summary' => 'Falling attendance']);
$json = $c5->toJson();
$c5 = null;
gc_collect_cycles();
check_same(SSAT_FACT_YES, $pupil->getFact(SSAT_PUPIL_ON_ROLL), 'pupil record after the case variable is gone');
check_same('P7', $pupil->id(), 'pupil id');
$pack->add('support', ['date' => '2024-10-02', 'kind' => 'mentoring', 'response' => 'accepted']);
check_same(2, $pack->count(), 'pack after the case variable is gone');
$c6 = SsatCase::fromJson($json, $policy);
check_same(SSAT_FACT_YES, $c6->pupil()->getFact(SSAT_PUPIL_ON_ROLL), 'facts saved with the case');
check_same(1, $c6->pack()->count(), 'pack saved with the case');
$copy->setInt('case.psp_review_days', 10);
check_same(42, $c6->policy()->getInt('case.psp_review_days'), 'policy() is a copy');
$pupil = $pack = null;
gc_collect_cycles();

// ---- the trail as evidence (issue 15 items 4-6): the hash chain, a key, voiding, dates ------------
$ev = new_case($policy);
$ev->apply(null, null, 'concern_raised', '2024-09-20', 'Ms Jones', 'Head of Year 8');
$ev->apply(null, null, 'letter_sent', '2024-09-23', 'Ms Jones', 'Head of Year 8', null, 'warning');
check_same($ev->trailAt(1)['hash'], $ev->chainHead(), 'the head is the last entry\'s hash');
check_same(64, strlen($ev->chainHead()), 'hex SHA-256');
check_same([false, 0], [$ev->chainKeyed(), $ev->chainMigrated()], 'unkeyed, nothing migrated');
$doc = json_decode($ev->toJson(), true);
$doc['trail'][1]['actor'] = 'Mr Forger';
check_throws('SsatStateException', fn() => SsatCase::fromJson(json_encode($doc), $policy),
             'the hash chain is broken at entry 2');
$key = str_repeat("\x01\x02", 16);
$k = SsatCase::newKeyed('P1', $policy, $key);
$k->apply(null, null, 'concern_raised', '2024-09-20', 'Ms Jones', 'Head of Year 8');
check($k->chainKeyed(), 'keyed');
check_throws('SsatStateException', fn() => SsatCase::fromJson($k->toJson(), $policy), 'keyed');
check_throws('SsatStateException', fn() => SsatCase::fromJsonKeyed($k->toJson(), $policy, str_repeat('x', 32)),
             'or the key is not the one');
check(SsatCase::fromJsonKeyed($k->toJson(), $policy, $key)->equals($k), 'loaded with its key');
check_throws('SsatInvalidArgumentException', fn() => SsatCase::newKeyed('P1', $policy, 'short'), '16 to 4096');
$e = $ev->apply(null, null, 'entry_voided', '2024-09-24', 'Mr Owen', 'Attendance officer', null, '2', 'Not sent');
check_same(['entry_voided', 3], [$e['event'], $ev->trailAt(1)['voided_by']], 'entry 2 voided by entry 3');
check_throws('SsatInvalidArgumentException',
             fn() => $ev->apply(null, null, 'letter_sent', '9999-12-31', 'Ms Jones', 'HoY', null, 'warning'),
             'the year 9999 is outside 1900..2199');

// ssat_case_apply_event (the event as a struct) and ssat_case_set_pack (issue 16).
$a = new_case($policy);
$b = new_case($policy);
$e = $a->applyEvent(null, null, null, 'concern_raised', '2024-09-20', 'Ms Jones', 'Head of Year 8');
check_same(['concern_raised', 1], [$e['event'], $e['sequence']], 'apply_event returns the entry');
$b->apply(null, null, 'concern_raised', '2024-09-20', 'Ms Jones', 'Head of Year 8'); // deprecated in C
check($a->equals($b), 'apply_event records what apply records');
check_throws('SsatInvalidArgumentException',
             fn() => $a->applyEvent(null, null, null, 'letter_sent', '2024-09-23', '', 'r', null, 'warning'),
             "ssat_case_apply_event: argument 'actor'");
check_throws('SsatStateException', fn() => $c3->applyEvent($reg3, $cal, $siblings, 'notice_issued', '2024-12-31',
                                                             'Ms Jones', 'attendance officer', 'M1'),
             'case.guard.penalty');
$held = $a->pack();
$pack = new SsatPack();
$pack->add('concern', ['date' => '2024-09-20', 'raised_by' => 'Head of Year 8', 'summary' => 'Below 90 %']);
$a->setPack($pack);
check($a->pack()->equals($pack) && $held->equals($pack), 'set_pack copies; a pack taken before shows it');
$pack->add('support', ['date' => '2024-10-02', 'kind' => 'mentoring', 'response' => 'accepted']);
check_same(1, $a->pack()->count(), "the caller's pack stays its own");
check(SsatCase::fromJson($a->toJson(), $policy)->equals($a), 'round trip with the set pack');

// ssat_case_load_json (issue 16): the built-in policy the document names, without giving it.
check(SsatCase::loadJson($a->toJson())->equals($a), 'load_json resolves the built-in policy');
check(SsatCase::loadJsonKeyed($k->toJson(), $key)->equals($k), 'load_json_keyed');
$doc = json_decode($a->toJson(), true);
$doc['policy'] = 'powys-2025';
check_throws('SsatNotFoundException', fn() => SsatCase::loadJson(json_encode($doc)), 'it is not built in');

// ssat_case_main_state and ssat_case_plan_is_active (issue 16).
$a->applyEvent(null, null, null, 'plan_started', '2024-09-21', 'Ms Jones', 'Head of Year 8', null, 'psp');
check_same([SSAT_CASE_SCHOOL_CONCERN, true, false], [$a->mainState(), $a->planIsActive(SSAT_CASE_PLAN_PSP),
           $a->planIsActive(SSAT_CASE_PLAN_IDP)], 'main state and plans by enum');

// The previous school year (ssat_case_event version 2): England's 10 school weeks on 25 September 2024
// reach back to 10 June (docs/rules.md's worked example). This year 5 O; the previous year's register 5
// O in those weeks: 10, met. Without it the limb is unknown and the notice refused.
[$eng, $ecal, $pcal] = england_two_years();
$ereg = new SsatRegister($eng);
$ereg->addMarks('2024-09-02', str_repeat('//', 15) . 'OOOOO.');
$prev = new SsatRegister($eng);
foreach ([['2024-06-10', 'AM'], ['2024-06-12', 'AM'], ['2024-07-15', 'AM'], ['2024-07-15', 'PM'],
          ['2024-07-19', 'PM']] as [$day, $half]) {
    $prev->addMark($day, $half, 'O');
}
$ec = new SsatCase('P1', SsatPolicy::builtin('england-2024'));
$ec->pupil()->setDateOfBirth('2012-05-01');
$ec->pupil()->setFact(SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES);
act($ec, 'concern_raised', '2024-09-02');
act($ec, 'letter_sent', '2024-09-02', null, null, null, 'attendance_concern');
act($ec, 'penalty_warning', '2024-09-02', null, null, 'M1');
$x = check_throws('SsatStateException', fn() => act($ec, 'notice_issued', '2024-09-25', $ereg, $ecal, 'M1'),
                  'case.guard.penalty');
check_same(SSAT_OUTCOME_UNKNOWN, guard($x->refusal, 'case.guard.penalty')['outcome'], 'limb unknown without the previous year');
check_same(SSAT_OUTCOME_NOT_MET, $ec->next($ereg, $ecal, '2024-09-25', 'M1')->find('case.event.notice_issued')['outcome'],
           'next: not possible without the previous year');
check_same(SSAT_OUTCOME_MET, $ec->next($ereg, $ecal, '2024-09-25', 'M1', $prev, $pcal)
                                 ->find('case.event.notice_issued')['outcome'], 'next: possible with it');
check_throws('SsatInvalidArgumentException', fn() => $ec->apply($ereg, $ecal, 'notice_issued', '2024-09-25', 'Ms Jones',
                                                                'attendance officer', 'M1', null, null, $prev),
             'previous_calendar');
$e = $ec->apply($ereg, $ecal, 'notice_issued', '2024-09-25', 'Ms Jones', 'attendance officer', 'M1', null, null, $prev,
                $pcal);
check_same(SSAT_CASE_STATUTORY, $e['state_after'], 'the notice is applied with the previous year');
check(str_contains($e['guard_values'], 'notice.absence=2024-06-10 AM..'), 'the window from 10 June 2024');
check(SsatCase::loadJson($ec->toJson())->equals($ec) && $ec->replay()->equals($ec), 'saves, loads and replays');

done();
