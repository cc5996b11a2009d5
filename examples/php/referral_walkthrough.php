<?php
/*
 * The SSAT referral in four steps, on the bundled sample school (the same task as the C and Python
 * walkthroughs in examples/c and examples/python):
 *   1. import the school's register export, pupils, terms and closures;
 *   2. list the pupils who meet the register-based referral criteria (R1, R2) and, for one of them,
 *      every criterion with its reason, in English or Welsh;
 *   3. check that pupil's referral pack against the register;
 *   4. load that pupil's case, referred to the SSAT, and move it forward: the SSAT accepts it.
 *
 *   php -d extension=ssat referral_walkthrough.php [DATA_DIR] [--lang en|cy]
 */
$args = array_slice($argv, 1);
$lang = SSAT_LANG_EN;
$data = __DIR__ . '/../data';
for ($i = 0; $i < count($args); $i++) {
    if ($args[$i] === '--lang' && isset($args[$i + 1])) {
        $lang = $args[++$i] === 'cy' ? SSAT_LANG_CY : SSAT_LANG_EN;
    } else {
        $data = $args[$i];
    }
}
$path = fn(string $name): string => "$data/$name";

try {
    // 1. The school: registers (wide layout), pupil records, the 2024/25 calendar.
    $policy = SsatPolicy::builtin('carmarthenshire');
    $school = new SsatSchool(SsatCodeSet::builtin('wales-2010'));
    $school->import_file($path('sample_school_2024.csv'));
    $school->import_file($path('pupils_2024.csv'), SSAT_CSV_PUPILS);
    $as_of = $school->last_date();                           // never the machine's clock
    $calendar = new SsatCalendar(ssat_date_school_year($as_of));
    $calendar->import_terms(file_get_contents($path('terms_2024.csv')), 'terms_2024.csv');
    $calendar->import_closures(file_get_contents($path('closures_2024.csv')), 'closures_2024.csv');

    // 2. Who meets R1 and R2, and why (every criterion, for the first of them).
    $candidates = [];
    foreach ($school->ids() as $id) {
        $decision = ssat_referral_evaluate($policy, $school->register($id), $calendar, $school->pupil($id), $as_of);
        $r1 = $decision->find('referral.r1.attendance')['outcome'];
        $r2 = $decision->find('referral.r2.unauthorised')['outcome'];
        if ($r1 === SSAT_OUTCOME_MET && $r2 === SSAT_OUTCOME_MET) {
            $candidates[$id] = $decision;
        }
    }
    printf("%d of %d pupils meet R1 and R2 as of %s\n", count($candidates), $school->count(), $as_of);
    $first_id = array_key_first($candidates);
    $first = $candidates[$first_id];
    printf("%s %s: referral %s\n", $first_id, $school->detail($first_id, 'name'), ssat_outcome_name($first->outcome(), $lang));
    foreach ($first->criteria() as $c) {
        printf("  %-32s %-16s %s\n", $c['id'], ssat_outcome_name($c['outcome'], $lang),
               $lang === SSAT_LANG_CY ? $c['message_cy'] : $c['message_en']);
    }

    // 3. The referral pack of P00001, checked against the register (the certificate must reconcile);
    //    the check writes R3, R4 and R5 into the school's pupil record.
    $pack = SsatPack::from_json(file_get_contents($path('sample_pack_P00001.json')));
    $pupil = $school->pupil('P00001');
    $problems = $pack->check($policy, $school->register('P00001'), $calendar, $pupil);
    printf("referral pack of P00001: %d items, %d problems\n", $pack->count(), count($problems));
    foreach ($problems as $p) {
        printf("  %s %s: %s\n", $p['id'], $p['field'], $lang === SSAT_LANG_CY ? $p['message_cy'] : $p['message_en']);
    }
    $pupil->set_fact(SSAT_PUPIL_ON_ROLL, SSAT_FACT_YES);   // R6: the school says so
    $decision = ssat_referral_evaluate($policy, $school->register('P00001'), $calendar, $pupil, $as_of);
    printf("with the pack and the roll: referral %s\n", ssat_outcome_name($decision->outcome(), $lang));

    // 4. The case of P00001, referred on the last day of the register: the SSAT accepts the referral.
    $case = SsatCase::from_json(file_get_contents($path('sample_case_P00001.json')), $policy);
    printf("case of P00001: %s\n", ssat_case_state_name($case->state(), SSAT_LANG_EN));
    $case->apply_event(null, null, null, 'referral_accepted', $as_of, 'Ms Siân Davies', 'SSAT officer', null, null,
                       'Criteria and evidence complete');
    printf("after referral_accepted: %s; possible next:\n", ssat_case_state_name($case->state(), SSAT_LANG_EN));
    foreach ($case->next(null, null, $as_of, null)->criteria() as $c) {
        if ($c['outcome'] === SSAT_OUTCOME_MET) {
            printf("  %s\n", substr($c['id'], strlen('case.event.')));
        }
    }
} catch (SsatException $e) {          // every libssat failure: one class per status
    fwrite(STDERR, get_class($e) . ': ' . $e->getMessage() . "\n");
    exit(1);
}
