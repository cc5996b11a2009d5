"""Code sets: built-in sets, iteration as dataclasses, custom sets, freezing, Welsh labels."""
import pytest

import ssat
from ssat import native


def test_builtin_sets():
    assert ssat.CodeSet.builtin_names() == ["wales-2010", "england-2024"]
    assert native.ssat_codeset_builtin_count() == 2
    assert native.ssat_codeset_builtin_name(1) == "england-2024"
    assert native.ssat_codeset_builtin_name(2) is None
    assert ssat.CodeSet.builtin().name == "wales-2010"
    england = ssat.CodeSet.builtin("england-2024")
    assert england.name == "england-2024" and "C1" in england and "H" not in england


def test_iteration_and_lookup(wales):
    codes = list(wales)
    assert len(codes) == len(wales) == 26
    assert all(isinstance(c, ssat.Code) for c in codes)
    assert [c.index for c in codes] == list(range(len(codes)))
    by_code = {c.code: c for c in codes}
    assert by_code["/"].category == ssat.Category.PRESENT
    assert by_code["L"].flags == ssat.Flag.LATE_BEFORE_CLOSE
    assert by_code["U"].category == ssat.Category.UNAUTHORISED and by_code["U"].flags & ssat.Flag.LATE_AFTER_CLOSE
    assert by_code["G"].flags & ssat.Flag.HOLIDAY and by_code["N"].flags & ssat.Flag.PROVISIONAL
    assert by_code["V"].category == ssat.Category.APPROVED_ACTIVITY
    assert by_code["#"].category == ssat.Category.NOT_COUNTED
    assert wales.lookup("I") == by_code["I"] == wales["I"] == wales[by_code["I"].index]
    assert wales[-1] == codes[-1]
    assert wales.at(len(codes)) is None
    with pytest.raises(IndexError):
        wales[100]
    with pytest.raises(ssat.UnknownCode):
        wales.lookup("Q")
    with pytest.raises(ssat.UnknownCode):
        wales["Q"]
    assert "Q" not in wales and "/" in wales and 1 not in wales
    rec = wales._n.lookup("O")
    assert set(rec) == {"index", "code", "category", "flags", "label_en", "label_cy"}


def test_category_names_bilingual():
    assert ssat.category_name(ssat.Category.UNAUTHORISED, ssat.Lang.EN) == "unauthorised absence"
    assert ssat.category_name(ssat.Category.UNAUTHORISED, ssat.Lang.CY) == "absenoldeb heb awdurdod"
    assert ssat.Category.AUTHORISED.label(ssat.Lang.CY) == "absenoldeb awdurdodedig"
    with pytest.raises(ssat.InvalidArgument):  # not "", as if 99 were a category without a name
        ssat.category_name(99)


def test_custom_set_with_welsh_labels_round_trips_utf8(wales):
    local = ssat.CodeSet("carmarthenshire-local")
    assert local.name == "carmarthenshire-local" and len(local) == 0 and not local.frozen
    label_cy = "absenoldeb heb awdurdod – gwyliau heb eu cytuno (ŵ ŷ â)"
    local.define("/", ssat.Category.PRESENT, label_en="present", label_cy="presennol")
    local.define("G1", ssat.Category.UNAUTHORISED, ssat.Flag.HOLIDAY, "holiday not agreed", label_cy)
    code = local.lookup("G1")
    assert code == ssat.Code("G1", ssat.Category.UNAUTHORISED, ssat.Flag.HOLIDAY, "holiday not agreed", label_cy)
    assert code.label(ssat.Lang.CY) == label_cy and code.label() == "holiday not agreed"
    local.define("G1", ssat.Category.AUTHORISED, 0, "redefined", None)
    assert local.lookup("G1").category == ssat.Category.AUTHORISED and local.lookup("G1").label_cy == ""
    local.remove("G1")
    assert "G1" not in local
    with pytest.raises(ssat.NotFound):
        local.remove("G1")
    for bad in ("", "ABCDE", "a b", "-", "."):
        with pytest.raises(ssat.InvalidArgument):
            local.define(bad, ssat.Category.PRESENT)
    with pytest.raises(ssat.InvalidArgument):
        local.define("Q", 42)
    with pytest.raises(ssat.InvalidArgument):
        local.define("Q", ssat.Category.PRESENT, 0x400)
    with pytest.raises(ssat.InvalidArgument):
        ssat.CodeSet("")


def test_registers_freeze_sets_and_copies_are_unfrozen(wales):
    assert not wales.frozen
    ssat.Register(wales)
    assert wales.frozen
    with pytest.raises(ssat.StateError):
        wales.define("Q", ssat.Category.PRESENT)
    with pytest.raises(ssat.StateError):
        wales.remove("/")
    variant = wales.copy("wales-d-counts")
    assert not variant.frozen and variant.name == "wales-d-counts" and len(variant) == len(wales)
    variant.define("D", ssat.Category.PRESENT, 0, "dual registered, counted", "cofrestriad deuol, wedi'i gyfrif")
    assert variant.lookup("D").category == ssat.Category.PRESENT
    assert wales.lookup("D").category == ssat.Category.NOT_COUNTED
    assert repr(variant).startswith("<ssat.CodeSet 'wales-d-counts'")


def test_language_may_be_named_and_unknown_ones_are_refused():
    assert ssat.category_name(ssat.Category.UNAUTHORISED, "cy") == "absenoldeb heb awdurdod"
    assert ssat.category_name(ssat.Category.UNAUTHORISED, "EN") == ssat.category_name(3, ssat.Lang.EN)
    assert ssat.Outcome.MET.label("cy") == ssat.outcome_name(ssat.Outcome.MET, ssat.Lang.CY)
    for bad in ("fr", 7, None, True):
        with pytest.raises(ssat.InvalidArgument, match="not a language"):
            ssat.Lang.of(bad)
