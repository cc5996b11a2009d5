"""Policies, window kinds, pupils, parents, explained decisions, rules and projections."""
import datetime
import gc
import json
from decimal import Decimal
from fractions import Fraction

import pytest

import ssat
from ssat import native

from conftest import register_with

D = datetime.date


# ---- policies ---------------------------------------------------------------------------------------

def test_builtin_policies_and_keys():
    assert ssat.Policy.builtin_names() == ["carmarthenshire", "wales", "england-2024"]
    assert ssat.Policy.builtin().name == "carmarthenshire"
    keys = ssat.Policy.keys()
    assert len(keys) == native.SsatPolicy.keys().__len__() >= 32
    assert all(isinstance(k, ssat.PolicyKey) and k.doc for k in keys)
    assert native.SsatPolicy.key_at(0)["key"] == keys[0].key
    with pytest.raises(ssat.RangeError):
        native.SsatPolicy.key_at(len(keys))
    with pytest.raises(ssat.NotFound):
        ssat.Policy.builtin("narnia")


def test_typed_values():
    p = ssat.Policy.builtin("carmarthenshire")
    assert p["referral.attendance.threshold"] == Fraction(85)
    assert p["referral.attendance.comparator"] == ssat.Comparator.LE
    assert p["referral.unauthorised.min_sessions"] == 10
    assert p["absence.severe.enabled"] is False
    assert p["penalty.limb.window"] == (ssat.WindowKind.TERM, 0)
    assert p["code_set"] == "wales-2010"
    england = ssat.Policy.builtin("england-2024")
    assert england["penalty.limb.window"] == (ssat.WindowKind.LAST_WEEKS, 10)
    assert england["penalty.amount.early_pence"] == 8000 and england["absence.severe.enabled"] is True

    p["referral.attendance.threshold"] = "87.5"
    assert p["referral.attendance.threshold"] == Fraction(175, 2)
    assert p.value_text("referral.attendance.threshold") == "87.5"
    p["referral.attendance.threshold"] = Decimal("86.25")
    assert native.SsatPolicy.get_percent(p._n, "referral.attendance.threshold") == [8625, 100]
    with pytest.raises(ssat.InvalidArgument, match="denominator"):
        p["referral.attendance.threshold"] = Fraction(100, 3)  # not a decimal fraction
    assert p["referral.attendance.threshold"] == Fraction(8625, 100)  # unchanged by the failed set
    p["referral.attendance.threshold"] = 85
    p["referral.attendance.comparator"] = "<"
    assert p["referral.attendance.comparator"] == ssat.Comparator.LT
    p["referral.attendance.comparator"] = ssat.Comparator.LE
    p["absence.severe.enabled"] = True
    p["absence.severe.enabled"] = "false"
    assert p["absence.severe.enabled"] is False
    p["penalty.limb.window"] = (ssat.WindowKind.LAST_WEEKS, 6)
    assert p.value_text("penalty.limb.window") == "last_weeks:6"
    p["penalty.limb.window"] = "term"
    p["referral.unauthorised.min_sessions"] = 12
    p["code_set"] = "england-2024"
    assert p["code_set"] == "england-2024"
    p["code_set"] = "wales-2010"


def test_policy_errors_name_the_key():
    p = ssat.Policy.builtin()
    with pytest.raises(ssat.NotFound, match="no.such.key"):
        p["no.such.key"]
    with pytest.raises(ssat.RangeError):
        p["referral.attendance.threshold"] = 101
    with pytest.raises(ssat.RangeError):
        p["penalty.limit.period_months"] = 0
    with pytest.raises(ssat.InvalidArgument):
        native.SsatPolicy.get_int(p._n, "referral.attendance.threshold")  # wrong type
    with pytest.raises(ssat.NotFound):
        p["code_set"] = "scotland-1999"
    with pytest.raises(ssat.ParseError):
        p["referral.attendance.comparator"] = "=="
    with pytest.raises(TypeError):
        p["absence.severe.enabled"] = 1
    with pytest.raises(ssat.InvalidArgument):
        p.name = ""
    with pytest.raises(ssat.InvalidArgument):
        native.SsatPolicy.set_percent(p._n, "referral.attendance.threshold", 100, 3)
    assert p == ssat.Policy.builtin()  # every failed set left the policy unchanged


def test_copy_rename_equal_and_json_round_trip():
    p = ssat.Policy.builtin()
    q = p.copy()
    assert q == p and q is not p
    q.name = "sir-gâr-2025"
    assert q != p and q.name == "sir-gâr-2025"
    q["referral.attendance.threshold"] = "87.5"
    doc = q.to_json()
    parsed = json.loads(doc)
    assert parsed["format"] == "ssat-policy" and parsed["format_version"] == native.SSAT_POLICY_FORMAT_VERSION
    assert parsed["name"] == "sir-gâr-2025"
    assert ssat.Policy.from_json(doc) == q
    assert ssat.Policy.from_json(doc.encode("utf-8")) == q  # bytes: read in place
    small = {"format": "ssat-policy", "format_version": 1, "name": "mine", "base": "wales",
             "values": {"referral": {"attendance": {"threshold": "80"}}}}
    mine = ssat.Policy.from_json(json.dumps(small))
    assert mine.name == "mine" and mine["referral.attendance.threshold"] == 80
    with pytest.raises(ssat.ParseError, match="line"):
        ssat.Policy.from_json("{ not json")
    bad = dict(small, values={"referral": {"attendance": {"threshold": True}}})
    with pytest.raises(ssat.ParseError, match="values.referral.attendance.threshold"):
        ssat.Policy.from_json(json.dumps(bad))
    with pytest.raises(ssat.NotFound):
        ssat.Policy.from_json(json.dumps(dict(small, base="narnia")))
    assert dict(q.items())["referral.attendance.threshold"] == Fraction(175, 2)


# ---- window kinds -----------------------------------------------------------------------------------

def test_window_kinds(wales, calendar_2024):
    assert ssat.parse_window_kind("last_weeks:10") == (ssat.WindowKind.LAST_WEEKS, 10)
    assert ssat.parse_window_kind("year_to_date") == (ssat.WindowKind.YEAR_TO_DATE, 0)
    assert ssat.format_window_kind(ssat.WindowKind.LAST_SESSIONS, 20) == "last_sessions:20"
    assert ssat.format_window_kind("term") == "term"
    with pytest.raises(ssat.ParseError):
        ssat.parse_window_kind("fortnight")
    with pytest.raises(ssat.InvalidArgument):
        ssat.format_window_kind(ssat.WindowKind.LAST_WEEKS, 0)
    cal = calendar_2024
    assert ssat.resolve_window("year_to_date", cal, "2025-03-14") == cal.window_year_to_date("2025-03-14")
    assert ssat.resolve_window(ssat.WindowKind.TERM, cal, "2025-03-14") == cal.window_term("2025-03-14")
    assert ssat.resolve_window("last_weeks:2", cal, "2025-03-14") == cal.window_last_weeks("2025-03-14", 2)
    reg = register_with(wales, D(2024, 9, 4), "/\\" * 10)
    assert ssat.resolve_window("last_sessions:4", cal, "2024-09-17", register=reg) == \
        reg.window_last_sessions("2024-09-17", 4)
    with pytest.raises(ssat.InvalidArgument):
        ssat.resolve_window("last_sessions:4", cal, "2024-09-17")  # needs the register


# ---- pupils and parents -----------------------------------------------------------------------------

def test_pupil_facts_and_compulsory_age():
    p = ssat.Pupil("P00001")
    assert p.id == "P00001" and p.date_of_birth is None
    assert all(p.fact(f) == ssat.Fact.UNKNOWN for f in ssat.PupilFact)
    with pytest.raises(ssat.NotFound):
        p._n.date_of_birth()
    p.date_of_birth = "2013-02-11"
    p.set_fact(ssat.PupilFact.ON_ROLL, True)
    p.set_fact(ssat.PupilFact.SUPPORT_OFFERED, False)
    p.set_fact(ssat.PupilFact.CAUSE_EXPLORED, ssat.Fact.YES)
    assert p.date_of_birth == D(2013, 2, 11)
    assert (p.fact(ssat.PupilFact.ON_ROLL), p.fact(ssat.PupilFact.SUPPORT_OFFERED)) == (ssat.Fact.YES, ssat.Fact.NO)
    p.set_fact(ssat.PupilFact.ON_ROLL, None)
    assert p.fact(ssat.PupilFact.ON_ROLL) == ssat.Fact.UNKNOWN
    q = ssat.Pupil("P2", date_of_birth=D(2012, 2, 29), on_roll=True, evidence_complete=False)
    assert q.fact(ssat.PupilFact.EVIDENCE_COMPLETE) == ssat.Fact.NO
    with pytest.raises(TypeError):
        ssat.Pupil("P3", sleepy=True)
    with pytest.raises(ssat.InvalidArgument):
        ssat.Pupil("")
    with pytest.raises(ssat.InvalidArgument):
        p.set_fact(99, True)
    assert ssat.compulsory_school_age("2013-02-11") == (D(2018, 3, 31), D(2029, 6, 29))
    assert ssat.is_compulsory_school_age("2013-02-11", "2025-03-14")
    assert not ssat.is_compulsory_school_age("2013-02-11", "2018-03-30")


def test_parent_history():
    m = ssat.Parent("M1")
    assert m.id == "M1" and len(m) == 0
    autumn = ssat.window_range("2024-09-02", "2024-12-20")
    m.add_warning("P1", "2024-10-01")
    m.add_notice("P1", "2024-11-01", autumn)
    m.add_proceedings("P2", "2025-01-10", {"first_date": "2024-09-02", "first_half": "AM",
                                           "last_date": "2024-12-20", "last_half": "PM"})
    assert len(m) == 3
    assert m[0] == ssat.ParentEntry(ssat.ParentEvent.WARNING, "P1", D(2024, 10, 1), None)
    assert m.history[1].absence == autumn and m.history[2].kind == ssat.ParentEvent.PROCEEDINGS
    with pytest.raises(IndexError):  # a sequence: m[3] past the end, m[-1] the last entry
        m[3]
    assert m[-1] == m.history[2] and list(m) == m.history
    with pytest.raises(ssat.InvalidArgument):
        m.add(ssat.ParentEvent.NOTICE, "P1", "2024-11-01")  # a notice needs its absence


# ---- decisions --------------------------------------------------------------------------------------

def _engaged_pupil(**facts):
    base = dict(date_of_birth="2013-02-11", on_roll=True, cause_explored=True, support_offered=True,
                parents_invited=True, evidence_complete=True, procedures_followed=True)
    base.update(facts)
    return ssat.Pupil("P1", **base)


def test_referral_at_exactly_85_percent_is_met(wales):
    reg = register_with(wales, D(2024, 9, 2), "/" * 323 + "O" * 57)
    cal = ssat.Calendar(2024)
    as_of = reg.span().last_date
    d = ssat.evaluate_referral(ssat.Policy.builtin(), reg, cal, as_of, _engaged_pupil())
    assert d.kind == "referral" and d.outcome == ssat.Outcome.MET and d.met
    assert [c.id for c in d] == [i for i in ssat.criterion_ids() if i.startswith("referral.")]
    r1 = d["referral.r1.attendance"]
    assert (r1.value, r1.whole, r1.threshold, r1.threshold_den, r1.comparator) == (323, 380, 85, 1, ssat.Comparator.LE)
    assert r1.measure == ssat.Measure.PERCENT and r1.met and r1.missing == ""
    assert "85.0 %" in r1.message_en and "presenoldeb" in r1.message(ssat.Lang.CY)
    # the reason in both languages, Welsh first, as the certificate and the tool's cy+en give it
    assert r1.message("cy+en") == r1.message_cy + "\n" + r1.message_en
    assert r1.message(ssat.Lang.CY_EN).startswith("Rhwng ")
    assert d["referral.r2.unauthorised"].value == 57
    assert d.earliest_date is None
    with pytest.raises(ssat.NotFound):
        d["referral.r9"]
    # Unknown facts give an unknown decision, naming what is missing.
    unknown = ssat.evaluate_referral(ssat.Policy.builtin(), reg, cal, as_of)
    assert unknown.outcome == ssat.Outcome.UNKNOWN
    age = unknown["referral.r6.compulsory_age"]
    assert age.outcome == ssat.Outcome.UNKNOWN and "birth" in age.missing
    # One session more attended: R1 is not met, so the referral is not met.
    better = register_with(wales, D(2024, 9, 2), "/" * 324 + "O" * 56)
    assert ssat.evaluate_referral(ssat.Policy.builtin(), better, cal, as_of, _engaged_pupil()).outcome == \
        ssat.Outcome.NOT_MET
    assert ssat.outcome_name(ssat.Outcome.MET, ssat.Lang.CY) == ssat.Outcome.MET.label(ssat.Lang.CY) == "wedi'i fodloni"


def test_referral_not_evaluable_window(wales):
    reg = register_with(wales, D(2024, 9, 2), "Z" * 6 + "#" * 4)
    d = ssat.evaluate_referral(ssat.Policy.builtin(), reg, ssat.Calendar(2024), "2024-09-06", _engaged_pupil())
    assert d.outcome == ssat.Outcome.NOT_MET
    assert not d["referral.r1.attendance"].met and not d["referral.r2.unauthorised"].met


def test_referral_code_set_must_match_policy(wales):
    reg = register_with(ssat.CodeSet.builtin("england-2024"), D(2024, 9, 2), "/\\")
    with pytest.raises(ssat.StateError):
        ssat.evaluate_referral(ssat.Policy.builtin(), reg, ssat.Calendar(2024), "2024-09-02")
    with pytest.raises(ssat.RangeError):
        ssat.evaluate_referral(ssat.Policy.builtin(), register_with(wales, D(2024, 9, 2), "/\\"),
                               ssat.Calendar(2024), "2026-01-05")


def test_persistent_absence_example_1(wales):
    reg = register_with(wales, D(2024, 9, 2), "/" * 80 + "L" * 5 + "V" * 2 + "I" * 5 + "O" * 8 + "#" * 6)
    d = ssat.evaluate_absence(ssat.Policy.builtin(), reg, ssat.Calendar(2024), reg.span().last_date)
    assert d.kind == "absence" and d.met
    assert [c.id for c in d] == ["absence.persistent"]  # severe absence is off in carmarthenshire
    severe = ssat.evaluate_absence(ssat.Policy.builtin("england-2024"),
                                   register_with(ssat.CodeSet.builtin("england-2024"), D(2024, 9, 2), "/" * 87 + "O" * 13),
                                   ssat.Calendar(2024), "2025-01-31")
    assert [c.id for c in severe] == ["absence.persistent", "absence.severe"] and not severe["absence.severe"].met


def _holiday_case(wales, code):
    reg = register_with(wales, D(2024, 9, 2), "/" * 50 + code * 10)
    m = ssat.Parent("M1")
    m.add_warning("P1", "2024-09-02")
    policy = ssat.Policy.builtin()
    # the warning's improvement period (to 2024-09-23) had no unauthorised absence: with the default the
    # parent complied; example 4 is about the limbs, so the improvement period's time alone is checked
    policy.set("penalty.warning.improvement_min_unauthorised", 0)
    return ssat.evaluate_penalty(policy, reg, ssat.Calendar(2024), "2024-10-11", _engaged_pupil(), m)


def test_improvement_period_needs_continued_absence(wales):
    reg = register_with(wales, D(2024, 9, 2), "/" * 50 + "G" * 10)
    m = ssat.Parent("M1")
    m.add_warning("P1", "2024-09-02")
    d = ssat.evaluate_penalty(ssat.Policy.builtin(), reg, ssat.Calendar(2024), "2024-10-11", _engaged_pupil(), m)
    assert not d.met and "the parent complied" in d["penalty.guard.improvement_period"].message_en


def test_improvement_period_across_1_august(wales, two_school_years):
    """A warning given on 10 July 2024, in the previous school year: its improvement period is 11..19 July
    (7 school days of that year's summer term) and 2..11 September 2024 (8). Without the previous year
    it cannot be counted (unknown); with it, the 'O' of 15 July counts as continued absence."""
    reg = register_with(wales, D(2024, 9, 2), "/" * 16)  # to 11 September
    m = ssat.Parent("M1")
    m.add_warning("P1", "2024-07-10")
    cal, prev_cal = two_school_years
    prev = ssat.Register(wales)
    args = (ssat.Policy.builtin(), reg, cal, "2024-09-11", _engaged_pupil(), m)
    alone = ssat.evaluate_penalty(*args)["penalty.guard.improvement_period"]
    assert alone.outcome == ssat.Outcome.UNKNOWN
    assert alone.missing == "the previous school year's register and calendar"
    assert "given before 1 August" in alone.message_en and "cyn 1 Awst" in alone.message_cy
    complied = ssat.evaluate_penalty(*args, previous_register=prev, previous_calendar=prev_cal)
    period = complied["penalty.guard.improvement_period"]
    assert period.outcome == ssat.Outcome.NOT_MET and period.value == 15
    assert "from 11 July 2024 to 11 September 2024 and 0 sessions" in period.message_en
    prev.add_mark("2024-07-15", "PM", "O")
    continued = ssat.evaluate_penalty(*args, previous_register=prev, previous_calendar=prev_cal)
    assert continued["penalty.guard.improvement_period"].outcome == ssat.Outcome.MET
    with pytest.raises(ssat.InvalidArgument, match="previous_calendar"):
        ssat.evaluate_penalty(*args, previous_register=prev)
    with pytest.raises(ssat.RangeError, match="previous_calendar"):
        ssat.evaluate_penalty(*args, previous_register=prev, previous_calendar=cal)
    with pytest.raises(TypeError, match="previous_register: expected ssat.Register"):
        ssat.evaluate_penalty(*args, previous_register="2023", previous_calendar=prev_cal)


def test_penalty_example_4(wales):
    g = _holiday_case(wales, "G")
    assert g.kind == "penalty" and g.met
    assert g["penalty.limb.holiday"].met and g["penalty.limb.holiday"].value == 10
    assert g["penalty.year_to_date"].met and (g["penalty.year_to_date"].value, g["penalty.year_to_date"].whole) == (50, 60)
    h = _holiday_case(wales, "H")
    assert not h.met and not any(c.met for c in h if c.id.startswith("penalty.limb."))
    no_parent = ssat.evaluate_penalty(ssat.Policy.builtin(), register_with(wales, D(2024, 9, 2), "/" * 50 + "G" * 10),
                                      ssat.Calendar(2024), "2024-10-11")
    assert no_parent.outcome == ssat.Outcome.UNKNOWN
    assert "penalty" in str(g) and "\n  penalty.limb.holiday: met" in str(g)


def test_penalty_earliest_date_projection(wales):
    # 8 G so far: the holiday limb is short; at the current rate it could be met later.
    reg = register_with(wales, D(2024, 9, 2), "/" * 52 + "G" * 8)
    m = ssat.Parent("M1")
    m.add_warning("P1", "2024-09-02")
    d = ssat.evaluate_penalty(ssat.Policy.builtin(), reg, ssat.Calendar(2024), "2024-10-11", _engaged_pupil(), m)
    assert not d.met
    assert d.earliest_date is None or d.earliest_date > D(2024, 10, 11)
    assert d._native.earliest_date() == d.earliest_date


def test_penalty_amount_due():
    p = ssat.Policy.builtin()
    assert ssat.penalty_amount_due(p, "2025-01-01", "2025-01-29") == (6000, ssat.PaymentStage.EARLY)
    assert ssat.penalty_amount_due(p, "2025-01-01", "2025-01-30") == (12000, ssat.PaymentStage.LATE)
    assert ssat.penalty_amount_due(p, "2025-01-01", "2025-03-01") == (0, ssat.PaymentStage.EXPIRED)
    with pytest.raises(ssat.InvalidArgument):
        ssat.penalty_amount_due(p, "2025-01-02", "2025-01-01")


def test_projections(wales):
    reg = register_with(wales, D(2024, 9, 2), "/" * 323 + "O" * 57)
    s = reg.summary(reg.span())
    k = ssat.sessions_to_exceed(s, 85)
    assert k == 1  # 324/381 > 85 %
    assert ssat.sessions_to_exceed(s, 90) == 191
    assert ssat.sessions_to_exceed(s, "80") == 0
    with pytest.raises(ssat.RangeError):
        ssat.sessions_to_exceed(s, 100)
    with pytest.raises(ssat.NotEvaluable):
        ssat.sessions_to_exceed(register_with(wales, D(2024, 9, 2), "ZZ").summary(ssat.window_range("2024-09-02", "2024-09-02")), 90)
    attended, possible = ssat.best_possible(reg, ssat.Calendar(2024), reg.span().last_date)
    assert possible - attended == 57 and possible >= 380


def test_decisions_outlive_their_inputs(wales):
    reg = register_with(wales, D(2024, 9, 2), "/" * 323 + "O" * 57)
    policy, cal, pupil = ssat.Policy.builtin(), ssat.Calendar(2024), _engaged_pupil()
    native_decision = native.ssat_referral_evaluate(policy._n, reg._n, cal._n, pupil._n, "2025-05-23")
    del reg, policy, cal, pupil
    gc.collect()
    assert native_decision.kind() == "referral" and native_decision.outcome() == native.SSAT_OUTCOME_MET
    assert native_decision.count() == len(native_decision.record()["criteria"])
    assert native_decision.at(0)["id"] == "referral.r1.attendance"
    with pytest.raises(ssat.RangeError, match="criterion 99 does not exist"):
        native_decision.at(99)
    assert native_decision.find("referral.r6.on_roll")["outcome"] == native.SSAT_OUTCOME_MET
    assert native.ssat_criterion_id_count() == len(ssat.criterion_ids())
    assert native.ssat_criterion_id_at(native.ssat_criterion_id_count()) is None


# ---- the prepared evaluation and how criteria combine ----------------------------------------------

def test_prepared_evaluation_gives_the_rules_criteria(wales):
    policy, cal = ssat.Policy.builtin(), ssat.Calendar(2024)
    reg = register_with(wales, D(2024, 9, 2), "/" * 50 + "G" * 10)
    ev = ssat.Evaluation(policy, cal, "2024-10-11")
    assert ev.as_of == D(2024, 10, 11)
    d = ev.register_criteria(reg)
    assert d.kind == "register" and d.outcome == ssat.Outcome.UNKNOWN
    assert [c.id for c in d][:3] == ["referral.r1.attendance", "referral.r2.unauthorised", "absence.persistent"]
    pen = ssat.evaluate_penalty(policy, reg, cal, "2024-10-11")
    for c in d:
        if c.id.startswith("penalty."):
            assert c == pen[c.id]
    # worked example 4: the holiday limb and the year to date: the notice's attendance criteria hold
    assert d.answer(ssat.Question.PENALTY_ATTENDANCE) == ssat.Outcome.MET
    assert pen.answer(ssat.Question.PENALTY_ATTENDANCE) == ssat.Outcome.MET
    assert d.answer(ssat.Question.REFERRAL_REGISTER) == ssat.Outcome.MET  # 83.3 % and 10 unauthorised
    assert pen.answer(ssat.Question.REFERRAL_REGISTER) == ssat.Outcome.UNKNOWN  # not in that decision
    h = ev.register_criteria(register_with(wales, D(2024, 9, 2), "/" * 50 + "H" * 10))
    assert h.answer(ssat.Question.PENALTY_ATTENDANCE) == ssat.Outcome.NOT_MET
    ev._n.set_languages(True, False)
    assert ev.register_criteria(reg)["referral.r1.attendance"].message_cy == ""
    ev._n.set_languages(True, True)
    with pytest.raises(ssat.RangeError):
        ssat.Evaluation(policy, cal, "2025-08-01")
    with pytest.raises(ssat.StateError):
        ev.register_criteria(register_with(ssat.CodeSet.builtin("england-2024"), D(2024, 9, 2), "//"))


def test_limb_window_across_school_years():
    """Issue 14 item d: England's 10 school weeks reach back before 1 August early in the year; with the
    previous year's calendar and register they are counted across it instead of being unknown."""
    england = ssat.CodeSet.builtin("england-2024")
    policy = ssat.Policy.builtin("england-2024")
    cal, prev_cal = ssat.Calendar(2024), ssat.Calendar(2023)
    cal.clear_terms()
    cal.add_term("autumn", "2024-09-02", "2024-12-20")
    prev_cal.clear_terms()
    prev_cal.add_term("summer", "2024-04-08", "2024-07-19")
    reg = register_with(england, D(2024, 9, 2), "/" * 34 + "O")  # 25 September AM: 1 unauthorised
    prev = ssat.Register(england)
    for day in ("2024-06-07", "2024-06-10", "2024-06-11", "2024-07-15", "2024-07-16", "2024-07-17", "2024-07-18",
                "2024-07-19", "2024-07-12", "2024-07-11"):
        prev.add_mark(day, "AM", "O")
    ev = ssat.Evaluation(policy, cal, "2024-09-25")
    assert ev.register_criteria(reg)["penalty.limb.combination"].outcome == ssat.Outcome.UNKNOWN
    ev.set_previous_year(prev_cal)
    assert ev.register_criteria(reg, prev)["penalty.limb.combination"].outcome == ssat.Outcome.MET  # 1 + 9
    d = ev.register_criteria(reg, prev)
    assert d["penalty.limb.combination"].value == 10
    assert "from 10 June 2024 to 25 September 2024" in d["penalty.limb.combination"].message_en
    assert d.answer(ssat.Question.PENALTY_ATTENDANCE) == ssat.Outcome.MET
    ev.set_previous_year(None)
    assert ev.register_criteria(reg, prev)["penalty.limb.combination"].outcome == ssat.Outcome.UNKNOWN
    with pytest.raises(ssat.RangeError):
        ev.set_previous_year(cal)


def test_payment_from_receipt_and_repeat_notices():
    wales, england = ssat.Policy.builtin(), ssat.Policy.builtin("england-2024")
    n = native
    assert n.ssat_penalty_received(wales._n, "2025-01-03", n.SSAT_SERVICE_POST) == D(2025, 1, 7)
    assert n.ssat_penalty_amount_due_received(wales._n, "2025-01-07", "2025-02-04")["pence"] == 6000
    assert n.ssat_penalty_amount_due_received(england._n, "2025-01-07", "2025-01-27")["pence"] == 8000
    assert n.ssat_penalty_amount_due_received(england._n, "2025-01-07", "2025-01-28")["pence"] == 16000
    assert n.ssat_penalty_amount_due_received(england._n, "2025-01-07", "2025-01-07", True)["pence"] == 16000
    m = ssat.Parent("M1")
    assert not n.ssat_penalty_is_repeat(england._n, m._n, "P1", "2025-01-07")
    # the Python layer
    assert ssat.penalty_received(wales, "2025-01-03", ssat.Service.POST) == D(2025, 1, 7)
    assert ssat.penalty_amount_due_received(england, "2025-01-07", "2025-01-07", repeat=True) == (
        16000, ssat.PaymentStage.LATE)
    m.add_notice("P1", "2024-03-01", ssat.window_range("2024-01-08", "2024-02-09"))
    assert ssat.penalty_is_repeat(england, m, "P1", "2025-01-07")
    assert not ssat.penalty_is_repeat(wales, m, "P1", "2025-01-07")


def test_provisional_marks_are_reported_and_make_a_limb_unknown(wales):
    reg = register_with(wales, D(2024, 9, 2), "/" * 50 + "O" * 7 + "NNN")
    d = ssat.evaluate_penalty(ssat.Policy.builtin(), reg, ssat.Calendar(2024), "2024-10-11")
    limb = d["penalty.limb.unauthorised"]
    assert limb.outcome == ssat.Outcome.UNKNOWN and limb.provisional == 3 and limb.missing_marks == 0
    assert "provisional" in limb.message_en
    assert d.answer(ssat.Question.PENALTY_ATTENDANCE) == ssat.Outcome.UNKNOWN
    assert native.SsatBatch(wales._n, ssat.Policy.builtin()._n, ssat.Calendar(2024)._n, "2024-10-11").evaluate(
        "/" * 50 + "O" * 7 + "NNN")[0]["flags"] & ssat.BatchFlag.PENALTY_LIMB_UNKNOWN
