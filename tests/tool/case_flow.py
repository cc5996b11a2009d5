#!/usr/bin/env python3
"""End-to-end scenarios of `ssat case` that take several runs of the tool, for ctest.

  case_flow.py SCENARIO TOOL DATA_DIR WORK_DIR

DATA_DIR is examples/data; each scenario works in a fresh directory under WORK_DIR. Scenarios:

  walk         new, then apply event by event up to referral_submitted and referral_accepted, with the
               state after each; next, show (table and JSON) and overdue along the way
  refused      a refused event prints every guard with its reason (English, and Welsh with --lang cy),
               exits 4 and leaves the file byte-identical; events the case cannot take as given exit 1
  corrupted    truncated or damaged documents exit 2 naming the file and the line or the field path
  interrupted  apply killed between writing its temporary file and the rename: the previous case is
               intact and loads; the one temporary file left is removed by the next apply
  concurrent   applies run at the same time on one case all land (the lock serialises them)
  evidence     the trail as evidence (issue 15): a case file edited by hand is refused naming the entry
               it breaks; keyed cases (--key-file); a mistake voided by appending; implausible dates;
               files created 0600; a case file of format 1 loads, its entries counted as migrated
  symlink      apply through a symbolic link writes the file it points to; the link stays
  unreported   apply (and new) whose report cannot be written exits 5 with the case saved, once
  previous_year  England's 10 school weeks reach back into the previous school year: notice_issued on
               25 September 2024 is refused without --previous-register and applied with it (the trail
               records the absence from 10 June 2024); next says the same; the usage errors of evaluate
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys

TOOL = DATA = WORK = None


class Failure(Exception):
    pass


def run(*args, env=None):
    p = subprocess.run([TOOL] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=WORK)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def expect(args, code=0, out=(), err=(), no_out=(), env=None):
    """Run the tool; check its exit status and that stdout/stderr match the given regexes."""
    rc, so, se = run(*args, env=env)
    where = "ssat " + " ".join(args)
    if rc != code:
        raise Failure("%s: exit status %d, expected %d\n--- stdout:\n%s\n--- stderr:\n%s" % (where, rc, code, so, se))
    for pattern in out:
        if not re.search(pattern, so, re.M):
            raise Failure("%s: stdout does not match %r\n--- stdout:\n%s" % (where, pattern, so))
    for pattern in no_out:
        if re.search(pattern, so, re.M):
            raise Failure("%s: stdout matches %r\n--- stdout:\n%s" % (where, pattern, so))
    for pattern in err:
        if not re.search(pattern, se, re.M):
            raise Failure("%s: stderr does not match %r\n--- stderr:\n%s" % (where, pattern, se))
    return so


def data(name):
    return os.path.join(DATA, name)


def read(path):
    with open(os.path.join(WORK, path), "rb") as f:
        return f.read()


def state_of(case):
    return json.loads(read(case))["state"]["state"]


def school():
    """The sample school's register, terms and closures, for the guards that read attendance."""
    return ["--register", data("sample_school_2024.csv"), "--terms", data("terms_2024.csv"),
            "--closures", data("closures_2024.csv")]


OFFICER = ["--actor", "Mr Rhys Thomas", "--role", "Attendance officer"]


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def in_words(iso):
    """A date as the tool's prose writes it in English: "2024-10-07" -> "7 October 2024"."""
    y, m, d = iso.split("-")
    return "%d %s %s" % (int(d), MONTHS[int(m) - 1], y)


def apply(case, event, date, *more, state):
    expect(["case", "apply", case, event, "--date", date] + OFFICER + list(more),
           out=[r"^P00001: %s on %s: .* -> %s \(trail entry \d+\); the case is saved\.$"
                % (event, in_words(date), state)])
    if state_of(case) != state:
        raise Failure("after %s the document's state is %s, expected %s" % (event, state_of(case), state))


# ---- scenarios -----------------------------------------------------------------------------------

def walk():
    c = "walk.json"
    expect(["case", "new", c, "--pupil", "P00001", "--dob", "2013-02-11", "--on-roll", "yes"],
           out=[r"^walk\.json: a new case for pupil P00001 \(policy carmarthenshire\), in state monitoring\.$"])
    expect(["case", "show", c], out=[r"^  state: monitoring$", r"^  date of birth: 2013-02-11; on roll: yes$",
                                     r"^No event yet\.$"])
    apply(c, "concern_raised", "2024-10-07", state="school_concern")
    # From school_concern a letter is possible, a referral is not (and says why).
    expect(["case", "next", c, "--date", "2024-10-08"],
           out=[r"^Events for pupil P00001 on 8 October 2024 \(state school_concern\):$",
                r"^letter_sent +yes +Letter sent: possible on 8 October 2024$",
                r"^referral_submitted +no +.*not possible on 8 October 2024: The case is in the state “school concern”"])
    apply(c, "letter_sent", "2024-10-09", "--detail", "attendance_concern", state="engagement")
    apply(c, "letter_sent", "2024-11-06", "--detail", "meeting_invitation", state="engagement")
    apply(c, "meeting_held", "2024-11-13", "--detail", "attended", state="engagement")
    apply(c, "support_offered", "2024-11-20", "--detail", "Attendance mentoring", state="engagement")
    apply(c, "plan_started", "2024-11-20", "--detail", "psp", state="engagement")
    # The referral needs the register and the pack: with both (the sample's), the guard's criteria hold.
    so = expect(["case", "next", c, "--date", "2025-07-18", "--pack", data("sample_pack_P00001.json")] + school(),
                out=[r"^referral_submitted +yes +"], no_out=[r"^referral_submitted +no"])
    if json.loads(read(c))["pack"]["items"]:
        raise Failure("next saved the pack it was given")
    apply(c, "referral_submitted", "2025-07-18", "--pack", data("sample_pack_P00001.json"), *school(), state="referred")
    doc = json.loads(read(c))
    if len(doc["pack"]["items"]) != 9 or len(doc["trail"]) != 7:
        raise Failure("the saved case has %d pack items and %d trail entries" % (len(doc["pack"]["items"]),
                                                                                 len(doc["trail"])))
    if "referral.r1.attendance=met 323/380" not in doc["trail"][-1]["guard_values"]:
        raise Failure("the referral's guard values: " + doc["trail"][-1]["guard_values"])
    # Work due: the PSP review (42 days after its start: 2025-01-01) is long overdue; the SSAT's
    # decision (21 days after the referral: 2025-08-08) is due soon on 2025-08-05, overdue on the 20th.
    expect(["case", "overdue", c, "--date", "2025-08-05"], code=4,
           out=[r"^2025-01-01 +overdue +plans\.psp +", r"^2025-08-08 +due soon +state\.referred +The SSAT's decision",
                r"^P00001 on 5 August 2025: 1 overdue, 1 due soon\.$"])
    apply(c, "plan_ended", "2025-07-20", "--detail", "psp", state="referred")
    expect(["case", "overdue", c, "--date", "2025-08-05"], code=0,
           out=[r"^P00001 on 5 August 2025: 0 overdue, 1 due soon\.$"])
    expect(["case", "overdue", c, "--date", "2025-08-20", "--lang", "cy"], code=4,
           out=[r"^2025-08-08 +yn hwyr +state\.referred +Mae penderfyniad yr SSAT",
                r"^P00001 ar 20 Awst 2025: 1 yn hwyr, 0 yn ddyledus cyn bo hir\.$"])
    so = expect(["case", "overdue", c, "--date", "2025-08-20", "--format", "json"], code=4)
    due = json.loads(so)
    if due["overdue"] != 1 or due["items"][0]["id"] != "case.due.referral_decision" or due["items"][0]["due"] != "2025-08-08":
        raise Failure("overdue JSON: %r" % due)
    expect(["case", "overdue", c, "--date", "2025-07-21"], out=[r"^P00001: nothing due on 21 July 2025\.$"])
    apply(c, "referral_accepted", "2025-07-25", state="accepted")
    # show: the trail as a table (Welsh state names with --lang cy), and the document as JSON.
    expect(["case", "show", c, "--guards"],
           out=[r"^  state: accepted$", r"^  parenting contract: none$", r"^  plans: PSP not active, IDP not active$",
                r"^  referral pack: 9 items$",
                r"^ *9  2025-07-25  referral_accepted +Mr Rhys Thomas +Attendance officer +referred -> accepted$",
                r"^    guards saw: state=engagement; contract=none; referral=met; referral\.r1\.attendance=met 323/380"])
    expect(["case", "show", c, "--lang", "cy"],
           out=[r"^Achos disgybl P00001 \(polisi carmarthenshire\)$", r"^  cyflwr: wedi'i dderbyn gan yr SSAT$",
                r"wedi'i atgyfeirio i'r SSAT -> wedi'i dderbyn gan yr SSAT$"])
    so = expect(["case", "show", c, "--format", "json"])
    if so.encode("utf-8") != read(c):
        raise Failure("show --format json is not the saved document")
    # The bundled sample case loads and is at the referral.
    expect(["case", "show", data("sample_case_P00001.json")],
           out=[r"^  state: referred$", r"^ *7  2025-07-18  referral_submitted "])


def refused():
    c = "refused.json"
    shutil.copy(data("sample_case_P00001.json"), os.path.join(WORK, c))
    expect(["case", "apply", c, "referral_accepted", "--date", "2025-07-25"] + OFFICER, code=0)
    before = read(c)
    # A referral from "accepted": refused by the state guard, and without a register by the referral guard.
    expect(["case", "apply", c, "referral_submitted", "--date", "2025-07-28"] + OFFICER, code=4,
           out=[r"^P00001: referral_submitted refused on 28 July 2025; the case is unchanged\. Its guards:$",
                r"^case\.guard\.state +not met +The case is in the state “accepted by the SSAT”; this is possible only "
                r"in the states: engagement with the family, returned to the school$",
                r"^case\.guard\.contract_not_live +met +",
                r"^case\.guard\.referral +not met +The referral criteria need the pupil's attendance register"])
    if read(c) != before:
        raise Failure("a refused event changed the file")
    expect(["case", "apply", c, "referral_submitted", "--date", "2025-07-28", "--lang", "cy"] + OFFICER, code=4,
           out=[r"^P00001: gwrthodwyd referral_submitted ar 28 Gorffennaf 2025; nid yw'r achos wedi newid\. Ei amodau:$",
                r"^case\.guard\.state +heb ei fodloni +Mae'r achos yn y cyflwr “wedi'i dderbyn gan yr SSAT”",
                r"^case\.guard\.referral +heb ei fodloni +Mae angen cofrestr bresenoldeb y disgybl a chalendr yr ysgol i asesu'r meini prawf atgyfeirio"])
    # A contract can only be signed once offered.
    so = expect(["case", "apply", c, "contract_signed", "--date", "2025-07-28", "--format", "json"] + OFFICER, code=4)
    answer = json.loads(so)
    guards = {g["guard"]: g for g in answer["guards"]}
    if answer["applied"] or guards["case.guard.contract_offered"]["outcome"] != "not_met":
        raise Failure("contract_signed refusal: %r" % answer)
    # A notice needs the register: refused with the reason, per parent.
    expect(["case", "apply", c, "few_contact", "--date", "2025-07-28"] + OFFICER, code=0)
    before = read(c)
    expect(["case", "apply", c, "notice_issued", "--date", "2025-07-29", "--parent", "M1"] + OFFICER, code=4,
           out=[r"^case\.guard\.penalty +not met +The penalty notice conditions need"])
    if read(c) != before:
        raise Failure("a refused notice changed the file")
    # How the notice is served (issue 14 item b): posted or hand is taken (and the guards decide), any
    # other service is a usage error naming both.
    expect(["case", "apply", c, "notice_issued", "--date", "2025-07-29", "--parent", "M1", "--detail", "posted"]
           + OFFICER, code=4, out=[r"^case\.guard\.penalty +not met"])
    expect(["case", "apply", c, "notice_issued", "--date", "2025-07-29", "--parent", "M1", "--detail", "email"]
           + OFFICER, code=1, err=[r'takes one of "posted", "hand"'])
    if read(c) != before:
        raise Failure("a refused notice changed the file")
    # --siblings: the parent's notices for other children (issue 14 item e); a malformed line is located.
    with open(os.path.join(WORK, "siblings.csv"), "w", encoding="utf-8") as f:
        f.write("parent_id,pupil_id,issued,absence_start,absence_end\nM1,P00002,2025-02-20,2025-01-06\n")
    expect(["case", "apply", c, "notice_issued", "--date", "2025-07-29", "--parent", "M1", "--siblings",
            "siblings.csv"] + OFFICER, code=2, err=[r"^siblings\.csv:2: expected parent_id,pupil_id,issued"])
    with open(os.path.join(WORK, "siblings.csv"), "w", encoding="utf-8") as f:
        f.write("parent_id,pupil_id,issued,absence_start,absence_end\nM1,P00002,2025-02-20,2025-01-06,2025-02-07\n")
    expect(["case", "apply", c, "notice_issued", "--date", "2025-07-29", "--parent", "M1", "--siblings",
            "siblings.csv"] + OFFICER, code=4, out=[r"^case\.guard\.penalty +not met"])
    if read(c) != before:
        raise Failure("a refused notice changed the file")
    # What the case cannot take as given is a usage error, and changes nothing either.
    expect(["case", "apply", c, "frobnicated", "--date", "2025-07-29"] + OFFICER, code=1, err=[r"frobnicated"])
    expect(["case", "apply", c, "few_contact", "--date", "2025-07-01"] + OFFICER, code=1,
           err=[r"before the last event in the trail \(2025-07-28\)"])
    expect(["case", "apply", c, "penalty_warning", "--date", "2025-07-29"] + OFFICER, code=1, err=[r"parent"])
    expect(["case", "apply", c, "few_contact", "--date", "2025-07-29"], code=1, err=[r"--actor NAME and --role ROLE"])
    expect(["case", "show", c, "--date", "2025-07-29"], code=1, err=[r"show does not take --date"])
    expect(["case", "overdue", c], code=1, err=[r"overdue: --date DATE is required"])
    expect(["case", "new", c, "--pupil", "P00001"], code=3, err=[r"already exists"])
    if read(c) != before:
        raise Failure("a usage error changed the file")
    # The pupil must be in the register the guards read.
    expect(["case", "next", c, "--date", "2025-07-29", "--register", os.path.join(os.path.dirname(__file__),
                                                                                 "ties_wide.csv")],
           code=2, err=[r"pupil P00001 is not in .*ties_wide\.csv"])


def corrupted():
    text = open(data("sample_case_P00001.json"), "rb").read()
    with open(os.path.join(WORK, "truncated.json"), "wb") as f:
        f.write(text[:len(text) // 2])
    expect(["case", "show", "truncated.json"], code=2,
           err=[r"^ssat case: truncated\.json: ssat_case_from_json: line \d+, column \d+: "], out=[r"^$"])
    expect(["case", "apply", "truncated.json", "few_contact", "--date", "2025-07-29"] + OFFICER, code=2,
           err=[r"^ssat case: truncated\.json: .*line \d+"])
    if read("truncated.json") != text[:len(text) // 2]:
        raise Failure("apply changed a corrupted file")
    # The library finds the policy the document names (issue 16): one that is not built in needs --policy.
    other = json.loads(text)
    other["policy"] = "powys-2025"
    with open(os.path.join(WORK, "other_policy.json"), "w", encoding="utf-8") as f:
        json.dump(other, f, indent=2, ensure_ascii=False)
    expect(["case", "show", "other_policy.json"], code=1,
           err=[r"other_policy\.json uses the policy \"powys-2025\", which is not built in: give its file with "
                r"--policy FILE"])
    doc = json.loads(text)
    doc["trail"][3]["date"] = "2024-11-31"  # no such day
    with open(os.path.join(WORK, "bad_date.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
    expect(["case", "show", "bad_date.json"], code=2, err=[r"bad_date\.json: .*field trail\[3\]\.date: "])
    bad = text.replace(b'"state_after": "referred"', b'"state_after": "accepted"', 1)
    with open(os.path.join(WORK, "bad_state.json"), "wb") as f:
        f.write(bad)
    expect(["case", "overdue", "bad_state.json", "--date", "2025-08-01"], code=2,
           err=[r"bad_state\.json: .*(trail|state_after)"])
    with open(os.path.join(WORK, "empty.json"), "wb") as f:
        pass
    expect(["case", "show", "empty.json"], code=2, err=[r"empty\.json: "])
    expect(["case", "show", "missing.json"], code=2, err=[r"cannot open missing\.json"])
    expect(["case", "show", data("sample_case_P00001.json"), "--policy", "wales"], code=2,
           err=[r"refers to policy \"carmarthenshire\", but the policy given is \"wales\""])


def leftovers(case):
    return sorted(n for n in os.listdir(WORK) if re.fullmatch(r"\.%s\.tmp-[A-Za-z0-9]{6}" % re.escape(case), n))


def interrupted():
    c = "crash.json"
    shutil.copy(data("sample_case_P00001.json"), os.path.join(WORK, c))
    before = read(c)
    env = dict(os.environ, SSAT_TEST_CRASH_BEFORE_RENAME="1")
    rc, so, se = run("case", "apply", c, "referral_accepted", "--date", "2025-07-25", *OFFICER, env=env)
    if rc != -signal.SIGABRT:
        raise Failure("with SSAT_TEST_CRASH_BEFORE_RENAME apply did not die by SIGABRT: exit status %d\n%s" % (rc, se))
    if read(c) != before:
        raise Failure("the case changed although the run died before the rename")
    expect(["case", "show", c], out=[r"^  state: referred$"])
    left = leftovers(c)
    if len(left) != 1:
        raise Failure("expected exactly the one temporary file of the run that died, found %r" % left)
    # It holds the complete new document, flushed before the rename would have happened.
    if json.loads(read(left[0]))["state"]["state"] != "accepted":
        raise Failure("the temporary file does not hold the new case")
    apply(c, "referral_accepted", "2025-07-25", state="accepted")
    if leftovers(c):
        raise Failure("the next apply left %r" % leftovers(c))
    others = sorted(n for n in os.listdir(WORK) if n.startswith("."))
    if others:
        raise Failure("stray files: %r" % others)
    # A new case that dies before it is published leaves no case at all.
    rc, so, se = run("case", "new", "born.json", "--pupil", "P00002", env=env)
    if rc != -signal.SIGABRT or os.path.exists(os.path.join(WORK, "born.json")):
        raise Failure("case new with the crash hook: exit %d, file there: %s" % (rc, os.path.exists("born.json")))
    if len(leftovers("born.json")) != 1:
        raise Failure("case new that died left %r" % leftovers("born.json"))
    # Made again, the case's first apply clears what the run that died left.
    expect(["case", "new", "born.json", "--pupil", "P00002"])
    expect(["case", "apply", "born.json", "concern_raised", "--date", "2024-10-07"] + OFFICER)
    if leftovers("born.json"):
        raise Failure("the apply after a new that died left %r" % leftovers("born.json"))


def concurrent():
    c = "busy.json"
    shutil.copy(data("sample_case_P00001.json"), os.path.join(WORK, c))
    events = [["plan_started", "--detail", "psp"], ["plan_started", "--detail", "idp"], ["attendance_improved"],
              ["contract_signed"]]  # the last is refused whatever the order: no contract was offered
    procs = [subprocess.Popen([TOOL, "case", "apply", c, e[0], "--date", "2025-07-21"] + OFFICER + e[1:], cwd=WORK,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for e in events]
    codes = [p.wait() for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    if codes != [0, 0, 0, 4]:
        raise Failure("exit statuses %r, expected [0, 0, 0, 4]" % codes)
    doc = json.loads(read(c))
    got = sorted(e["event"] + ":" + e["detail"] for e in doc["trail"][7:])
    if got != ["attendance_improved:", "plan_started:idp", "plan_started:psp"]:
        raise Failure("the trail after concurrent applies: %r" % got)
    expect(["case", "show", c], out=[r"^  plans: PSP active, IDP active$"])
    if leftovers(c):
        raise Failure("temporary files left: %r" % leftovers(c))


def write_json(name, doc):
    with open(os.path.join(WORK, name), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)


def evidence():
    os.umask(0o022)
    c = "ev.json"
    expect(["case", "new", c, "--pupil", "P00001", "--dob", "2013-02-11", "--on-roll", "yes"])
    mode = os.stat(os.path.join(WORK, c)).st_mode & 0o777
    if mode != 0o600:
        raise Failure("a new case file has mode %o, not 600" % mode)
    apply(c, "concern_raised", "2024-10-07", state="school_concern")
    apply(c, "letter_sent", "2024-10-08", "--detail", "attendance_concern", state="engagement")
    apply(c, "meeting_held", "2024-10-15", "--detail", "attended", state="engagement")
    doc = json.loads(read(c))
    # Edits by hand: an actor changed; an entry removed and the rest renumbered; the pupil changed.
    edited = json.loads(json.dumps(doc))
    edited["trail"][1]["actor"] = "Someone Else"
    write_json("actor.json", edited)
    expect(["case", "show", "actor.json"], code=2,
           err=[r"actor\.json: .*field trail\[1\]\.hash: the hash chain is broken at entry 2 \(letter_sent on "
                r"2024-10-08\)"])
    edited = json.loads(json.dumps(doc))
    del edited["trail"][0]
    for i, e in enumerate(edited["trail"]):
        e["sequence"] = i + 1
    write_json("removed.json", edited)
    expect(["case", "show", "removed.json"], code=2, err=[r"the hash chain is broken at entry 1 \(letter_sent"])
    edited = json.loads(json.dumps(doc))
    edited["pupil"]["id"] = "P00002"
    write_json("pupil.json", edited)
    expect(["case", "apply", "pupil.json", "attendance_improved", "--date", "2024-10-20"] + OFFICER, code=2,
           err=[r"the hash chain is broken at entry 1 \(concern_raised"])
    # A mistyped date: refused when implausible, voided by appending when merely wrong.
    expect(["case", "apply", c, "attendance_improved", "--date", "9999-12-31"] + OFFICER, code=1,
           err=[r"--date: the year 9999 is outside 1900\.\.2199"])
    expect(["case", "apply", c, "attendance_improved", "--date", "0001-01-01"] + OFFICER, code=1,
           err=[r"--date: the year 0001 is outside 1900\.\.2199"])
    expect(["case", "apply", c, "attendance_improved", "--date", "2025-10-17"] + OFFICER, code=1,
           err=[r"is 367 days after the previous entry \(entry 3, 2024-10-15\): more than case\.max_gap_days \(366\)"])
    apply(c, "attendance_improved", "2025-10-15", state="engagement")
    expect(["case", "apply", c, "attendance_improved", "--date", "2024-10-20"] + OFFICER, code=1,
           err=[r"before the last event in the trail \(2025-10-15\)"])
    expect(["case", "apply", c, "entry_voided", "--detail", "4", "--date", "2024-10-21"] + OFFICER, code=1,
           err=[r"argument 'note' is required: entry_voided says why"])
    apply(c, "entry_voided", "2024-10-21", "--detail", "4", "--note", "Typed 2025 for 2024", state="engagement")
    apply(c, "attendance_improved", "2024-10-20", state="engagement")
    expect(["case", "show", c], out=[r"^4  2025-10-15  attendance_improved", r"^    voided by entry 5$",
                                     r"^    note: Typed 2025 for 2024$", r"^  trail chain: SHA-256, head [0-9a-f]{64}$"])
    # Keyed: only with the key.
    with open(os.path.join(WORK, "key"), "wb") as f:
        f.write(bytes(range(32)))
    with open(os.path.join(WORK, "other.key"), "wb") as f:
        f.write(bytes(range(1, 33)))
    with open(os.path.join(WORK, "short.key"), "wb") as f:
        f.write(b"short")
    k = "keyed.json"
    expect(["case", "new", k, "--pupil", "P00001", "--key-file", "key"])
    expect(["case", "apply", k, "concern_raised", "--date", "2024-10-07", "--key-file", "key"] + OFFICER)
    expect(["case", "show", k, "--key-file", "key"], out=[r"^  trail chain: HMAC-SHA-256, head [0-9a-f]{64}$"])
    expect(["case", "show", k], code=2, err=[r"the trail is keyed \(hmac-sha256\)"])
    expect(["case", "show", k, "--key-file", "other.key"], code=2,
           err=[r"broken at entry 1 .*\(or the key is not the one the case was written with\)"])
    expect(["case", "show", k, "--key-file", "short.key"], code=1, err=[r"--key-file: short\.key holds 5 bytes"])
    # A case file from before the chain (format 1) loads; show says its entries were chained on loading.
    old = json.loads(read(c))
    old["format_version"] = 1
    del old["chain"]
    for e in old["trail"]:
        del e["hash"]
    write_json("old.json", old)
    expect(["case", "show", "old.json"], out=[r"^  \(6 entries were chained when the case was migrated"])
    apply("old.json", "support_offered", "2024-10-22", "--detail", "mentoring", state="engagement")
    if json.loads(read("old.json"))["chain"]["migrated"] != 6:
        raise Failure("the migrated count was not saved")


def symlink():
    expect(["case", "new", "real.json", "--pupil", "P00001"])
    os.symlink("real.json", os.path.join(WORK, "link.json"))
    os.makedirs(os.path.join(WORK, "sub"))
    os.symlink("../real.json", os.path.join(WORK, "sub", "link.json"))
    apply("link.json", "concern_raised", "2024-10-07", state="school_concern")
    apply("sub/link.json", "letter_sent", "2024-10-08", "--detail", "warning", state="engagement")
    for link in ("link.json", "sub/link.json"):
        if not os.path.islink(os.path.join(WORK, link)):
            raise Failure("%s was replaced by a file" % link)
    if len(json.loads(read("real.json"))["trail"]) != 2:
        raise Failure("the target does not hold both events")
    if leftovers("real.json") or leftovers("link.json"):
        raise Failure("temporary files left")


def unreported():
    def to_full(*args):
        with open("/dev/full", "w") as full:
            p = subprocess.run([TOOL] + list(args), stdout=full, stderr=subprocess.PIPE, cwd=WORK)
        return p.returncode, p.stderr.decode("utf-8")
    rc, err = to_full("case", "new", "u.json", "--pupil", "P00001")
    if rc != 5 or not os.path.exists(os.path.join(WORK, "u.json")):
        raise Failure("new with an unwritable report: exit %d, %s" % (rc, err))
    rc, err = to_full("case", "apply", "u.json", "concern_raised", "--date", "2024-10-07", *OFFICER)
    if rc != 5 or "the case is saved, but the report cannot be written" not in err:
        raise Failure("apply with an unwritable report: exit %d, %s" % (rc, err))
    if [e["event"] for e in json.loads(read("u.json"))["trail"]] != ["concern_raised"]:
        raise Failure("the event was not recorded exactly once")
    # Read-only commands keep exit 3 for output they cannot write.
    rc, err = to_full("case", "show", "u.json")
    if rc != 3:
        raise Failure("show with an unwritable report: exit %d" % rc)


def previous_year():
    """The files of evaluate's previous-year tests (tests/tool/prev_*): in prev_register_2023.csv P10 has
    5 O in the weeks of 10 June to 15 July 2024 (with this year's 5: 10, met), P09 4 (9, not met)."""
    here = os.path.dirname(os.path.abspath(__file__))
    this_year = ["--register", os.path.join(here, "prev_this_year.csv"), "--terms",
                 os.path.join(here, "prev_terms_2024.csv")]
    prev = ["--previous-register", os.path.join(here, "prev_register_2023.csv"), "--previous-terms",
            os.path.join(here, "prev_terms_2023.csv")]
    for pupil in ("P10", "P09"):
        c = pupil + ".json"
        expect(["case", "new", c, "--pupil", pupil, "--dob", "2012-05-01", "--on-roll", "yes", "--policy",
                "england-2024"])
        for event, detail in (("concern_raised", []), ("letter_sent", ["--detail", "attendance_concern"])):
            expect(["case", "apply", c, event, "--date", "2024-09-02"] + OFFICER + detail)
        expect(["case", "apply", c, "penalty_warning", "--date", "2024-09-02", "--parent", "M1"] + OFFICER)
    notice = ["case", "apply", "P10.json", "notice_issued", "--date", "2024-09-25", "--parent", "M1"] + OFFICER
    before = read("P10.json")
    # Without the previous year the limb is unknown: refused (exit 4), the file unchanged.
    expect(notice + this_year, code=4,
           out=[r"^case\.guard\.penalty +unknown +.* is not known: .*penalty\.limb\.combination"])
    if read("P10.json") != before:
        raise Failure("a refused notice changed the case file")
    expect(["case", "next", "P10.json", "--date", "2024-09-25", "--parent", "M1"] + this_year,
           out=[r"^notice_issued +no +"])
    expect(["case", "next", "P10.json", "--date", "2024-09-25", "--parent", "M1"] + this_year + prev,
           out=[r"^notice_issued +yes +"])
    so = expect(["case", "next", "P09.json", "--date", "2024-09-25", "--parent", "M1", "--format", "json"]
                + this_year + prev)
    if [e["possible"] for e in json.loads(so)["events"] if e["event"] == "notice_issued"] != [False]:
        raise Failure("next for P09 with 9 of 10 sessions: " + so)
    # With it: P10's ten sessions from 10 June 2024 hold; the trail records that window; the case reloads.
    expect(notice + this_year + prev, out=[r"-> statutory \(trail entry 4\); the case is saved\.$"])
    doc = json.loads(read("P10.json"))
    values = doc["trail"][-1]["guard_values"]
    if "notice.absence=2024-06-10 AM..2024-09-25" not in values or "penalty.limb.combination=met 10" not in values:
        raise Failure("the notice's guard values: " + values)
    if not doc["state"]["parents"][0]["notices"][0]["absence"].startswith("2024-06-10 AM"):
        raise Failure("the notice's absence: %r" % doc["state"]["parents"][0]["notices"])
    expect(["case", "show", "P10.json"], out=[r"^  state: statutory$"])
    # P09: 9 of 10, known: refused.
    expect(["case", "apply", "P09.json", "notice_issued", "--date", "2024-09-25", "--parent", "M1"] + OFFICER
           + this_year + prev, code=4, out=[r"^case\.guard\.penalty +not met +.*penalty\.limb\.combination"])
    # The usage errors of evaluate, and the previous year goes with this year's register.
    nxt = ["case", "next", "P09.json", "--date", "2024-09-25"]
    expect(nxt + this_year + ["--previous-terms", prev[3]], code=1,
           err=[r"--previous-terms needs the previous school year's registers \(--previous-register\)"])
    expect(nxt + this_year + prev[:2], code=1,
           err=[r"--terms gives this year's terms, so give the previous school year's too \(--previous-terms\)"])
    expect(nxt + prev, code=1, err=[r"next: --previous-register goes with --register"])
    expect(["case", "show", "P09.json"] + prev, code=1, err=[r"show does not take --previous-register"])


SCENARIOS = {"walk": walk, "refused": refused, "corrupted": corrupted, "interrupted": interrupted,
             "concurrent": concurrent, "evidence": evidence, "symlink": symlink, "unreported": unreported,
             "previous_year": previous_year}


def main(argv):
    global TOOL, DATA, WORK
    if len(argv) != 4 or argv[0] not in SCENARIOS:
        sys.exit("usage: case_flow.py %s TOOL DATA_DIR WORK_DIR" % "|".join(SCENARIOS))
    name, TOOL, DATA, work = argv
    TOOL, DATA = os.path.abspath(TOOL), os.path.abspath(DATA)
    WORK = os.path.join(os.path.abspath(work), "case_" + name)
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    try:
        SCENARIOS[name]()
    except Failure as e:
        print("FAIL: %s" % e, file=sys.stderr)
        sys.exit(1)
    print("ok: case %s" % name)


if __name__ == "__main__":
    main(sys.argv[1:])
