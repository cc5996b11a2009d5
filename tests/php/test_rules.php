<?php
// Policies, window kinds, pupils, parents, explained decisions, rules and projections from PHP.
require __DIR__ . '/support.php';

// ---- policies -------------------------------------------------------------------------------------
check_same(['carmarthenshire', 'wales', 'england-2024'], SsatPolicy::builtinNames(), 'built-in policies');
$p = SsatPolicy::builtin();
check_same('carmarthenshire', $p->name(), 'default policy');
$keys = SsatPolicy::keys();
check(count($keys) >= 32, 'keys');
check_same(['key', 'type', 'doc'], array_keys($keys[0]), 'key record');
check_same($keys[1], SsatPolicy::keyAt(1), 'key_at');
check_throws('SsatRangeException', fn() => SsatPolicy::keyAt(count($keys)));
check_throws('SsatNotFoundException', fn() => SsatPolicy::builtin('narnia'));
check_same([85, 1], $p->getPercent('referral.attendance.threshold'), 'threshold');
check_same(SSAT_CMP_LE, $p->getComparator('referral.attendance.comparator'), 'comparator');
check_same(10, $p->getInt('referral.unauthorised.min_sessions'), 'int');
check_same(false, $p->getBool('absence.severe.enabled'), 'bool');
check_same(['kind' => SSAT_WINDOW_TERM, 'n' => 0], $p->getWindow('penalty.limb.window'), 'window');
check_same('wales-2010', $p->getText('code_set'), 'text');
check_same('85', $p->getValueText('referral.attendance.threshold'), 'value text');

$q = $p->copy();
check($q->equals($p), 'copy equals');
$q->setName('sir-gâr');
$q->setPercent('referral.attendance.threshold', 875, 10);
$q->setComparator('referral.attendance.comparator', SSAT_CMP_LT);
$q->setInt('referral.unauthorised.min_sessions', 12);
$q->setBool('absence.severe.enabled', true);
$q->setWindow('penalty.limb.window', SSAT_WINDOW_LAST_WEEKS, 6);
$q->setText('code_set', 'wales-2010');
$q->setValueText('penalty.amount.early_pence', '7000');
check_same('87.5', $q->getValueText('referral.attendance.threshold'), 'set percent');
check_same('last_weeks:6', $q->getValueText('penalty.limb.window'), 'set window');
check_same(7000, $q->getInt('penalty.amount.early_pence'), 'set from text');
check(!$q->equals($p), 'changed');
check_throws('SsatRangeException', fn() => $q->setPercent('referral.attendance.threshold', 101));
check_throws('SsatInvalidArgumentException', fn() => $q->setPercent('referral.attendance.threshold', 100, 3));
check_throws('SsatNotFoundException', fn() => $q->getInt('no.such.key'), 'no.such.key');
check_throws('SsatInvalidArgumentException', fn() => $q->getInt('referral.attendance.threshold'));
check_throws('SsatParseException', fn() => $q->setValueText('referral.attendance.comparator', '=='));
$json = $q->toJson();
$doc = json_decode($json, true);
check_same('ssat-policy', $doc['format'], 'json format');
check_same('sir-gâr', $doc['name'], 'UTF-8 name in JSON');
check(SsatPolicy::fromJson($json)->equals($q), 'JSON round trip');
check_throws('SsatParseException', fn() => SsatPolicy::fromJson('{ not json'), 'line');
$mine = SsatPolicy::fromJson(json_encode(['format' => 'ssat-policy', 'format_version' => 1, 'name' => 'mine',
    'base' => 'wales', 'values' => ['referral' => ['attendance' => ['threshold' => '80']]]]));
check_same([80, 1], $mine->getPercent('referral.attendance.threshold'), 'document on a base');

// ---- window kinds ---------------------------------------------------------------------------------
check_same(['kind' => SSAT_WINDOW_LAST_WEEKS, 'n' => 10], \Ssat\windowKindParse('last_weeks:10'), 'parse kind');
check_same('last_sessions:20', \Ssat\windowKindFormat(SSAT_WINDOW_LAST_SESSIONS, 20), 'format kind');
check_same('term', \Ssat\windowKindFormat(SSAT_WINDOW_TERM), 'format term');
check_throws('SsatParseException', fn() => \Ssat\windowKindParse('fortnight'));
$cal = new SsatCalendar(2024);
check_same($cal->windowYearToDate('2025-03-14'), \Ssat\windowResolve(SSAT_WINDOW_YEAR_TO_DATE, 0, $cal, null, '2025-03-14'), 'resolve');
check_same($cal->windowLastWeeks('2025-03-14', 2), \Ssat\windowResolve(SSAT_WINDOW_LAST_WEEKS, 2, $cal, null, '2025-03-14'), 'resolve weeks');
check_throws('SsatInvalidArgumentException', fn() => \Ssat\windowResolve(SSAT_WINDOW_LAST_SESSIONS, 4, $cal, null, '2025-03-14'));

// ---- pupils and parents ---------------------------------------------------------------------------
$pupil = new SsatPupil('P1');
check_same('P1', $pupil->id(), 'pupil id');
check_throws('SsatNotFoundException', fn() => $pupil->dateOfBirth());
$pupil->setDateOfBirth('2013-02-11');
check_same('2013-02-11', $pupil->dateOfBirth(), 'date of birth');
check_same(SSAT_FACT_UNKNOWN, $pupil->getFact(SSAT_PUPIL_ON_ROLL), 'unknown fact');
foreach ([SSAT_PUPIL_ON_ROLL, SSAT_PUPIL_CAUSE_EXPLORED, SSAT_PUPIL_SUPPORT_OFFERED, SSAT_PUPIL_PARENTS_INVITED,
          SSAT_PUPIL_EVIDENCE_COMPLETE, SSAT_PUPIL_PROCEDURES_FOLLOWED] as $fact) {
    $pupil->setFact($fact, SSAT_FACT_YES);
}
check_same(SSAT_FACT_YES, $pupil->getFact(SSAT_PUPIL_ON_ROLL), 'fact set');
check_throws('SsatInvalidArgumentException', fn() => $pupil->setFact(99, SSAT_FACT_YES));
check_same(['first' => '2018-03-31', 'last' => '2029-06-29'], \Ssat\compulsorySchoolAge('2013-02-11'), 'compulsory age');
check(\Ssat\isCompulsorySchoolAge('2013-02-11', '2025-03-14'), 'of compulsory age');
check(!\Ssat\isCompulsorySchoolAge('2013-02-11', '2018-03-30'), 'not yet');

$parent = new SsatParent('M1');
check_same('M1', $parent->id(), 'parent id');
$parent->add(SSAT_PARENT_WARNING, 'P1', '2024-09-02');
$parent->add(SSAT_PARENT_NOTICE, 'P2', '2024-11-01', \Ssat\windowRange('2024-09-02', '2024-10-31'));
check_same(2, $parent->count(), 'history');
check_same(['kind' => SSAT_PARENT_WARNING, 'pupil_id' => 'P1', 'date' => '2024-09-02', 'absence' => null], $parent->at(0), 'warning');
check_same('2024-10-31', $parent->entries()[1]['absence']['last_date'], 'notice absence');
check_throws('SsatRangeException', fn() => $parent->at(2));
check_throws('SsatInvalidArgumentException', fn() => $parent->add(SSAT_PARENT_NOTICE, 'P1', '2024-11-01'));

// ---- decisions ------------------------------------------------------------------------------------
$wales = SsatCodeSet::builtin('wales-2010');
$reg = new SsatRegister($wales);
$reg->addMarks('2024-09-02', str_repeat('/', 323) . str_repeat('O', 57));
$as_of = $reg->span()['last_date'];
$d = \Ssat\referralEvaluate($p, $reg, $cal, $pupil, $as_of);
check($d instanceof SsatDecision, 'a decision object');
check_same('referral', $d->kind(), 'kind');
check_same(SSAT_OUTCOME_MET, $d->outcome(), 'referral met at exactly 85 %');
$rec = $d->record();
check_same(['kind', 'outcome', 'criteria', 'earliest_date'], array_keys($rec), 'decision record');
check_same($d->count(), count($rec['criteria']), 'criteria');
check_same($rec['criteria'], $d->criteria(), 'criteria() is the list of criterion records');
check_same('referral.r1.attendance', $d->criteria()[0]['id'], 'criteria() in order');
$r1 = $d->find('referral.r1.attendance');
check_same([323, 380, 85, 1, SSAT_CMP_LE, SSAT_MEASURE_PERCENT], [$r1['value'], $r1['whole'], $r1['threshold'],
           $r1['threshold_den'], $r1['comparator'], $r1['measure']], 'R1 values');
check(str_contains($r1['message_cy'], 'presenoldeb'), 'Welsh explanation');
// Welsh then English on the next line, as bilingual documents have them (SSAT_LANG_CY_EN)
check_same($r1['message_cy'] . "\n" . $r1['message_en'], $r1['message_cy_en'], 'bilingual explanation');
check(str_starts_with($r1['message_cy_en'], 'Rhwng '), 'the period first in Welsh');
check_same($r1, $d->at(0), 'at');
check_throws(\Ssat\RangeException::class, fn() => $d->at(99), 'criterion 99 does not exist');
check_same(null, $d->earliestDate(), 'no projection for a referral');
check_throws('SsatNotFoundException', fn() => $d->find('referral.r9'));
$unknown = \Ssat\referralEvaluate($p, $reg, $cal, null, $as_of);
check_same(SSAT_OUTCOME_UNKNOWN, $unknown->outcome(), 'unknown facts');
check(str_contains($unknown->find('referral.r6.compulsory_age')['missing'], 'birth'), 'what is missing');
check_same("wedi'i fodloni", \Ssat\outcomeName(SSAT_OUTCOME_MET, SSAT_LANG_CY), 'Welsh outcome');
$ids = \Ssat\criterionIds();
check_same(\Ssat\criterionIdCount(), count($ids), 'criterion ids');
check_same($ids[0], \Ssat\criterionIdAt(0), 'criterion id at');
check_same(array_column($rec['criteria'], 'id'), array_values(array_filter($ids, fn($i) => str_starts_with($i, 'referral.'))),
           'referral criteria in order');

$a = \Ssat\absenceEvaluate($p, $reg, $cal, $as_of);
check_same(['absence', SSAT_OUTCOME_MET], [$a->kind(), $a->outcome()], 'persistently absent (15 %)');

// Example 4 from PHP: 10 G in the autumn term, year to date 83.3 %, warned: eligible.
$greg = new SsatRegister($wales);
$greg->addMarks('2024-09-02', str_repeat('/', 50) . str_repeat('G', 10));
// The warning's improvement period (to 2024-09-23) had no unauthorised absence: by default the parent
// complied (issue 14 item a); with the period's time alone (policy 0) the notice is possible.
$complied = \Ssat\penaltyEvaluate($p, $greg, $cal, $pupil, $parent, '2024-10-11');
check_same(SSAT_OUTCOME_NOT_MET, $complied->find('penalty.guard.improvement_period')['outcome'], 'parent complied');
$p0 = $p->copy();
$p0->setInt('penalty.warning.improvement_min_unauthorised', 0);
$pen = \Ssat\penaltyEvaluate($p0, $greg, $cal, $pupil, $parent, '2024-10-11');
check_same(['penalty', SSAT_OUTCOME_MET], [$pen->kind(), $pen->outcome()], 'penalty eligible');
check_same(SSAT_OUTCOME_MET, $pen->find('penalty.limb.holiday')['outcome'], 'holiday limb');
check_same(SSAT_OUTCOME_UNKNOWN, \Ssat\penaltyEvaluate($p, $greg, $cal, null, null, '2024-10-11')->outcome(), 'unknown parent');
check_throws('SsatStateException', fn() => \Ssat\referralEvaluate($p, new SsatRegister(SsatCodeSet::builtin('england-2024')), $cal, null, $as_of));

// A warning of 10 July 2024, before 1 August: its improvement period (11..19 July, then 2..11 September)
// needs the previous school year's calendar and register; the 'O' of 15 July continued the absence.
$sept = new \Ssat\Register($wales);
$sept->addMarks('2024-09-02', str_repeat('/', 16));
$july = new \Ssat\ParentRecord('M1');
$july->add(\Ssat\PARENT_WARNING, 'P1', '2024-07-10');
[, $this_year, $last_year] = england_two_years();
$previous = new \Ssat\Register($wales);
$previous->addMark('2024-07-15', 'PM', 'O');
$period = fn(?\Ssat\Decision $d) => $d->find('penalty.guard.improvement_period');
$alone = $period(\Ssat\penaltyEvaluate($p, $sept, $this_year, $pupil, $july, '2024-09-11'));
check_same([SSAT_OUTCOME_UNKNOWN, "the previous school year's register and calendar"], [$alone['outcome'], $alone['missing']],
           'improvement period before 1 August, alone');
$years = $period(\Ssat\penaltyEvaluateYears($p, $sept, $this_year, $pupil, $july, '2024-09-11',
                                            previousRegister: $previous, previousCalendar: $last_year));
check_same([SSAT_OUTCOME_MET, 15], [$years['outcome'], $years['value']], 'improvement period across 1 August');
check_throws('Ssat\\InvalidArgumentException', fn() => \Ssat\penaltyEvaluateYears($p, $sept, $this_year, $pupil, $july,
             '2024-09-11', $previous, null), "'previous_calendar' is NULL");

// The prepared evaluation and how criteria combine (the library's answer, not the caller's).
$ev = new SsatEvaluation($p, $cal, '2024-10-11');
check_same('2024-10-11', $ev->asOf(), 'evaluation as of');
$rd = $ev->registerCriteria($greg);
check_same(['register', SSAT_OUTCOME_UNKNOWN], [$rd->kind(), $rd->outcome()], 'register decision');
check_same($pen->find('penalty.limb.holiday'), $rd->find('penalty.limb.holiday'), 'same criterion as the rule');
check_same(SSAT_OUTCOME_MET, $rd->answer(SSAT_QUESTION_PENALTY_ATTENDANCE), 'any limb and the year to date');
check_same(SSAT_OUTCOME_MET, $pen->answer(SSAT_QUESTION_PENALTY_ATTENDANCE), 'penalty decision answers too');
check_same(SSAT_OUTCOME_UNKNOWN, $pen->answer(SSAT_QUESTION_REFERRAL_REGISTER), 'not in a penalty decision');
check_same(SSAT_OUTCOME_MET, $rd->answer(SSAT_QUESTION_REFERRAL_REGISTER), 'R1 and R2');
check_throws('SsatRangeException', fn() => new SsatEvaluation($p, $cal, '2025-08-01'));
$ev->setLanguages(false, true);
check_same('', $ev->registerCriteria($greg)->find('penalty.limb.holiday')['message_en'], 'Welsh only');

// England's 10 school weeks across 1 August (issue 14 item d): the previous year's calendar and register.
[$eng, $ecal, $pcal] = england_two_years();
$ereg = new SsatRegister($eng);
$ereg->addMarks('2024-09-02', str_repeat('/', 34) . 'O');
$preg = new SsatRegister($eng);
foreach (['2024-06-10', '2024-06-11', '2024-07-11', '2024-07-12', '2024-07-15', '2024-07-16', '2024-07-17',
          '2024-07-18', '2024-07-19'] as $day)
    $preg->addMark($day, SSAT_AM, 'O');
$eev = new SsatEvaluation(SsatPolicy::builtin('england-2024'), $ecal, '2024-09-25');
check_same(SSAT_OUTCOME_UNKNOWN, $eev->registerCriteriaYears($ereg, null)->find('penalty.limb.combination')['outcome'],
           'window before 1 August, no previous year: unknown');
$eev->setPreviousYear($pcal);
check_same(SSAT_OUTCOME_MET, $eev->registerCriteriaYears($ereg, $preg)->find('penalty.limb.combination')['outcome'],
           '1 + 9 unauthorised sessions across 1 August');
check_throws('SsatRangeException', fn() => $eev->setPreviousYear($ecal));

check_same(['pence' => 6000, 'stage' => SSAT_PAYMENT_EARLY], \Ssat\penaltyAmountDue($p, '2025-01-01', '2025-01-29'), 'early');
check_same(['pence' => 12000, 'stage' => SSAT_PAYMENT_LATE], \Ssat\penaltyAmountDue($p, '2025-01-01', '2025-01-30'), 'late');
check_same(['pence' => 0, 'stage' => SSAT_PAYMENT_EXPIRED], \Ssat\penaltyAmountDue($p, '2025-01-01', '2025-03-01'), 'expired');
// From receipt (issue 14 b, c): posted Friday 3 January 2025, received Tuesday 7 January.
check_same('2025-01-07', \Ssat\penaltyReceived($p, '2025-01-03', SSAT_SERVICE_POST), 'deemed receipt');
check_same(['pence' => 6000, 'stage' => SSAT_PAYMENT_EARLY], \Ssat\penaltyAmountDueReceived($p, '2025-01-07', '2025-02-04'), 'early from receipt');
$eng = SsatPolicy::builtin('england-2024');
check_same(['pence' => 16000, 'stage' => SSAT_PAYMENT_LATE], \Ssat\penaltyAmountDueReceived($eng, '2025-01-07', '2025-01-07', true), 'repeat: no reduced rate');
check_same(false, \Ssat\penaltyIsRepeat($eng, new SsatParent('M9'), 'P1', '2025-01-07'), 'no earlier notice');

// ---- projections ----------------------------------------------------------------------------------
$s = $reg->compute($reg->span());
check_same(1, \Ssat\projectionSessionsToExceed($s, 85), 'one session lifts 85.0 % above 85 %');
check_same(191, \Ssat\projectionSessionsToExceed($s, 90, 1), 'to exceed 90 %');
check_throws('SsatRangeException', fn() => \Ssat\projectionSessionsToExceed($s, 100));
$best = \Ssat\projectionBestPossible($reg, $cal, $as_of);
check_same(57, $best['possible'] - $best['attended'], 'best possible');

// Decisions outlive everything they were made from.
$d2 = \Ssat\referralEvaluate($p, $reg, $cal, $pupil, $as_of);
$p = $reg = $cal = $pupil = null;
gc_collect_cycles();
check_same(SSAT_OUTCOME_MET, $d2->outcome(), 'decision alone');

done();
