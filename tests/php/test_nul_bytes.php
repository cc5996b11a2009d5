<?php
// Issue 15, crash 3: a string argument with a NUL byte is refused (SsatInvalidArgumentException naming
// the argument), never cut short at the NUL: "P1\0X" must not become pupil "P1", nor an actor
// "Ms Jones\0 (forged)" be recorded as "Ms Jones". A date with one is malformed (SsatParseException).
require __DIR__ . '/support.php';

$policy = SsatPolicy::builtin();
check_throws('SsatInvalidArgumentException', fn() => new SsatCase("P1\0X", $policy), 'pupilId: the text holds a NUL byte (at byte 2)');
check_throws('SsatInvalidArgumentException', fn() => new SsatPupil("P1\0X"), 'NUL byte');
check_throws('SsatInvalidArgumentException', fn() => new SsatCodeSet("mine\0"), 'NUL byte');
check_throws('SsatInvalidArgumentException', fn() => SsatCodeSet::builtin("wales-2010\0england-2024"), 'NUL byte');
check_throws('SsatInvalidArgumentException', fn() => SsatPolicy::builtin("carmarthenshire\0"), 'NUL byte');
check_throws('SsatInvalidArgumentException', fn() => $policy->setName("mine\0theirs"), 'NUL byte');
check_throws('SsatInvalidArgumentException', fn() => \Ssat\dateParse("2024-09-02\0junk"), 'NUL byte');
$reg = new SsatRegister(SsatCodeSet::builtin());
check_throws('SsatInvalidArgumentException', fn() => $reg->addMark('2024-09-02', 'AM', "/\0"), 'NUL byte');
check_throws('SsatParseException', fn() => $reg->addMark("2024-09-02\0", 'AM', '/'), 'NUL byte');
check_same(0, $reg->entryCount(), 'nothing recorded');

$case = new SsatCase('P1', $policy);
check_throws('SsatInvalidArgumentException',
             fn() => $case->apply(null, null, 'concern_raised', '2024-09-20', "Ms Jones\0 (forged)", 'head teacher', null, null, null),
             'NUL byte (at byte 8)');
check_throws('SsatInvalidArgumentException',
             fn() => $case->apply(null, null, 'concern_raised', '2024-09-20', 'Ms Jones', 'head teacher', null, null, "note\0hidden"),
             'NUL byte');
check_same(0, count($case->trail()), 'no entry recorded');
$case->apply(null, null, 'concern_raised', '2024-09-20', 'Ms Jones (forged)', 'head teacher', null, null, null);
check_same('Ms Jones (forged)', $case->trail()[0]['actor'], 'the whole text is kept');

// A NUL in text that is passed with its length (register marks, JSON documents) is data, not an end.
check_throws('SsatParseException', fn() => SsatPolicy::fromJson("{\0}"), null);

echo "ok: {$GLOBALS['ssat_checks']} checks\n";
