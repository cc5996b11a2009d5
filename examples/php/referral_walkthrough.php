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
$lang = \Ssat\LANG_EN;
$data = __DIR__ . '/../data';
for ($i = 0; $i < count($args); $i++) {
    if ($args[$i] === '--lang' && isset($args[$i + 1])) {
        $lang = $args[++$i] === 'cy' ? \Ssat\LANG_CY : \Ssat\LANG_EN;
    } else {
        $data = $args[$i];
    }
}
$path = fn(string $name): string => "$data/$name";

try {
    // 1. The school: registers (wide layout), pupil records, the 2024/25 calendar.
    $policy = \Ssat\Policy::builtin('carmarthenshire');
    $school = new \Ssat\School(\Ssat\CodeSet::builtin('wales-2010'));
    $school->importFile($path('sample_school_2024.csv'));
    $school->importFile($path('pupils_2024.csv'), \Ssat\CSV_PUPILS);
    $as_of = $school->lastDate();                           // never the machine's clock
    $calendar = new \Ssat\Calendar(\Ssat\dateSchoolYear($as_of));
    $calendar->importTerms(file_get_contents($path('terms_2024.csv')), 'terms_2024.csv');
    $calendar->importClosures(file_get_contents($path('closures_2024.csv')), 'closures_2024.csv');

    // 2. Who meets R1 and R2, and why (every criterion, for the first of them).
    $candidates = [];
    foreach ($school->ids() as $id) {
        $decision = \Ssat\referralEvaluate($policy, $school->register($id), $calendar, $school->pupil($id), $as_of);
        $r1 = $decision->find('referral.r1.attendance')['outcome'];
        $r2 = $decision->find('referral.r2.unauthorised')['outcome'];
        if ($r1 === \Ssat\OUTCOME_MET && $r2 === \Ssat\OUTCOME_MET) {
            $candidates[$id] = $decision;
        }
    }
    printf("%d of %d pupils meet R1 and R2 as of %s\n", count($candidates), $school->count(), $as_of);
    $first_id = array_key_first($candidates);
    $first = $candidates[$first_id];
    printf("%s %s: referral %s\n", $first_id, $school->detail($first_id, 'name'), \Ssat\outcomeName($first->outcome(), $lang));
    foreach ($first->criteria() as $c) {
        printf("  %-32s %-16s %s\n", $c['id'], \Ssat\outcomeName($c['outcome'], $lang),
               $lang === \Ssat\LANG_CY ? $c['message_cy'] : $c['message_en']);
    }

    // 3. The referral pack of P00001, checked against the register (the certificate must reconcile);
    //    the check writes R3, R4 and R5 into the school's pupil record.
    $pack = \Ssat\Pack::fromJson(file_get_contents($path('sample_pack_P00001.json')));
    $pupil = $school->pupil('P00001');
    $problems = $pack->check($policy, $school->register('P00001'), $calendar, $pupil);
    printf("referral pack of P00001: %d items, %d problems\n", $pack->count(), count($problems));
    foreach ($problems as $p) {
        printf("  %s %s: %s\n", $p['id'], $p['field'], $lang === \Ssat\LANG_CY ? $p['message_cy'] : $p['message_en']);
    }
    $pupil->setFact(\Ssat\PUPIL_ON_ROLL, \Ssat\FACT_YES);   // R6: the school says so
    $decision = \Ssat\referralEvaluate($policy, $school->register('P00001'), $calendar, $pupil, $as_of);
    printf("with the pack and the roll: referral %s\n", \Ssat\outcomeName($decision->outcome(), $lang));

    // 4. The case of P00001, referred on the last day of the register: the SSAT accepts the referral.
    $case = \Ssat\CaseFile::fromJson(file_get_contents($path('sample_case_P00001.json')), $policy);
    printf("case of P00001: %s\n", \Ssat\caseStateName($case->state(), \Ssat\LANG_EN));
    $case->applyEvent(null, null, null, 'referral_accepted', $as_of, 'Ms Siân Davies', 'SSAT officer', null, null,
                      'Criteria and evidence complete');
    printf("after referral_accepted: %s; possible next:\n", \Ssat\caseStateName($case->state(), \Ssat\LANG_EN));
    foreach ($case->next(null, null, $as_of, null)->criteria() as $c) {
        if ($c['outcome'] === \Ssat\OUTCOME_MET) {
            printf("  %s\n", substr($c['id'], strlen('case.event.')));
        }
    }
} catch (\Ssat\Exception $e) {          // every libssat failure: one class per status
    fwrite(STDERR, get_class($e) . ': ' . $e->getMessage() . "\n");
    exit(1);
}
