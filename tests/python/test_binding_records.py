"""The records the native module builds from C structs through one table-driven builder (ssatb_record in
bindings/runtime.i): each member read at its own width and signedness, and every member of the
structs bound that way present in the record, so a field added to a header is not silently dropped."""
import re

from ssat import native

from conftest import SOURCE_DIR

AS_OF = "2025-07-18"


def _members(struct):
    """The member names of `typedef struct <struct> {...} <struct>;` in include/ssat/*.h, in order."""
    for h in sorted((SOURCE_DIR / "include" / "ssat").glob("*.h")):
        text = re.sub(r"/\*.*?\*/|//[^\n]*", " ", h.read_text(encoding="utf-8"), flags=re.S)
        m = re.search(r"typedef struct %s\s*\{(.*?)\}\s*%s;" % (struct, struct), text, flags=re.S)
        if m:
            return re.findall(r"(\w+)\s*;", m.group(1))
    raise AssertionError("no struct " + struct)


def _batch():
    cal = native.SsatCalendar(2024)  # the default census terms
    return native.SsatBatch(native.SsatCodeSet.builtin(), native.SsatPolicy.builtin(), cal, AS_OF)


def test_a_signed_member_keeps_its_sign():
    # attendance_tenths is an int32_t: -1 (not evaluable) must not come back as 4294967295.
    rec = _batch().evaluate([""])[0]
    assert rec["possible"] == 0 and rec["attendance_tenths"] == -1


def test_batch_record_has_every_member_in_order():
    rec = _batch().evaluate(["/\\" * 3])[0]
    assert list(rec) == _members("ssat_batch_result")
    assert rec["possible"] == 6 and rec["attended"] == 6 and rec["attendance_tenths"] == 1000


def test_code_record_has_every_member():
    rec = native.SsatCodeSet.builtin().lookup("/")
    assert list(rec) == ["index"] + _members("ssat_code_info")
    assert rec["code"] == "/" and isinstance(rec["index"], int) and isinstance(rec["flags"], int)


def test_trail_record_has_every_member_in_order():
    case = native.SsatCase("P1", native.SsatPolicy.builtin())
    rec = case.apply(None, None, "concern_raised", "2024-10-01", "Ms Jones", "attendance officer")
    assert list(rec) == _members("ssat_trail_entry")
    assert rec["sequence"] == 1 and rec["actor"] == "Ms Jones" and str(rec["date"]) == "2024-10-01"
    assert rec["parent_id"] == "" and rec["voided_by"] == 0


def test_criterion_and_problem_records_have_every_member():
    # Their messages are computed (message_en, message_cy and message_cy_en), the session's date and
    # half only when the problem has one (has_session is not a key).
    reg = native.SsatRegister(native.SsatCodeSet.builtin())
    reg.add_mark("2024-09-02", "AM", "/")
    cal = native.SsatCalendar(2024)
    decision = native.ssat_absence_evaluate(native.SsatPolicy.builtin(), reg, cal, AS_OF)
    crit = decision.at(0)
    assert set(_members("ssat_criterion")) <= set(crit) and "message_cy_en" in crit
    problems = native.SsatPack().check(native.SsatPolicy.builtin())
    assert problems, "an empty pack misses every piece of evidence"
    members = [m for m in _members("ssat_problem") if m != "has_session"]
    assert set(members) <= set(problems[0]) and "message_cy_en" in problems[0]


def test_value_objects_made_from_records_are_whole_dataclasses():
    """The package makes its frozen dataclasses from these records without their __init__ (_adopt in
    ssat/_types.py): each must still be what __init__ would make, with exactly its fields (no stray key
    of the record such as message_cy_en), enums for the enum fields, equal to one built field by field,
    frozen, hashable and picklable."""
    import copy
    import dataclasses
    import pickle

    import pytest

    import ssat
    codes = ssat.CodeSet.builtin()
    cal = ssat.Calendar(2024)
    reg = ssat.Register(codes)
    reg.add_marks("2024-09-02", "/\\OO")
    reg.add_marks("2024-09-09", "/")  # the sessions between have no mark: problems
    policy = ssat.Policy.builtin()
    objects = [ssat.window_range("2024-09-02", "2024-09-06"), codes.lookup("O"), reg.validate(cal)[0],
               ssat.evaluate_referral(policy, reg, cal, "2024-09-06").criteria[0],
               ssat.Batch(codes, policy, cal, "2024-09-06").evaluate("/\\OO")[0]]
    assert [type(o).__name__ for o in objects] == ["Window", "Code", "Problem", "Criterion", "BatchResult"]
    for o in objects:
        fields = {f.name: getattr(o, f.name) for f in dataclasses.fields(o)}
        assert set(vars(o)) <= set(fields), type(o)
        assert o == type(o)(**fields) and hash(o) == hash(type(o)(**fields)) and repr(o) == repr(type(o)(**fields))
        assert pickle.loads(pickle.dumps(o)) == o and copy.copy(o) == o
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(o, dataclasses.fields(o)[0].name, None)
    window, code, problem, criterion, result = objects
    assert window.first_half is ssat.Half.AM and code.category is ssat.Category.UNAUTHORISED
    assert problem.severity in (ssat.Severity.ERROR, ssat.Severity.WARNING) and problem.message(ssat.Lang.CY_EN)
    assert type(criterion.outcome) is ssat.Outcome and type(criterion.comparator) is ssat.Comparator
    assert type(result.flags) is ssat.BatchFlag and result.attendance_tenths == 500
