"""Referral packs (ssat.Pack: items, fields, the completeness check, JSON) and attendance certificates
(ssat.Certificate), through the Pythonic layer and through ssat.native.

The complete pack mirrors tests/evidence_fixture.h: the sample school's 2024/25 calendar, a register
from the first day of term to Friday 7 February 2025, and every step of the procedure before the
referral of Friday 14 February 2025, with the certificate's totals from the attendance calculation.
"""
import datetime
import gc
import json

import pytest

import ssat
from ssat import native

from conftest import read_csv

D = datetime.date

# Item indexes in the complete pack (tests/evidence_fixture.h).
CONCERN, LETTER, MEETING_HELD, MEETING_NOT_HELD, SUPPORT, CONTRACT, PLAN, VOICE, FORM, CERT = range(10)


# ---- the complete pack ------------------------------------------------------------------------------

def fixture_register(codes, cal, first, last):
    """Every weekday first..last: ".." when the school does not meet, else present, with an unauthorised
    day every 7th school day and an illness every 11th."""
    marks, school_day, d = [], 0, first
    while d <= last:
        if d.weekday() < 5:
            if not cal.is_school_day(d):
                marks.append("..")
            else:
                school_day += 1
                marks.append("OO" if school_day % 7 == 0 else "II" if school_day % 11 == 0 else "/\\")
        d += datetime.timedelta(days=1)
    reg = ssat.Register(codes)
    reg.add_marks(first, "".join(marks))
    return reg


def add_certificate_item(pack, reg, first, last):
    s = reg.summary(ssat.window_range(first, last))
    return pack.add("certificate", pupil_id="P00001", pupil_name="Ioan Lewis", school="Ysgol Gyfun Enghraifft",
                    period_start=first, period_end=last, possible=s.possible, attended=s.attended,
                    authorised=s.authorised, unauthorised=s.unauthorised, percent_tenths=s.attendance_tenths,
                    issue_date=D(2025, 2, 10), signatory_name="Dr Siân Rhys", signatory_role="Head teacher")


def complete_pack(reg):
    pack = ssat.Pack()
    pack.add("concern", date="2024-09-20", raised_by="Form tutor",
             summary="Attendance below 90 % since the start of term")
    pack.add("letter", date_sent="2024-10-04", type="meeting_invitation", addressee="Mrs A. Lewis", delivery="post",
             reference="ATT/2024/021")
    pack.add("meeting", invitation_date="2024-10-04", held=True, date="2024-10-11", time="09:30",
             attendees="Mrs A. Lewis; Mr D. Price (head of year)", parent_attended="yes",
             outcome="Morning routine is the difficulty; school nurse referral agreed.",
             agreed_actions="Daily check-in with the head of year.\nReview in five weeks.", review_date="2024-11-15")
    pack.add("meeting", invitation_date="2024-11-08", held=False, date="2024-11-15", parent_attended=False)
    pack.add("support", date="2024-10-11", kind="Referral to the school nurse", response="accepted")
    pack.add("contract", offered_date="2024-11-22", status="declined", status_date="2024-11-29",
             terms="Ioan arrives by 08:45 each day; weekly review.")
    pack.add("plan", type="psp", start_date=D(2024, 12, 2), review_dates="2025-01-13;2025-03-10",
             summary="Pastoral support plan for attendance.")
    pack.add("pupil_voice", date="2024-10-11",
             summary="Mae Ioan yn dweud ei fod yn hoffi'r ysgol ond yn blino'n lân yn y bore.")
    pack.add("form", referral_date="2025-02-14", pupil_id="P00001", pupil_name="Ioan Lewis",
             date_of_birth="2013-02-11", year_group=7, parent_name="Mrs A. Lewis", parent_contact="01267 000000",
             reasons="Attendance 85 % or lower; unauthorised absence; support declined.",
             referrer_name="Mr D. Price", referrer_role="Head of year", head_teacher_name="Dr Siân Rhys",
             head_teacher_signed=True, signed_date="2025-02-13")
    add_certificate_item(pack, reg, "2024-09-02", "2025-02-07")
    return pack


@pytest.fixture
def world(wales, calendar_2024):
    reg = fixture_register(wales, calendar_2024, D(2024, 9, 2), D(2025, 2, 7))
    return {"reg": reg, "cal": calendar_2024, "policy": ssat.Policy.builtin("carmarthenshire"),
            "pack": complete_pack(reg)}


# ---- kinds and fields -------------------------------------------------------------------------------

def test_kinds_and_fields():
    kinds = ssat.Pack.kinds()
    assert kinds == ["concern", "letter", "meeting", "support", "contract", "plan", "pupil_voice", "form",
                     "certificate"]
    assert native.ssat_pack_kind_count() == len(kinds)
    assert [native.ssat_pack_kind_at(i) for i in range(len(kinds))] == kinds
    assert native.ssat_pack_kind_at(len(kinds)) is None
    letter = ssat.Pack.fields("letter")
    assert [f.name for f in letter] == ["date_sent", "type", "addressee", "delivery", "reference"]
    assert letter[1] == ssat.PackField("type", ("attendance_concern", "meeting_invitation", "warning",
                                                "parenting_contract_offer", "penalty_warning", "other"))
    assert letter[0].choices == ()
    assert native.ssat_pack_field_count("letter") == 5 and native.ssat_pack_field_count("nope") == 0
    assert native.ssat_pack_field_at("meeting", 1) == {"name": "held", "choices": ["yes", "no"]}
    with pytest.raises(ssat.NotFound, match="kinds: concern, letter"):
        ssat.Pack.fields("nope")
    with pytest.raises(ssat.NotFound):
        native.ssat_pack_field_at("nope", 0)
    with pytest.raises(ssat.RangeError):
        native.ssat_pack_field_at("letter", 5)
    assert native.SSAT_PACK_FORMAT_VERSION == 1


# ---- items ------------------------------------------------------------------------------------------

def test_items_and_fields_of_the_complete_pack(world):
    pack = world["pack"]
    assert len(pack) == 10 and repr(pack) == "<ssat.Pack: 10 items>"
    assert [item.kind for item in pack] == ["concern", "letter", "meeting", "meeting", "support", "contract", "plan",
                                            "pupil_voice", "form", "certificate"]
    assert pack[LETTER] == {"date_sent": "2024-10-04", "type": "meeting_invitation", "addressee": "Mrs A. Lewis",
                            "delivery": "post", "reference": "ATT/2024/021"}
    assert pack.item(MEETING_NOT_HELD) == {"invitation_date": "2024-11-08", "held": "no", "date": "2024-11-15",
                                           "parent_attended": "no"}  # bools are "yes"/"no", unset fields left out
    assert pack[SUPPORT]["kind"] == "Referral to the school nurse"  # a field named "kind"
    assert pack[PLAN]["start_date"] == "2024-12-02"  # a datetime.date is stored as ISO text
    assert pack[FORM]["year_group"] == "7"
    assert pack[-1] == pack[CERT] and pack.kind(-1) == "certificate"
    assert pack.items()[VOICE] == ssat.PackItem("pupil_voice", pack[VOICE])
    assert pack.indexes("meeting") == [MEETING_HELD, MEETING_NOT_HELD]
    assert pack.get(LETTER, "reference") == "ATT/2024/021"
    assert pack.get(LETTER, "delivery") == "post" and pack.get(CONCERN, "raised_by") == "Form tutor"
    assert pack.get(MEETING_NOT_HELD, "outcome") == ""
    with pytest.raises(ssat.NotFound, match="date_sent"):
        pack.get(CONCERN, "date_sent")
    with pytest.raises(ssat.RangeError, match="item 10 does not exist"):
        pack[10]
    with pytest.raises(ssat.RangeError):
        pack.kind(-11)
    with pytest.raises(TypeError):
        pack["letter"]

    pack.set(LETTER, delivery=None, addressee="Mr and Mrs Lewis")
    assert pack[LETTER]["addressee"] == "Mr and Mrs Lewis" and "delivery" not in pack[LETTER]
    pack.set(LETTER, delivery="hand")
    assert pack.get(LETTER, "delivery") == "hand"


def test_native_pack_methods():
    p = native.SsatPack()
    assert p.count() == 0 and p.items() == []
    with pytest.raises(ssat.RangeError, match="item 0 does not exist: the pack has 0 item"):
        p.kind(0)
    assert p.add("letter") == 0
    assert p.add("concern", {"date": D(2024, 9, 20)}) == 1
    p.set(0, "date_sent", "2024-10-01")
    assert p.get(0, "date_sent") == "2024-10-01"
    p.update(0, {"type": "warning", "reference": 17})
    assert p.item(0) == {"date_sent": "2024-10-01", "type": "warning", "reference": "17"}
    assert p.items() == [{"kind": "letter", "fields": p.item(0)}, {"kind": "concern", "fields": {"date": "2024-09-20"}}]
    with pytest.raises(ssat.ParseError, match=r"letter\[0\]\.type"):
        p.set(0, "type", "postcard")
    with pytest.raises(ssat.RangeError):
        p.set(5, "type", "warning")
    with pytest.raises(ssat.RangeError, match="item 5 does not exist"):
        p.update(5, {})
    with pytest.raises(ssat.NotFound):
        p.set(0, "colour", "blue")
    p.remove(0)
    assert p.count() == 1 and p.kind(0) == "concern"
    with pytest.raises(ssat.RangeError):
        p.remove(1)
    q = p.copy()
    assert q.equals(p) and not q.equals(None)
    q.remove(0)
    assert not q.equals(p)


def test_native_field_edits_refuse_what_is_not_a_mapping_of_names_and_undo_everything():
    """The field edits (ssatb_edit_apply over runtime.i's mapping walk): the messages name the target,
    and a failure at any pair, of any kind, puts back every field already set."""
    p = native.SsatPack()
    i = p.add("letter", {"type": "warning"})
    with pytest.raises(TypeError, match=r"^item 0 \(letter\): expected a mapping of field names to values, not list$"):
        p.update(i, ["type"])
    with pytest.raises(TypeError, match=r"^item 0 \(letter\): expected a mapping of field names to values, not str$"):
        p.update(i, "type")
    with pytest.raises(TypeError, match=r"^item 0 \(letter\): field names are str$"):
        p.update(i, {"date_sent": "2024-10-01", 7: "x"})
    assert p.item(i) == {"type": "warning"}
    with pytest.raises(TypeError, match=r"^item 0 \(letter\): field 'reference': expected str, bool, int, "
                                        r"datetime.date or None, not float$"):
        p.update(i, {"type": "attendance_concern", "reference": 1.5})
    assert p.item(i) == {"type": "warning"}
    with pytest.raises(UnicodeEncodeError):
        p.update(i, {"date_sent": "2024-10-01", "\udc80": "x"})
    assert p.item(i) == {"type": "warning"}

    class Items(dict):
        def items(self):
            raise KeyError("no items today")

    with pytest.raises(KeyError, match="no items today"):
        p.add("letter", Items(type="warning"))
    assert p.count() == 1


def test_native_certificate_details_failures_become_its_exceptions(sample_register):
    """A constructor reports what the mapping raised as a TypeError naming the certificate details."""
    w = ssat.window_range("2024-09-02", "2024-09-06")

    class Items(dict):
        def items(self):
            raise KeyError("no items today")

    with pytest.raises(TypeError, match=r"^certificate details: 'no items today'$"):
        native.SsatCertificate(sample_register._n, None, w, Items(school="x"))
    with pytest.raises(TypeError, match=r"^certificate details: 'utf-8' codec can't encode"):
        native.SsatCertificate(sample_register._n, None, w, {"\udc80": "x"})
    with pytest.raises(TypeError, match=r"^certificate details: field names are str$"):
        native.SsatCertificate(sample_register._n, None, w, {"school": "Ysgol", 3: "x"})
    with pytest.raises(ssat.ParseError, match="issue_date"):
        native.SsatCertificate(sample_register._n, None, w, {"school": "Ysgol", "issue_date": "soon"})


def test_values_are_checked_and_edits_are_all_or_nothing():
    pack = ssat.Pack()
    with pytest.raises(ssat.ParseError, match=r"letter\[0\]\.date_sent") as e:
        pack.add("letter", type="warning", date_sent="2024-13-01")
    assert isinstance(e.value, ValueError) and e.value.status == ssat.Status.ERR_PARSE
    assert len(pack) == 0  # the item is not kept
    i = pack.add("letter", date_sent="2024-10-01", type="attendance_concern")
    with pytest.raises(ssat.ParseError, match=r"letter\[0\]\.date_sent"):
        pack.set(i, type="warning", date_sent="1 October")
    assert pack[i] == {"date_sent": "2024-10-01", "type": "attendance_concern"}  # type put back
    with pytest.raises(ssat.ParseError, match=r"meeting\[0\]\.time"):
        pack.add("meeting", held="yes", time="25:00")
    with pytest.raises(ssat.ParseError, match=r"meeting\[0\]\.held"):
        pack.add("meeting", held="maybe")
    with pytest.raises(ssat.NotFound, match="colour"):
        pack.add("letter", colour="blue")
    with pytest.raises(ssat.NotFound, match="kinds"):
        pack.add("postcard")
    with pytest.raises(TypeError, match="held"):
        pack.add("meeting", held=1.5)
    with pytest.raises(TypeError, match="datetime.datetime"):
        pack.add("concern", date=datetime.datetime(2024, 9, 20, 9, 0))
    with pytest.raises(ssat.ParseError, match="NUL"):
        pack.add("concern", summary="a\0b")
    assert len(pack) == 1
    pack.add("form")
    with pytest.raises(ssat.Duplicate):
        pack.add("form")
    assert [item.kind for item in pack] == ["letter", "form"]
    del pack[0]
    assert [item.kind for item in pack] == ["form"]


# ---- the completeness check -------------------------------------------------------------------------

def test_complete_pack_has_no_problems_and_sets_the_facts(world):
    pupil = ssat.Pupil("P00001")
    problems = world["pack"].check(world["policy"], world["reg"], world["cal"], pupil)
    assert problems == [], [p.message_en for p in problems]
    for fact in (ssat.PupilFact.CAUSE_EXPLORED, ssat.PupilFact.SUPPORT_OFFERED, ssat.PupilFact.PARENTS_INVITED,
                 ssat.PupilFact.EVIDENCE_COMPLETE, ssat.PupilFact.PROCEDURES_FOLLOWED):
        assert pupil.fact(fact) == ssat.Fact.YES, fact
    assert pupil.fact(ssat.PupilFact.ON_ROLL) == ssat.Fact.UNKNOWN  # left as it was
    assert world["pack"].check(world["policy"]) == []  # no register, calendar or pupil


@pytest.mark.parametrize("index, problem_id", [
    (CONCERN, "evidence.concern.missing"),
    (LETTER, "evidence.letter.missing"),
    (SUPPORT, "evidence.support.missing"),
    (VOICE, "evidence.pupil_voice.missing"),  # with evidence.require_pupil_voice
    (FORM, "evidence.form.missing"),
    (CERT, "evidence.certificate.missing"),
])
def test_a_missing_item_is_exactly_its_problem(world, index, problem_id):
    pack, policy = world["pack"], world["policy"]
    policy["evidence.require_pupil_voice"] = True  # off in the Carmarthenshire policy
    assert pack.check(policy, world["reg"], world["cal"]) == []
    kind = pack.kind(index)
    pack.remove(index)
    pupil = ssat.Pupil("P00001")
    problems = pack.check(policy, world["reg"], world["cal"], pupil)
    assert [p.id for p in problems] == [problem_id]
    p = problems[0]
    assert isinstance(p, ssat.Problem) and p.is_error and p.field == kind
    assert p.message_en and p.message_cy and p.message_en != p.message_cy
    assert p.message("cy") == p.message_cy and str(p) == p.message_en
    assert pupil.fact(ssat.PupilFact.EVIDENCE_COMPLETE) == ssat.Fact.NO


def test_missing_fields_name_the_item(world):
    pack = world["pack"]
    pack.set(LETTER, reference=None)
    pack.set(FORM, head_teacher_signed="no")
    problems = pack.check(world["policy"], world["reg"], world["cal"])
    assert [(p.id, p.field) for p in problems] == [("evidence.field.missing", "letter[0].reference"),
                                                   ("evidence.form.not_signed", "form[0].head_teacher_signed")]
    assert "Letter 1" in problems[0].message_en and "Llythyr 1" in problems[0].message_cy


def test_the_certificate_is_reconciled_with_the_register(world):
    pack = world["pack"]
    pack.set(CERT, possible=381)
    problems = pack.check(world["policy"], world["reg"], world["cal"])
    assert "evidence.certificate.mismatch" in {p.id for p in problems}
    assert not any(p.id == "evidence.certificate.mismatch" for p in pack.check(world["policy"]))  # no register


# ---- JSON -------------------------------------------------------------------------------------------

def test_json_round_trip(world):
    pack = world["pack"]
    doc = pack.to_json()
    parsed = json.loads(doc)
    assert parsed["format"] == "ssat-pack" and parsed["format_version"] == native.SSAT_PACK_FORMAT_VERSION
    assert parsed["items"][LETTER] == {"kind": "letter", "fields": pack[LETTER]}
    loaded = ssat.Pack.from_json(doc)
    assert loaded == pack and loaded is not pack
    assert loaded.to_json() == doc
    assert ssat.Pack.from_json(doc.encode("utf-8")) == pack  # bytes: read in place
    assert loaded.check(world["policy"], world["reg"], world["cal"]) == []
    copy = pack.copy()
    assert copy == pack
    copy.set(VOICE, summary="Ioan says he is tired in the mornings.")
    assert copy != pack and pack != "a pack"
    assert ssat.Pack.from_json('{"format_version": 1, "items": []}') == ssat.Pack()


def test_from_json_rejects_malformed_documents():
    with pytest.raises(ssat.ParseError, match="line"):
        ssat.Pack.from_json('{"format": "ssat-pack", "items": [')
    with pytest.raises(ssat.ParseError, match=r"items\[0\]\.fields\.date_sent"):
        ssat.Pack.from_json('{"format_version": 1, "items": [{"kind": "letter", "fields": {"date_sent": "soon"}}]}')
    with pytest.raises(ssat.ParseError, match=r"items\[0\]"):
        ssat.Pack.from_json('{"format_version": 1, "items": [{"kind": "postcard"}]}')
    with pytest.raises(ssat.Duplicate, match=r"items\[1\]"):
        ssat.Pack.from_json('{"format_version": 1, "items": [{"kind": "form"}, {"kind": "form"}]}')
    with pytest.raises(TypeError):
        ssat.Pack.from_json(17)


# ---- certificates -----------------------------------------------------------------------------------

DETAILS = dict(pupil_id="P00001", pupil_name="Ioan Lewis", school="Ysgol Gyfun Enghraifft", issue_date="2025-07-21",
               signatory_name="Dr Siân Rhys", signatory_role="Head teacher")


@pytest.fixture
def sample_register(wales):
    row = read_csv("sample_school_2024.csv")[0]
    assert row["pupil_id"] == "P00001"
    reg = ssat.Register(wales)
    reg.add_marks(row["start_date"], row["marks"])
    return reg


def test_certificate_of_the_sample_pupil(sample_register, calendar_2024):
    period = calendar_2024.window_year_to_date("2025-07-18")
    cert = ssat.Certificate(sample_register, calendar_2024, period, **DETAILS)
    t = cert.totals
    assert (t["possible"], t["attended"], t["authorised"], t["unauthorised"]) == (380, 323, 37, 20)
    assert set(t) == set(ssat.TOTALS_FIELDS)
    assert t == sample_register.summary(period).totals
    assert cert.period == period and cert.period.first_date == D(2024, 8, 1)
    assert cert.details == DETAILS and cert["school"] == "Ysgol Gyfun Enghraifft"
    with pytest.raises(KeyError):
        cert["period_start"]

    html = cert.render("html")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert 'data-possible="380"' in html and 'data-attended="323"' in html and "<td>85.0 %</td>" in html
    assert html == cert.render(ssat.CertificateFormat.HTML, ssat.Lang.EN) == cert.render()
    html_cy = cert.render("html", lang="cy")
    assert html_cy.startswith('<!DOCTYPE html>\n<html lang="cy">')
    assert "Tystysgrif cofrestru presenoldeb" in html_cy and "Dydd Llun" in html_cy
    assert "Tymor yr hydref: 2 Medi 2024 i 20 Rhagfyr 2024" in html_cy
    text = cert.render("text")
    assert text.startswith("Attendance registration certificate\n\nPupil: Ioan Lewis (P00001)\n")
    assert "Dr Siân Rhys" in text
    text_cy = cert.render("text", "cy")
    assert "Disgybl: Ioan Lewis (P00001)" in text_cy and "Y cyfnod cyfan:" in text_cy
    # One document in both languages, Welsh first; dates in words in each language.
    both = cert.render("text", "cy+en")
    assert both == cert.render(ssat.CertificateFormat.TEXT, ssat.Lang.CY_EN)
    assert both.startswith("Tystysgrif cofrestru presenoldeb / Attendance registration certificate\n\n"
                           "Disgybl / Pupil: Ioan Lewis (P00001)\n")
    assert "Cyfnod / Period: 1 Awst 2024 i 18 Gorffennaf 2025 / 1 August 2024 to 18 July 2025\n" in both
    assert "Tystiaf fod y dystysgrif hon yn ddyfyniad cywir" in both and "I certify that" in both
    assert cert.render("html", ssat.Lang.CY_EN).startswith('<!DOCTYPE html>\n<html lang="cy">')
    assert json.loads(cert.render("json", "cy+en"))["language"] == "cy+en"
    doc = json.loads(cert.render("json"))
    assert doc["format"] == "ssat-certificate" and doc["totals"]["possible"] == 380
    assert doc["totals"]["percent"] == "85.0" and doc["signatory"]["role"] == "Head teacher"
    with pytest.raises(ssat.InvalidArgument):
        cert.render("pdf")
    with pytest.raises(ssat.InvalidArgument):
        cert.render("html", "fr")
    with pytest.raises(ssat.InvalidArgument):
        native.SsatCertificate.render(cert._n, 7, 0)
    assert "P00001" in repr(cert) and "323/380" in repr(cert)


def test_certificate_details(sample_register, calendar_2024):
    cert = ssat.Certificate(sample_register, None, calendar_2024.window_year_to_date("2025-07-18"))
    assert cert.details == dict.fromkeys(ssat.Certificate.DETAILS, "")
    assert cert.totals["possible"] == 380  # the same totals without a calendar
    cert.set(**DETAILS)
    assert cert.details == DETAILS
    with pytest.raises(ssat.ParseError, match="issue_date"):
        cert.set(school="Ysgol Bro", issue_date="21/07/2025")
    assert cert.details == DETAILS  # all or nothing
    cert.set(issue_date=D(2025, 7, 22), signatory_role=None)
    assert cert["issue_date"] == "2025-07-22" and cert["signatory_role"] == ""
    with pytest.raises(ssat.NotFound, match="period_start"):
        cert.set(period_start="2024-09-01")
    with pytest.raises(ssat.ParseError):
        cert.set(pupil_name="Ioan\nLewis")
    with pytest.raises(ssat.ParseError):
        ssat.Certificate(sample_register, None, calendar_2024.window_year_to_date("2025-07-18"), issue_date="soon")
    with pytest.raises(ssat.InvalidArgument):
        ssat.Certificate(sample_register, None, ssat.Window(D(2025, 7, 18), ssat.AM, D(2024, 9, 2), ssat.AM))
    with pytest.raises(ssat.RangeError):
        ssat.Certificate(sample_register, None, ssat.window_range("2020-01-01", "2030-12-31"))
    with pytest.raises(TypeError):
        ssat.Certificate(None, None, ssat.window_range("2024-09-02", "2024-09-06"))

    # ssat.native directly
    n = native.SsatCertificate(sample_register._n, None, ssat.window_range("2024-09-02", "2024-09-06"))
    assert n.get("school") == "" and n.get("nonsense") == ""
    assert n.set("school", "Ysgol Bro") is None and n.get("school") == "Ysgol Bro"
    n.set("school", None)
    assert n.details()["school"] == ""
    n.update({"pupil_id": 1234})
    assert n.get("pupil_id") == "1234"
    with pytest.raises(TypeError):
        n.update(["pupil_id"])
    with pytest.raises(TypeError):
        n.set("school", 3.5)
    assert n.period()["first_date"] == D(2024, 9, 2) and n.totals()["possible"] == 6
    assert n.render(native.SSAT_CERTIFICATE_TEXT).startswith("Attendance registration certificate")
    with pytest.raises(TypeError):
        native.SsatCertificate(sample_register._n, None, ssat.window_range("2024-09-02", "2024-09-06"), {1: "x"})


def test_certificate_to_pack_then_check_reconciles(world):
    """The certificate the library produces passes the completeness check with the register."""
    reg, cal, pack = world["reg"], world["cal"], world["pack"]
    cert = ssat.Certificate(reg, cal, ssat.window_range("2024-09-02", "2025-02-07"),
                            **dict(DETAILS, issue_date="2025-02-10"))
    pack.remove(CERT)
    assert cert.to_pack(pack) is pack
    assert pack.kind(-1) == "certificate"
    assert pack[-1]["possible"] == str(cert.totals["possible"]) and pack[-1]["period_start"] == "2024-09-02"
    assert pack.check(world["policy"], reg, cal) == []
    cert.to_pack(pack)  # a second time replaces the item
    assert len(pack) == 10
    fresh = cert.to_pack()
    assert [item.kind for item in fresh] == ["certificate"]


# ---- lifetimes --------------------------------------------------------------------------------------

def test_certificate_outlives_its_register_and_calendar(wales, calendar_2024):
    reg = fixture_register(wales, calendar_2024, D(2024, 9, 2), D(2024, 12, 20))
    period = ssat.window_range("2024-09-02", "2024-12-20")
    expected = reg.summary(period).totals
    cert = ssat.Certificate(reg, calendar_2024, period, pupil_id="P1")
    ncert = native.SsatCertificate(reg._n, calendar_2024._n, period)
    del reg, calendar_2024, wales
    gc.collect()
    assert cert.totals == expected and ncert.totals() == expected
    assert 'data-possible="%d"' % expected["possible"] in cert.render("html")
    assert "P1" in cert.render("json") and ncert.render(native.SSAT_CERTIFICATE_HTML, native.SSAT_LANG_CY)


def test_records_outlive_the_pack(world):
    pack = world["pack"]
    letter, items, doc = pack[LETTER], pack.items(), pack.to_json()
    problems = pack.check(world["policy"])
    npack = native.SsatPack.from_json(doc)
    nitem = npack.item(LETTER)
    del pack, world["pack"], npack
    gc.collect()
    assert letter["reference"] == "ATT/2024/021" and nitem == letter
    assert items[FORM].fields["pupil_name"] == "Ioan Lewis" and problems == []
    assert ssat.Pack.from_json(doc)[LETTER] == letter
