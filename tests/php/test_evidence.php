<?php
// Referral packs (SsatPack: items, fields, the completeness check, JSON) and attendance certificates
// (SsatCertificate) from PHP. The complete pack mirrors tests/evidence_fixture.h: the sample school's
// 2024/25 calendar, a register from the first day of term to Friday 7 February 2025, and every step of
// the procedure before the referral of Friday 14 February 2025.
require __DIR__ . '/support.php';

const CONCERN = 0, LETTER = 1, MEETING_HELD = 2, MEETING_NOT_HELD = 3, SUPPORT = 4, CONTRACT = 5, PLAN = 6,
      VOICE = 7, FORM = 8, CERT = 9;

$data = source_dir() . '/examples/data';

function sample_calendar(string $data): SsatCalendar
{
    $cal = new SsatCalendar(2024);
    $cal->clearTerms();
    foreach (array_slice(file("$data/terms_2024.csv", FILE_IGNORE_NEW_LINES), 1) as $line) {
        [$name, $first, $last] = str_getcsv($line);
        $cal->addTerm($name, $first, $last);
    }
    foreach (array_slice(file("$data/closures_2024.csv", FILE_IGNORE_NEW_LINES), 1) as $line) {
        [, $first, $last] = str_getcsv($line);
        $cal->addClosure($first, $last);
    }
    return $cal;
}

// Every weekday first..last: '..' when the school does not meet, else present, with an unauthorised
// day every 7th school day and an illness every 11th.
function fixture_register(SsatCodeSet $codes, SsatCalendar $cal, string $first, string $last): SsatRegister
{
    $marks = '';
    $school_day = 0;
    for ($d = new DateTimeImmutable($first); $d <= new DateTimeImmutable($last); $d = $d->modify('+1 day')) {
        if ((int)$d->format('N') > 5) {
            continue;
        }
        if (!$cal->isSchoolDay($d->format('Y-m-d'))) {
            $marks .= '..';
        } else {
            $school_day++;
            $marks .= $school_day % 7 === 0 ? 'OO' : ($school_day % 11 === 0 ? 'II' : '/\\');
        }
    }
    $reg = new SsatRegister($codes);
    $reg->addMarks($first, $marks);
    return $reg;
}

function complete_pack(SsatRegister $reg): SsatPack
{
    $pack = new SsatPack();
    $pack->add('concern', ['date' => '2024-09-20', 'raised_by' => 'Form tutor',
                           'summary' => 'Attendance below 90 % since the start of term']);
    $pack->add('letter', ['date_sent' => '2024-10-04', 'type' => 'meeting_invitation', 'addressee' => 'Mrs A. Lewis',
                          'delivery' => 'post', 'reference' => 'ATT/2024/021']);
    $pack->add('meeting', ['invitation_date' => '2024-10-04', 'held' => true, 'date' => '2024-10-11', 'time' => '09:30',
                           'attendees' => 'Mrs A. Lewis; Mr D. Price (head of year)', 'parent_attended' => 'yes',
                           'outcome' => 'Morning routine is the difficulty; school nurse referral agreed.',
                           'agreed_actions' => "Daily check-in with the head of year.\nReview in five weeks.",
                           'review_date' => '2024-11-15']);
    $pack->add('meeting', ['invitation_date' => '2024-11-08', 'held' => false, 'date' => '2024-11-15',
                           'parent_attended' => false]);
    $pack->add('support', ['date' => '2024-10-11', 'kind' => 'Referral to the school nurse', 'response' => 'accepted']);
    $pack->add('contract', ['offered_date' => '2024-11-22', 'status' => 'declined', 'status_date' => '2024-11-29',
                            'terms' => 'Ioan arrives by 08:45 each day; weekly review.']);
    $pack->add('plan', ['type' => 'psp', 'start_date' => '2024-12-02', 'review_dates' => '2025-01-13;2025-03-10',
                        'summary' => 'Pastoral support plan for attendance.']);
    $pack->add('pupil_voice', ['date' => '2024-10-11',
                               'summary' => "Mae Ioan yn dweud ei fod yn hoffi'r ysgol ond yn blino'n lân yn y bore."]);
    $pack->add('form', ['referral_date' => '2025-02-14', 'pupil_id' => 'P00001', 'pupil_name' => 'Ioan Lewis',
                        'date_of_birth' => '2013-02-11', 'year_group' => 7, 'parent_name' => 'Mrs A. Lewis',
                        'parent_contact' => '01267 000000',
                        'reasons' => 'Attendance 85 % or lower; unauthorised absence; support declined.',
                        'referrer_name' => 'Mr D. Price', 'referrer_role' => 'Head of year',
                        'head_teacher_name' => 'Dr Siân Rhys', 'head_teacher_signed' => true,
                        'signed_date' => '2025-02-13']);
    $s = $reg->summary(\Ssat\windowRange('2024-09-02', '2025-02-07'));
    $pack->add('certificate', ['pupil_id' => 'P00001', 'pupil_name' => 'Ioan Lewis', 'school' => 'Ysgol Gyfun Enghraifft',
                               'period_start' => '2024-09-02', 'period_end' => '2025-02-07', 'possible' => $s['possible'],
                               'attended' => $s['attended'], 'authorised' => $s['authorised'],
                               'unauthorised' => $s['unauthorised'], 'percent_tenths' => $s['attendance_tenths'],
                               'issue_date' => '2025-02-10', 'signatory_name' => 'Dr Siân Rhys',
                               'signatory_role' => 'Head teacher']);
    return $pack;
}

$codes = SsatCodeSet::builtin('wales-2010');
$cal = sample_calendar($data);
$reg = fixture_register($codes, $cal, '2024-09-02', '2025-02-07');
$policy = SsatPolicy::builtin('carmarthenshire');

// ---- kinds and fields -----------------------------------------------------------------------------
$kinds = SsatPack::kinds();
check_same(['concern', 'letter', 'meeting', 'support', 'contract', 'plan', 'pupil_voice', 'form', 'certificate'], $kinds,
           'kinds');
check_same(count($kinds), \Ssat\packKindCount(), 'kind count');
check_same('letter', \Ssat\packKindAt(1), 'kind at');
check_same(null, \Ssat\packKindAt(count($kinds)), 'kind at out of range');
check_same(5, \Ssat\packFieldCount('letter'), 'field count');
check_same(0, \Ssat\packFieldCount('postcard'), 'field count of an unknown kind');
check_same(['name' => 'held', 'choices' => ['yes', 'no']], \Ssat\packFieldAt('meeting', 1), 'field at');
check_same(['date_sent', 'type', 'addressee', 'delivery', 'reference'], array_column(SsatPack::fields('letter'), 'name'),
           'fields');
check_same([], SsatPack::fields('letter')[0]['choices'], 'free text has no choices');
check_throws('SsatNotFoundException', fn() => SsatPack::fields('postcard'), 'kinds: concern, letter');
check_throws('SsatRangeException', fn() => \Ssat\packFieldAt('letter', 5));
check_same(1, SSAT_PACK_FORMAT_VERSION, 'format version');

// ---- items ----------------------------------------------------------------------------------------
$pack = complete_pack($reg);
check_same(10, $pack->count(), 'items');
check_same(['concern', 'letter', 'meeting', 'meeting', 'support', 'contract', 'plan', 'pupil_voice', 'form',
            'certificate'], array_column($pack->items(), 'kind'), 'kinds in order');
check_same(['date_sent' => '2024-10-04', 'type' => 'meeting_invitation', 'addressee' => 'Mrs A. Lewis',
            'delivery' => 'post', 'reference' => 'ATT/2024/021'], $pack->item(LETTER), 'letter');
check_same(['invitation_date' => '2024-11-08', 'held' => 'no', 'date' => '2024-11-15', 'parent_attended' => 'no'],
           $pack->item(MEETING_NOT_HELD), 'booleans as yes/no, unset fields left out');
check_same('Referral to the school nurse', $pack->item(SUPPORT)['kind'], 'a field named kind');
check_same('7', $pack->get(FORM, 'year_group'), 'an int as text');
check_same('', $pack->get(MEETING_NOT_HELD, 'outcome'), 'unset field');
check_same(['kind' => 'plan', 'fields' => $pack->item(PLAN)], $pack->items()[PLAN], 'items() records');
check_same('certificate', $pack->kind(CERT), 'kind');
check_throws(\Ssat\RangeException::class, fn() => $pack->kind(10), 'item 10 does not exist');
check_throws('SsatRangeException', fn() => $pack->item(10), 'item 10 does not exist');
check_throws('SsatNotFoundException', fn() => $pack->get(CONCERN, 'date_sent'));
$pack->update(LETTER, ['delivery' => null, 'addressee' => 'Mr and Mrs Lewis']);
check_same('Mr and Mrs Lewis', $pack->item(LETTER)['addressee'], 'update');
check(!array_key_exists('delivery', $pack->item(LETTER)), 'null clears');
$pack->set(LETTER, 'delivery', 'post');
$pack->set(LETTER, 'addressee', 'Mrs A. Lewis');

// ---- values are checked; edits are all or nothing --------------------------------------------------
$p = new SsatPack();
$e = check_throws('SsatParseException', fn() => $p->add('letter', ['type' => 'warning', 'date_sent' => '2024-13-01']),
                  'letter[0].date_sent');
check_same(SsatParseException::STATUS, $e->getCode(), 'status as the code');
check($e instanceof SsatException, 'an SsatException');
check_same(0, $p->count(), 'the failed item is not kept');
$i = $p->add('letter', ['date_sent' => '2024-10-01', 'type' => 'attendance_concern']);
check_same(0, $i, 'index');
check_throws('SsatParseException', fn() => $p->update($i, ['type' => 'warning', 'date_sent' => '1 October']),
             'letter[0].date_sent');
check_same(['date_sent' => '2024-10-01', 'type' => 'attendance_concern'], $p->item($i), 'type put back');
check_throws('SsatParseException', fn() => $p->set($i, 'type', 'postcard'), 'letter[0].type');
check_throws('SsatParseException', fn() => $p->add('meeting', ['held' => 'maybe']), 'meeting[0].held');
check_throws('SsatParseException', fn() => $p->add('concern', ['summary' => "a\0b"]), 'NUL');
check_throws('SsatNotFoundException', fn() => $p->add('letter', ['colour' => 'blue']), 'colour');
check_throws('SsatNotFoundException', fn() => $p->add('postcard'), 'kinds');
check_throws('TypeError', fn() => $p->add('meeting', ['held' => 1.5]), 'held');
check_throws('TypeError', fn() => $p->add('meeting', ['yes']), 'field names');
check_throws('SsatRangeException', fn() => $p->update(3, []));
// the mapping walk (runtime.i): the messages name the target; a failure at any pair undoes every field
$u = $p->add('letter', ['type' => 'warning']);
check_throws('TypeError', fn() => $p->update($u, 'type'), 'Ssat\\Pack::update(): Argument #2 ($fields) must be of type array, string given');
check_throws('TypeError', fn() => $p->update($u, ['date_sent' => '2024-10-01', 7 => 'x']),
             "item $u (letter): the array's keys are field names, not integers");
check_throws('TypeError', fn() => $p->update($u, ['date_sent' => '2024-10-01', 'reference' => 1.5]),
             "item $u (letter): field 'reference': expected a string, bool, int or null, not float");
$holes = ['gone' => 1, 'date_sent' => '2024-10-01', 'reference' => 17];
unset($holes['gone']); // a hash with a hole before its first pair
$p->update($u, $holes);
check_same(['date_sent' => '2024-10-01', 'type' => 'warning', 'reference' => '17'], $p->item($u), 'pairs after a hole');
$refs = ['type' => 'attendance_concern', 'date_sent' => '2024-10-02'];
$r = &$refs['type']; // a reference as a value
$p->update($u, $refs);
check_same('attendance_concern', $p->get($u, 'type'), 'a reference is followed');
check_throws('SsatParseException', fn() => $p->update($u, ['type' => 'warning', 'reference' => 'x', 'date_sent' => 'soon']),
             'date_sent');
check_same(['date_sent' => '2024-10-02', 'type' => 'attendance_concern', 'reference' => '17'], $p->item($u),
           'every field put back');
$p->remove($u);
check_throws('SsatRangeException', fn() => $p->set(3, 'type', 'warning'));
check_same(1, $p->count(), 'nothing added by the failures');
$p->add('form');
check_throws('SsatDuplicateException', fn() => $p->add('form'));
$p->remove(0);
check_same(['form'], array_column($p->items(), 'kind'), 'remove');
check_throws('SsatRangeException', fn() => $p->remove(1));

// ---- the completeness check -----------------------------------------------------------------------
$pupil = new SsatPupil('P00001');
check_same([], $pack->check($policy, $reg, $cal, $pupil), 'the complete pack has no problem');
foreach ([SSAT_PUPIL_CAUSE_EXPLORED, SSAT_PUPIL_SUPPORT_OFFERED, SSAT_PUPIL_PARENTS_INVITED,
          SSAT_PUPIL_EVIDENCE_COMPLETE, SSAT_PUPIL_PROCEDURES_FOLLOWED] as $fact) {
    check_same(SSAT_FACT_YES, $pupil->getFact($fact), "fact $fact written into the pupil");
}
check_same(SSAT_FACT_UNKNOWN, $pupil->getFact(SSAT_PUPIL_ON_ROLL), 'other facts left as they were');
check_same([], $pack->check($policy), 'no register, calendar or pupil');
$strict = $policy->copy();
$strict->setBool('evidence.require_pupil_voice', true);
foreach ([CONCERN => 'evidence.concern.missing', LETTER => 'evidence.letter.missing',
          SUPPORT => 'evidence.support.missing', VOICE => 'evidence.pupil_voice.missing',
          FORM => 'evidence.form.missing', CERT => 'evidence.certificate.missing'] as $index => $id) {
    $q = $pack->copy();
    $kind = $q->kind($index);
    $q->remove($index);
    $pupil = new SsatPupil('P00001');
    $problems = $q->check($strict, $reg, $cal, $pupil);
    check_same([$id], array_column($problems, 'id'), "without the $kind");
    check_same(['id', 'severity', 'field', 'line', 'column', 'date', 'half', 'message_en', 'message_cy',
                'message_cy_en'],
               array_keys($problems[0]), 'problem record');
    check_same($kind, $problems[0]['field'], 'the problem names the kind');
    check_same(SSAT_SEVERITY_ERROR, $problems[0]['severity'], 'an error');
    check($problems[0]['message_en'] !== '' && $problems[0]['message_cy'] !== ''
          && $problems[0]['message_en'] !== $problems[0]['message_cy'], 'English and Welsh messages');
    check_same(SSAT_FACT_NO, $pupil->getFact(SSAT_PUPIL_EVIDENCE_COMPLETE), 'evidence not complete');
}
$q = $pack->copy();
$q->set(LETTER, 'reference', '');
$problems = $q->check($policy, $reg, $cal);
check_same([['evidence.field.missing', 'letter[0].reference']],
           array_map(fn($p) => [$p['id'], $p['field']], $problems), 'a missing field');
check(str_contains($problems[0]['message_en'], 'Letter 1') && str_contains($problems[0]['message_cy'], 'Llythyr 1'),
      'people count from 1');
$q = $pack->copy();
$q->set(CERT, 'possible', '381');
check(in_array('evidence.certificate.mismatch', array_column($q->check($policy, $reg, $cal), 'id'), true),
      'certificate reconciled with the register');

// ---- JSON -----------------------------------------------------------------------------------------
$json = $pack->toJson();
$doc = json_decode($json, true);
check_same('ssat-pack', $doc['format'], 'format');
check_same(SSAT_PACK_FORMAT_VERSION, $doc['format_version'], 'format version');
check_same(['kind' => 'letter', 'fields' => $pack->item(LETTER)], $doc['items'][LETTER], 'item in JSON');
$loaded = SsatPack::fromJson($json);
check($loaded->equals($pack), 'JSON round trip');
check_same($json, $loaded->toJson(), 'saving a loaded document gives the same text');
check_same([], $loaded->check($policy, $reg, $cal), 'the loaded pack is complete');
$copy = $pack->copy();
check($copy->equals($pack), 'copy');
$copy->set(VOICE, 'summary', 'Ioan says he is tired in the mornings.');
check(!$copy->equals($pack), 'changed copy');
check(!$pack->equals(null), 'not equal to null');
check_throws('SsatParseException', fn() => SsatPack::fromJson('{"format": "ssat-pack", "items": ['), 'line');
check_throws('SsatParseException',
    fn() => SsatPack::fromJson('{"format_version": 1, "items": [{"kind": "letter", "fields": {"date_sent": "soon"}}]}'),
    'items[0].fields.date_sent');
check_throws('SsatDuplicateException',
    fn() => SsatPack::fromJson('{"format_version": 1, "items": [{"kind": "form"}, {"kind": "form"}]}'), 'items[1]');

// ---- the certificate of the sample pupil P00001 ---------------------------------------------------
$rows = array_map('str_getcsv', array_slice(file("$data/sample_school_2024.csv", FILE_IGNORE_NEW_LINES), 1));
[$id, $start, $marks] = $rows[0];
check_same('P00001', $id, 'the sample pupil');
$sample = new SsatRegister($codes);
$sample->addMarks($start, $marks);
$period = $cal->windowYearToDate('2025-07-18');
$details = ['pupil_id' => 'P00001', 'pupil_name' => 'Ioan Lewis', 'school' => 'Ysgol Gyfun Enghraifft',
            'issue_date' => '2025-07-21', 'signatory_name' => 'Dr Siân Rhys', 'signatory_role' => 'Head teacher'];
$cert = new SsatCertificate($sample, $cal, $period, $details);
$expected_totals = $sample->compute($period)->totals();
$sample = null; // the certificate copies what it needs
gc_collect_cycles();
$t = $cert->totals();
check_same([380, 323, 37, 20], [$t['possible'], $t['attended'], $t['authorised'], $t['unauthorised']], 'totals');
check_same($expected_totals, $t, 'the attendance calculation\'s totals, after the register is gone');
check_same($period, $cert->period(), 'period');
check_same($details, $cert->details(), 'details');
check_same('Ysgol Gyfun Enghraifft', $cert->get('school'), 'get');
check_same('', $cert->get('period_start'), 'unknown detail');
$html = $cert->render(SSAT_CERTIFICATE_HTML);
check(str_starts_with($html, "<!DOCTYPE html>\n<html lang=\"en\">"), 'HTML');
check(str_contains($html, 'data-possible="380"') && str_contains($html, '<td>85.0 %</td>'), 'HTML totals');
$html_cy = $cert->render(SSAT_CERTIFICATE_HTML, SSAT_LANG_CY);
check(str_starts_with($html_cy, "<!DOCTYPE html>\n<html lang=\"cy\">"), 'Welsh HTML');
check(str_contains($html_cy, 'Tystysgrif cofrestru presenoldeb') && str_contains($html_cy, 'Dydd Llun'), 'Welsh labels');
check(str_contains($html_cy, 'Tymor yr hydref: 2 Medi 2024 i 20 Rhagfyr 2024'), 'Welsh term heading');
// One document in both languages, Welsh first (SSAT_LANG_CY_EN), dates in words in each language.
$both = $cert->render(SSAT_CERTIFICATE_TEXT, SSAT_LANG_CY_EN);
check(str_starts_with($both, "Tystysgrif cofrestru presenoldeb / Attendance registration certificate\n\n"
                             . "Disgybl / Pupil: Ioan Lewis (P00001)\n"), 'bilingual text');
check(str_contains($both, "Cyfnod / Period: 1 Awst 2024 i 18 Gorffennaf 2025 / 1 August 2024 to 18 July 2025\n"),
      'bilingual period');
check(str_contains($both, 'Tystiaf fod y dystysgrif hon') && str_contains($both, 'I certify that'), 'bilingual statement');
check(str_starts_with($cert->render(SSAT_CERTIFICATE_HTML, SSAT_LANG_CY_EN), "<!DOCTYPE html>\n<html lang=\"cy\">"),
      'bilingual HTML starts in Welsh');
check_same('cy+en', json_decode($cert->render(SSAT_CERTIFICATE_JSON, SSAT_LANG_CY_EN), true)['language'],
           'bilingual JSON');
$text = $cert->render(SSAT_CERTIFICATE_TEXT, SSAT_LANG_EN);
check(str_starts_with($text, "Attendance registration certificate\n\nPupil: Ioan Lewis (P00001)\n"), 'text');
check(str_contains($cert->render(SSAT_CERTIFICATE_TEXT, SSAT_LANG_CY), 'Y cyfnod cyfan:'), 'Welsh text');
$cj = json_decode($cert->render(SSAT_CERTIFICATE_JSON), true);
check_same(['ssat-certificate', 380, '85.0'], [$cj['format'], $cj['totals']['possible'], $cj['totals']['percent']],
           'certificate JSON');
check_throws('SsatInvalidArgumentException', fn() => $cert->render(7));
check_throws('SsatInvalidArgumentException', fn() => $cert->render(SSAT_CERTIFICATE_HTML, 5));

// details: set, update (all or nothing), errors
$cert->set('school', 'Ysgol Bro');
check_same('Ysgol Bro', $cert->get('school'), 'set');
$cert->set('signatory_role', null);
check_same('', $cert->get('signatory_role'), 'null clears');
$cert->update($details);
check_same($details, $cert->details(), 'update');
check_throws('SsatParseException', fn() => $cert->update(['school' => 'Ysgol Bro', 'issue_date' => '21/07/2025']),
             'issue_date');
check_same($details, $cert->details(), 'a failed update changes nothing');
check_throws('SsatNotFoundException', fn() => $cert->set('period_start', '2024-09-01'), 'period_start');
check_throws('SsatParseException', fn() => $cert->set('pupil_name', "Ioan\nLewis"));
check_throws('TypeError', fn() => $cert->update(['x']));
check_throws('SsatParseException', fn() => new SsatCertificate($reg, null, $period, ['issue_date' => 'soon']));
check_throws('SsatInvalidArgumentException',
             fn() => new SsatCertificate($reg, null, ['2025-07-18', 'AM', '2024-09-02', 'AM']));
check_throws('SsatRangeException', fn() => new SsatCertificate($reg, null, \Ssat\windowRange('2020-01-01', '2030-12-31')));
check_throws('SsatInvalidArgumentException', fn() => new SsatCertificate(null, null, $period));
$bare = new SsatCertificate($reg, null, \Ssat\windowRange('2024-09-02', '2024-09-06'));
check_same(array_fill_keys(array_keys($details), ''), $bare->details(), 'no details');
check_same(6, $bare->totals()['possible'], 'a week without a calendar');

// ---- certificate into the pack, then the check with the register ----------------------------------
$cert2 = new SsatCertificate($reg, $cal, \Ssat\windowRange('2024-09-02', '2025-02-07'),
                             array_merge($details, ['issue_date' => '2025-02-10']));
$q = $pack->copy();
$q->remove(CERT);
$cert2->toPack($q);
check_same('certificate', $q->kind(CERT), 'certificate item added');
check_same((string)$cert2->totals()['possible'], $q->get(CERT, 'possible'), 'certificate totals in the pack');
check_same('2024-09-02', $q->item(CERT)['period_start'], 'certificate period in the pack');
check_same([], $q->check($policy, $reg, $cal), 'the produced certificate reconciles with the register');
$cert2->toPack($q);
check_same(10, $q->count(), 'a second time replaces the item');
$fresh = new SsatPack();
$cert2->toPack($fresh);
check_same(['certificate'], array_column($fresh->items(), 'kind'), 'into an empty pack');
check_throws('SsatInvalidArgumentException', fn() => $cert2->toPack(null));

// ---- lifetimes: records outlive the pack; the certificate outlives register and calendar ----------
$letter = $pack->item(LETTER);
$items = $pack->items();
$problems = $pack->check($policy);
$pack = null;
$loaded = null;
$copy = null;
gc_collect_cycles();
check_same('ATT/2024/021', $letter['reference'], 'item record after the pack is gone');
check_same('Ioan Lewis', $items[FORM]['fields']['pupil_name'], 'items after the pack is gone');
check_same([], $problems, 'problems after the pack is gone');
$reg = null;
$cal = null;
$codes = null;
gc_collect_cycles();
check(str_contains($cert2->render(SSAT_CERTIFICATE_HTML, SSAT_LANG_CY), 'data-possible="' . $cert2->totals()['possible'] . '"'),
      'certificate after its register, calendar and code set are gone');

done();
