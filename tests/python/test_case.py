"""Cases (ssat/case.h): realistic walks, refusals with their guards in English and Welsh, next(), the
trail, replay, JSON round trips, due work, and the lifetimes of the case's pupil record and pack."""
import datetime
import gc
import json

import pytest

import ssat
from ssat import native

POLICY = "carmarthenshire"


def calendar():
    """The calendar of tests/rules_fixture.h (2024/25, three terms, the autumn half-term closed)."""
    cal = ssat.Calendar(2024)
    cal.clear_terms()
    cal.add_term("autumn", "2024-09-02", "2024-12-20")
    cal.add_term("spring", "2025-01-06", "2025-04-11")
    cal.add_term("summer", "2025-04-28", "2025-07-18")
    cal.add_closure("2024-10-28", "2024-11-01")
    return cal


def register(cal, runs):
    """A register filled school day by school day from 2024-09-02 with runs [(code, sessions), ...]."""
    marks = "".join(code * n for code, n in runs)
    reg = ssat.Register(ssat.CodeSet.builtin("wales-2010"))
    wide, day, i = [], datetime.date(2024, 9, 2), 0
    while i < len(marks):
        if day.weekday() < 5:
            if cal.is_school_day(day):
                wide.append(marks[i:i + 2].ljust(2, "."))
                i += 2
            else:
                wide.append("..")
        day += datetime.timedelta(days=1)
    reg.add_marks("2024-09-02", "".join(wide))
    return reg


@pytest.fixture
def cal():
    return calendar()


@pytest.fixture
def poor(cal):
    """80 present and 20 unauthorised sessions up to 2024-11-15: R1 and R2 met."""
    reg = register(cal, [("/", 80), ("O", 20)])
    assert reg.span().last_date == datetime.date(2024, 11, 15)
    return reg


@pytest.fixture
def policy():
    return ssat.Policy.builtin(POLICY)


def new_case(policy):
    case = ssat.Case("P1", policy)
    case.pupil.date_of_birth = "2012-05-01"
    for fact in ssat.PupilFact:
        case.pupil.set_fact(fact, True)
    return case


def school_work(case):
    """Concern, two letters, a meeting and support (tests/test_case_events.c's school_work)."""
    who = ("Ms Jones", "attendance officer")
    assert case.apply("concern_raised", "2024-09-20", *who).state_after == ssat.CaseState.SCHOOL_CONCERN
    case.apply("letter_sent", "2024-09-23", *who, detail="attendance_concern")
    assert case.state == ssat.CaseState.ENGAGEMENT
    case.apply("letter_sent", "2024-09-25", *who, parent_id="", detail="meeting_invitation")
    case.apply("meeting_held", "2024-10-01", *who, detail="attended", note="Attendance plan agreed.\nReview in May.")
    case.apply("support_offered", "2024-10-02", *who, detail="mentoring")
    assert case.state == ssat.CaseState.ENGAGEMENT


def fill_pack(case, reg, cal, referral_date):
    """What a referral needs in the case's pack (tests/case_fixture.h's case_fx_pack)."""
    pack = case.pack
    pack.add("concern", date="2024-09-20", raised_by="Head of Year 8", summary="Attendance has fallen below 90 %")
    pack.add("letter", date_sent="2024-09-23", type="attendance_concern", addressee="Mrs Evans", delivery="post",
             reference="L/2024/031")
    pack.add("letter", date_sent="2024-09-25", type="meeting_invitation", addressee="Mrs Evans", delivery="email",
             reference="L/2024/034")
    pack.add("meeting", invitation_date="2024-09-25", held=True, date="2024-10-01", time="09:30",
             parent_attended=True, outcome="Attendance plan agreed")
    pack.add("support", date="2024-10-02", kind="mentoring", response="accepted")
    pack.add("form", referral_date=referral_date, pupil_id="P1", pupil_name="Dylan Evans", date_of_birth="2012-05-01",
             parent_name="Mrs Evans", reasons="Attendance 80 %, 20 unauthorised sessions", referrer_name="Ms Jones",
             referrer_role="Attendance officer", head_teacher_name="Mr Price", head_teacher_signed=True,
             signed_date=referral_date)
    end = min(reg.span().last_date, datetime.date.fromisoformat(referral_date))
    cert = ssat.Certificate(reg, cal, ssat.window_range("2024-09-02", end), pupil_id="P1", pupil_name="Dylan Evans",
                            school="Ysgol Bro Myrddin", issue_date=end, signatory_name="Mr Price",
                            signatory_role="Head teacher")
    cert.to_pack(pack)
    assert pack.check(case.policy, reg, cal) == []


def apply(case, event, date, reg=None, cal=None, **kw):
    return case.apply(event, date, "Ms Jones", "attendance officer", register=reg, calendar=cal, **kw)


def refused(case, event, date, guard, reg=None, cal=None, **kw):
    before = case.to_json()
    with pytest.raises(ssat.StateError) as info:
        apply(case, event, date, reg, cal, **kw)
    exc = info.value
    assert guard in str(exc)
    refusal = exc.refusal
    assert isinstance(refusal, ssat.Decision) and refusal.kind == "case" and refusal.outcome == ssat.Outcome.NOT_MET
    k = refusal[guard]
    assert k.outcome != ssat.Outcome.MET and k.message_en and k.message_cy and k.message_en != k.message_cy
    assert all(c.id in ssat.criterion_ids() for c in refusal.criteria)
    assert case.to_json() == before
    return exc


def assert_replays(case, policy):
    assert case.replay() == case
    loaded = ssat.Case.from_json(case.to_json(), policy)
    assert loaded == case and loaded.to_json() == case.to_json() and loaded.trail == case.trail


# ---- walks ------------------------------------------------------------------------------------------

def test_walk_referral_improvement_closure(policy, cal, poor):
    case = new_case(policy)
    assert case.state == ssat.CaseState.MONITORING and case.trail == [] and case.pupil_id == "P1"
    school_work(case)
    apply(case, "plan_started", "2024-10-07", detail="psp")
    assert case.plan_active("psp") and not case.plan_active("idp")
    fill_pack(case, poor, cal, "2024-11-15")
    entry = apply(case, "referral_submitted", "2024-11-15", poor, cal)  # submitted with the register
    assert case.state == ssat.CaseState.REFERRED and entry.state_after == ssat.CaseState.REFERRED
    assert "referral=met; referral.r1.attendance=met 80/100; referral.r2.unauthorised=met 20" in entry.guard_values
    assert entry.guards["evidence.errors"] == "0" and entry.guards["state"] == "engagement"
    apply(case, "referral_accepted", "2024-11-22")
    apply(case, "few_contact", "2024-11-25")
    assert case.state == ssat.CaseState.FEW_ENGAGED
    apply(case, "plan_reviewed", "2024-11-26", detail="psp")
    exc = refused(case, "closed", "2025-02-03", "case.guard.improved", detail="improved")
    assert exc.refusal["case.guard.improved"].message("cy")
    apply(case, "attendance_improved", "2025-02-03")
    apply(case, "plan_ended", "2025-02-03", detail="psp")
    assert not case.plan_active("psp")
    apply(case, "closed", "2025-02-10", detail="improved")
    assert case.state == ssat.CaseState.CLOSED
    refused(case, "concern_raised", "2025-03-01", "case.guard.state")
    trail = case.trail
    assert len(trail) == 13 and [e.sequence for e in trail] == list(range(1, 14))
    last = trail[-1]
    assert (last.event, last.detail, last.state_before, last.state_after) == (
        "closed", "improved", ssat.CaseState.FEW_ENGAGED, ssat.CaseState.CLOSED)
    assert trail[3].note == "Attendance plan agreed.\nReview in May." and trail[0].actor == "Ms Jones"
    assert trail[0].date == datetime.date(2024, 9, 20) and trail[0].parent_id == ""
    assert_replays(case, policy)


def test_walk_warning_notice_payment(policy, cal):
    # present again up to 2024-12-20, but for a day of unauthorised absence on 2024-11-21, in the
    # improvement period after the warning of 2024-11-20 (a parent who complied is not fined)
    reg = register(cal, [("/", 80), ("O", 20), ("/", 6), ("O", 2), ("/", 42)])
    case = new_case(policy)
    school_work(case)
    fill_pack(case, reg, cal, "2024-11-15")
    apply(case, "referral_submitted", "2024-11-15", reg, cal)
    apply(case, "referral_accepted", "2024-11-18")
    apply(case, "few_contact", "2024-11-19")
    e = apply(case, "penalty_warning", "2024-11-20", reg, cal, parent_id="M1")
    assert case.state == ssat.CaseState.STATUTORY and "pupil.compulsory_age=yes" in e.guard_values
    exc = refused(case, "notice_issued", "2024-11-27", "case.guard.penalty", reg, cal, parent_id="M1")
    assert "penalty.guard.improvement_period" in str(exc)
    # two notices this year to M1 for the pupil's siblings: the per-parent limit (issue 14 item e)
    siblings = ssat.Parent("M1")
    absence = ssat.window_range("2024-01-08", "2024-02-09")
    siblings.add_notice("P2", "2024-02-20", absence)
    siblings.add_notice("P3", "2024-06-20", absence)
    with pytest.raises(ssat.StateError) as limit:
        case._n.apply_with_history(reg._n, cal._n, siblings._n, "notice_issued", "2024-12-12", "Ms Jones",
                                   "attendance officer", "M1")
    assert "case.guard.penalty" in str(limit.value)
    with pytest.raises(ssat.StateError) as limit:
        case.apply("notice_issued", "2024-12-12", "Ms Jones", "attendance officer", parent_id="M1", register=reg,
                   calendar=cal, history=siblings)
    assert not limit.value.refusal.met
    e = apply(case, "notice_issued", "2024-12-12", reg, cal, parent_id="M1")
    assert e.guards["notice.absence"] == "2024-09-02 AM..2024-12-12 PM" and e.parent_id == "M1"
    # Due work: the notice's early payment window ends within a week of 2025-01-06.
    due = case.overdue(cal, "2025-01-06")
    assert [p.id for p in due] == ["case.due.payment_early"]
    assert due[0].severity == ssat.Severity.WARNING and due[0].field == "parents[M1].notices[0]"
    assert due[0].date == datetime.date(2025, 1, 9) and due[0].message_cy
    e = apply(case, "notice_paid", "2024-12-30", parent_id="M1")
    assert "payment.amount_pence=6000; payment.stage=early" in e.guard_values
    refused(case, "notice_paid", "2024-12-31", "case.guard.notice_open", parent_id="M1")
    assert case.overdue(cal, "2025-01-06") == []
    assert len(case.trail) == 11
    assert_replays(case, policy)


def test_posted_notice_counts_from_receipt(policy, cal):
    # issue 14 item b: posted on Thursday 2024-12-12, deemed received on Monday 2024-12-16; the 42 days
    # of payment (and the early window's 28) run from then
    reg = register(cal, [("/", 80), ("O", 20), ("/", 6), ("O", 2), ("/", 42)])
    case = new_case(policy)
    school_work(case)
    fill_pack(case, reg, cal, "2024-11-15")
    apply(case, "referral_submitted", "2024-11-15", reg, cal)
    apply(case, "referral_accepted", "2024-11-18")
    apply(case, "few_contact", "2024-11-19")
    apply(case, "penalty_warning", "2024-11-20", reg, cal, parent_id="M1")
    e = apply(case, "notice_issued", "2024-12-12", reg, cal, parent_id="M1", detail="posted")
    assert e.detail == "posted"
    due = case.overdue(cal, "2025-01-13")
    assert [p.id for p in due] == ["case.due.payment_early"] and due[0].date == datetime.date(2025, 1, 13)
    exc = refused(case, "notice_unpaid", "2025-01-27", "case.guard.payment_period_over", parent_id="M1")
    assert "receipt of the notice on 16 December 2024" in exc.refusal["case.guard.payment_period_over"].message_en
    e = apply(case, "notice_unpaid", "2025-01-28", parent_id="M1")
    assert "payment.received=2024-12-16 (posted)" in e.guard_values
    assert '"posted"' in case.to_json()
    assert_replays(case, policy)


def test_contract_sub_state(policy, cal, poor):
    case = new_case(policy)
    school_work(case)
    assert case.contract == ssat.ContractState.NONE
    apply(case, "contract_offered", "2024-10-03")
    assert case.contract == ssat.ContractState.OFFERED
    fill_pack(case, poor, cal, "2024-11-15")
    refused(case, "referral_submitted", "2024-11-15", "case.guard.contract_not_live", poor, cal)
    apply(case, "contract_refused", "2024-10-10")
    assert case.contract == ssat.ContractState.DECLINED
    apply(case, "referral_submitted", "2024-11-15", poor, cal)
    assert case.state == ssat.CaseState.REFERRED


# ---- refusals ---------------------------------------------------------------------------------------

def test_referral_refused_with_the_reason_in_welsh(policy, cal):
    full = register(cal, [("/", 100)])  # full attendance: R1 and R2 not met
    case = new_case(policy)
    school_work(case)
    fill_pack(case, full, cal, "2024-11-15")
    exc = refused(case, "referral_submitted", "2024-11-15", "case.guard.referral", full, cal)
    assert "referral.r1.attendance, referral.r2.unauthorised" in exc.message
    guard = exc.refusal["case.guard.referral"]
    assert "Nid yw meini prawf atgyfeirio" in guard.message_cy and guard.message("en") == guard.message_en
    assert exc.status == ssat.Status.ERR_STATE and exc.problems == ()
    # Without the register or the calendar the guard cannot look, and says so.
    with pytest.raises(ssat.StateError, match="register"):
        apply(case, "referral_submitted", "2024-11-15", None, cal)
    with pytest.raises(ssat.StateError, match="calendar"):
        apply(case, "referral_submitted", "2024-11-15", full, None)
    with pytest.raises(ssat.StateError, match="outside the calendar's school year"):
        apply(case, "referral_submitted", "2025-09-01", full, cal)
    assert case.state == ssat.CaseState.ENGAGEMENT and len(case.trail) == 5


def test_apply_arguments(policy):
    case = new_case(policy)
    apply(case, "concern_raised", "2024-09-20")
    with pytest.raises(ssat.NotFound):
        apply(case, "concern_rased", "2024-09-21")
    with pytest.raises(ssat.InvalidArgument, match="before"):
        apply(case, "letter_sent", "2024-09-19", detail="warning")
    with pytest.raises(ssat.InvalidArgument):
        case.apply("letter_sent", "2024-09-21", "", "role", detail="warning")
    with pytest.raises(ssat.InvalidArgument):
        apply(case, "letter_sent", "2024-09-21", detail="a postcard")
    with pytest.raises(ssat.InvalidArgument):
        apply(case, "meeting_held", "2024-09-21")  # the detail is required
    with pytest.raises(ssat.ParseError):
        apply(case, "letter_sent", "2024-09-31", detail="warning")
    with pytest.raises(TypeError):
        apply(case, "letter_sent", "2024-09-21", "not a register", detail="warning")
    with pytest.raises(TypeError):
        ssat.Case("P1", "carmarthenshire")
    with pytest.raises(ssat.InvalidArgument):
        ssat.Case("", policy)
    assert len(case.trail) == 1


# ---- next, states, events ---------------------------------------------------------------------------

def test_next_lists_every_event(policy, cal, poor):
    case = new_case(policy)
    d = case.next("2024-09-20", poor, cal)
    assert d.kind == "next" and d.met
    assert [c.id for c in d.criteria] == [f"case.event.{e}" for e in ssat.Case.events()]
    assert d["case.event.concern_raised"].met and not d["case.event.referral_accepted"].met
    assert "monitoring" in d["case.event.referral_accepted"].message_en
    assert d["case.event.referral_accepted"].message_cy != d["case.event.referral_accepted"].message_en
    assert not d["case.event.penalty_warning"].met  # statutory events need a parent
    assert case.next("2024-09-20", parent_id="M1").kind == "next"
    apply(case, "concern_raised", "2024-09-20")
    with pytest.raises(ssat.InvalidArgument):
        case.next("2024-09-19")
    assert not case.next("2024-09-20")["case.event.concern_raised"].met


def test_states_and_events():
    assert [str(s) for s in ssat.CaseState] == [
        "monitoring", "school_concern", "engagement", "referred", "returned", "accepted", "few_engaged", "statutory",
        "closed"]
    assert ssat.CaseState.SCHOOL_CONCERN.label("cy") == "pryder yr ysgol"
    assert ssat.case_state_name(ssat.CaseState.CLOSED) == "closed"
    with pytest.raises(ssat.InvalidArgument):  # not "", as if 99 were a state without a name
        ssat.case_state_name(99)
    events = ssat.Case.events()
    assert len(events) == native.ssat_case_event_count() == 30 and events[0] == "concern_raised"
    assert native.ssat_case_event_at(len(events)) is None
    assert [c.name for c in ssat.ContractState] == ["NONE", "OFFERED", "AGREED", "DECLINED", "BREACHED", "COMPLETED"]


# ---- JSON, replay, equality -------------------------------------------------------------------------

def test_json_round_trip(policy, cal, poor):
    case = new_case(policy)
    school_work(case)
    fill_pack(case, poor, cal, "2024-11-15")
    apply(case, "referral_submitted", "2024-11-15", poor, cal)
    text = case.to_json()
    doc = json.loads(text)
    assert doc["format"] == "ssat-case" and doc["policy"] == POLICY and len(doc["trail"]) == 6
    assert doc["state"]["state"] == "referred" and doc["pupil"]["date_of_birth"] == "2012-05-01"
    loaded = ssat.Case.from_json(text.encode(), policy)
    assert loaded == case and loaded.to_json() == text
    assert len(loaded.pack) == len(case.pack) and loaded.pupil.date_of_birth == datetime.date(2012, 5, 1)
    # The loaded case goes on like the original.
    apply(loaded, "referral_accepted", "2024-11-18")
    assert loaded != case and loaded.state == ssat.CaseState.ACCEPTED
    # Errors name the path; another policy is refused; a trail that does not lead to the state too.
    doc["trail"][2]["date"] = "2024-13-01"
    with pytest.raises(ssat.ParseError, match=r"trail\[2\]\.date"):
        ssat.Case.from_json(json.dumps(doc), policy)
    with pytest.raises(ssat.ParseError):
        ssat.Case.from_json(text[:-20], policy)
    with pytest.raises(ssat.StateError):
        ssat.Case.from_json(text, ssat.Policy.builtin("wales"))
    doc = json.loads(text)
    doc["state"]["state"] = "accepted"
    with pytest.raises(ssat.StateError):
        ssat.Case.from_json(json.dumps(doc), policy)
    assert case != "a case" and case.replay() == case


def test_overdue_plan_review(policy):
    case = new_case(policy)
    apply(case, "concern_raised", "2024-09-20")
    apply(case, "plan_started", "2024-09-20", detail="psp")
    assert case.overdue(None, "2024-10-01") == []
    soon = case.overdue(None, "2024-10-28")
    assert [(p.id, p.severity, p.field, p.date) for p in soon] == [
        ("case.due.plan_review", ssat.Severity.WARNING, "plans.psp", datetime.date(2024, 11, 1))]
    late = case.overdue(None, "2024-11-04")
    assert late[0].is_error and late[0].message_cy != late[0].message_en
    apply(case, "closed", "2024-11-05", detail="other")
    assert case.overdue(None, "2025-01-01") == []


# ---- lifetimes and the native layer -----------------------------------------------------------------

def test_pupil_pack_and_policy_belong_to_the_case(policy):
    case = ssat.Case("P7", policy)
    pupil, pack, own_policy = case.pupil, case.pack, case.policy
    pupil.set_fact(ssat.PupilFact.ON_ROLL, True)
    pack.add("concern", date="2024-09-20", raised_by="Head of Year 8", summary="Falling attendance")
    text = case.to_json()
    del case
    gc.collect()
    # The objects keep the case alive, and what was done through them is the case's.
    assert pupil.fact(ssat.PupilFact.ON_ROLL) == ssat.Fact.YES and pupil.id == "P7"
    pack.add("support", date="2024-10-02", kind="mentoring", response="accepted")
    assert len(pack) == 2 and pack.kind(0) == "concern"
    loaded = ssat.Case.from_json(text, policy)
    assert loaded.pupil.fact(ssat.PupilFact.ON_ROLL) == ssat.Fact.YES and len(loaded.pack) == 1
    # The policy is a copy: changing it changes nothing in the case.
    own_policy["referral.attendance.threshold"] = 50
    assert loaded.policy["referral.attendance.threshold"] == policy["referral.attendance.threshold"]
    del pupil, pack
    gc.collect()


def test_native_case(policy):
    c = native.SsatCase("P1", policy._n)
    entry = c.apply(None, None, "concern_raised", "2024-09-20", "Ms Jones", "Head of Year 8", None, None, "first")
    assert entry["event"] == "concern_raised" and entry["note"] == "first" and entry["state_after"] == 1
    with pytest.raises(ssat.StateError) as info:
        c.apply(None, None, "referral_accepted", "2024-09-21", "a", "b")
    rec = info.value.refusal
    assert rec["kind"] == "case" and rec["outcome"] == native.SSAT_OUTCOME_NOT_MET and rec["earliest_date"] is None
    assert rec["criteria"][0]["id"] == "case.guard.state" and rec["criteria"][0]["message_cy"]
    assert (c.state(), c.contract(), c.trail_count(), c.pupil_id()) == (1, 0, 1, "P1")
    assert c.trail_at(0) == c.trail()[0] == entry
    with pytest.raises(ssat.RangeError):
        c.trail_at(1)
    d = c.next(None, None, "2024-09-21")
    assert d.kind() == "next" and d.count() == 30
    assert c.policy().name() == POLICY and c.pupil().id() == "P1" and c.pack().count() == 0
    assert c.replay().equals(c) and native.SsatCase.from_json(c.to_json(), policy._n).equals(c)
    assert c.overdue(None, "2024-09-21") == []
    # Other exceptions carry no refusal.
    with pytest.raises(ssat.NotFound) as other:
        c.apply(None, None, "nothing", "2024-09-21", "a", "b")
    assert other.value.refusal is None


# ---- the trail as evidence (issue 15 items 4-6) -------------------------------------------------------

def test_hash_chain_detects_edits(policy):
    case = new_case(policy)
    case.apply("concern_raised", "2024-09-20", "Ms Jones", "Head of Year 8")
    case.apply("letter_sent", "2024-09-23", "Ms Jones", "Head of Year 8", detail="attendance_concern")
    entries = case.trail
    assert all(len(e.hash) == 64 for e in entries) and case.chain_head == entries[-1].hash
    assert not case.chain_keyed and case.chain_migrated == 0
    doc = json.loads(case.to_json())
    doc["trail"][1]["actor"] = "Mr Forger"
    with pytest.raises(ssat.StateError, match=r"trail\[1\]\.hash: the hash chain is broken at entry 2"):
        ssat.Case.from_json(json.dumps(doc), policy)


def test_keyed_chain(policy):
    key = bytes(range(32))
    case = ssat.Case("P1", policy, key=key)
    case.apply("concern_raised", "2024-09-20", "Ms Jones", "Head of Year 8")
    assert case.chain_keyed
    text = case.to_json()
    with pytest.raises(ssat.StateError, match="keyed"):
        ssat.Case.from_json(text, policy)
    with pytest.raises(ssat.StateError, match="or the key is not the one"):
        ssat.Case.from_json(text, policy, key=bytes(range(1, 33)))
    assert ssat.Case.from_json(text, policy, key=key) == case
    assert ssat.Case.from_json(text, policy, key=key.decode("latin-1").encode("latin-1")) == case
    with pytest.raises(ssat.InvalidArgument, match="16 to 4096 bytes"):
        ssat.Case("P1", policy, key=b"short")


def test_entry_voided_and_dates(policy):
    case = new_case(policy)
    case.apply("concern_raised", "2199-09-20", "Ms Jones", "Head of Year 8")  # a typo
    with pytest.raises(ssat.InvalidArgument, match="before the last event"):
        case.apply("letter_sent", "2024-09-23", "Ms Jones", "Head of Year 8", detail="warning")
    e = case.apply("entry_voided", "2024-09-21", "Mr Owen", "Attendance officer", detail="1", note="Typed 2199")
    assert e.event == "entry_voided" and case.state == ssat.CaseState.MONITORING
    assert case.trail[0].voided_by == 2
    case.apply("concern_raised", "2024-09-20", "Ms Jones", "Head of Year 8")
    assert case.state == ssat.CaseState.SCHOOL_CONCERN
    assert ssat.Case.from_json(case.to_json(), policy) == case
    with pytest.raises(ssat.InvalidArgument, match="the year 9999 is outside 1900..2199"):
        case.apply("letter_sent", "9999-12-31", "Ms Jones", "Head of Year 8", detail="warning")
    with pytest.raises(ssat.InvalidArgument, match="more than case.max_gap_days"):
        case.apply("letter_sent", "2025-12-31", "Ms Jones", "Head of Year 8", detail="warning")


def test_apply_event_and_set_pack(policy):
    """ssat_case_apply_event (the event as a struct) and ssat_case_set_pack (issue 16)."""
    a, b = new_case(policy), new_case(policy)
    e = a._n.apply_event(None, None, None, "concern_raised", "2024-09-20", "Ms Jones", "Head of Year 8")
    assert e["event"] == "concern_raised" and e["sequence"] == 1
    b._n.apply(None, None, "concern_raised", "2024-09-20", "Ms Jones", "Head of Year 8")  # deprecated in C
    assert a == b
    with pytest.raises(ssat.InvalidArgument, match="ssat_case_apply_event: argument 'actor'"):
        a._n.apply_event(None, None, None, "letter_sent", "2024-09-23", "", "r", None, "warning")
    with pytest.raises(ssat.StateError) as exc:
        a._n.apply_event(None, None, None, "referral_accepted", "2024-09-23", "Ms Jones", "SSAT officer")
    assert "case.guard.state" in str(exc.value) and exc.value.refusal["outcome"] == ssat.Outcome.NOT_MET
    # the pack: copies of another pack's items; a Pack taken before shows them
    held = a.pack
    pack = ssat.Pack()
    pack.add("concern", date="2024-09-20", raised_by="Head of Year 8", summary="Attendance below 90 %")
    a.pack = pack
    assert a.pack == pack and held == pack and len(held) == 1
    pack.add("support", date="2024-10-02", kind="mentoring", response="accepted")
    assert len(a.pack) == 1  # the caller's pack stays its own
    with pytest.raises(TypeError):
        a.pack = "not a pack"
    assert ssat.Case.from_json(a.to_json(), policy) == a


def test_from_json_resolves_the_policy(policy):
    """ssat_case_load_json (issue 16): without a policy, the built-in the document names."""
    case = new_case(policy)
    case.apply("concern_raised", "2024-09-20", "Ms Jones", "Head of Year 8")
    loaded = ssat.Case.from_json(case.to_json())
    assert loaded == case and loaded.policy.name == POLICY
    keyed = ssat.Case("P1", policy, key=bytes(range(32)))
    keyed.apply("concern_raised", "2024-09-20", "Ms Jones", "Head of Year 8")
    assert ssat.Case.from_json(keyed.to_json(), key=bytes(range(32))) == keyed
    doc = json.loads(case.to_json())
    doc["policy"] = "powys-2025"
    with pytest.raises(ssat.NotFound, match="no policy \"powys-2025\": it is not built in"):
        ssat.Case.from_json(json.dumps(doc))


def test_main_state_and_plan_enum(policy):
    """ssat_case_main_state and ssat_case_plan_is_active (issue 16): plans by name or by enum."""
    case = new_case(policy)
    case.apply("concern_raised", "2024-09-20", "Ms Jones", "Head of Year 8")
    case.apply("plan_started", "2024-09-21", "Ms Jones", "Head of Year 8", detail="idp")
    assert case.state == ssat.CaseState.SCHOOL_CONCERN == case._n.main_state() == case._n.state()
    assert case.plan_active(native.SSAT_CASE_PLAN_IDP) and case.plan_active("idp")
    assert not case.plan_active(native.SSAT_CASE_PLAN_PSP) and not case.plan_active("nothing")


def test_notice_counts_the_previous_school_year(two_school_years):
    """England's 10 school weeks reach back before 1 August on 25 September 2024 (docs/rules.md's worked
    example): without the previous year the notice is refused (the limb unknown); with the previous
    year's register (5 O in the weeks of 10 June to 15 July 2024, with this year's 5: 10) it is applied,
    over the window from 10 June, and the case saves, loads and replays; next() says the same."""
    england = ssat.CodeSet.builtin("england-2024")
    case = ssat.Case("P1", ssat.Policy.builtin("england-2024"))
    case.pupil.date_of_birth = "2012-05-01"
    case.pupil.set_fact(ssat.PupilFact.ON_ROLL, True)
    cal, prev_cal = two_school_years
    reg = ssat.Register(england)
    day = datetime.date(2024, 9, 2)
    marks = "/" * 30 + "O" * 5  # to 25 September AM
    while marks:
        if day.weekday() < 5:
            reg.add_marks(day, marks[:2].ljust(2, "."))
            marks = marks[2:]
        day += datetime.timedelta(days=1)
    prev = ssat.Register(england)
    for day_, half in (("2024-06-10", "AM"), ("2024-06-12", "AM"), ("2024-07-15", "AM"), ("2024-07-15", "PM"),
                       ("2024-07-19", "PM")):
        prev.add_mark(day_, half, "O")
    who = ("Ms Jones", "attendance officer")
    case.apply("concern_raised", "2024-09-02", *who)
    case.apply("letter_sent", "2024-09-02", *who, detail="attendance_concern")
    case.apply("penalty_warning", "2024-09-02", *who, parent_id="M1")
    notice = dict(parent_id="M1", register=reg, calendar=cal)
    with pytest.raises(ssat.StateError) as refused:
        case.apply("notice_issued", "2024-09-25", *who, **notice)
    assert refused.value.refusal["case.guard.penalty"].outcome == ssat.Outcome.UNKNOWN
    assert case.next("2024-09-25", reg, cal, "M1")["case.event.notice_issued"].outcome == ssat.Outcome.NOT_MET
    nxt = case.next("2024-09-25", reg, cal, "M1", previous_register=prev, previous_calendar=prev_cal)
    assert nxt["case.event.notice_issued"].outcome == ssat.Outcome.MET
    with pytest.raises(ssat.InvalidArgument, match="previous_calendar"):
        case.apply("notice_issued", "2024-09-25", *who, **notice, previous_register=prev)
    entry = case.apply("notice_issued", "2024-09-25", *who, **notice, previous_register=prev,
                       previous_calendar=prev_cal)
    assert entry.state_after == ssat.CaseState.STATUTORY
    assert entry.guards["notice.absence"].startswith("2024-06-10 AM..")
    assert entry.guards["penalty.limb.combination"] == "met 10"
    assert ssat.Case.from_json(case.to_json()) == case
    assert case.replay() == case
    with pytest.raises(TypeError, match="previous_calendar: expected ssat.Calendar"):
        case.next("2024-09-25", reg, cal, "M1", previous_register=prev, previous_calendar=prev)
