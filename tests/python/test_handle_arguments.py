"""Every argument of the Python API that takes one of the package's objects (a Policy, a Register, a
Calendar ...) refuses anything else with a TypeError naming the argument and the class it expected,
never an AttributeError from inside the call. The parameters are found from the annotations, so a
function added later is checked without a line here."""
import inspect
import typing

import pytest

import ssat

# A plausible value of the other arguments that are read before the objects are (by name); None else.
VALUES = {"file": "name,start,end\n", "kind": "term", "pct": 85, "period": ("2024-09-04", "AM", "2024-09-04", "PM")}

# The classes whose objects wrap a C object, and one object of each.
HANDLES = (ssat.CodeSet, ssat.Calendar, ssat.Register, ssat.Policy, ssat.Pupil, ssat.Parent, ssat.Pack,
           ssat.School, ssat.CsvMap, ssat.Case, ssat.Batch, ssat.Evaluation, ssat.Certificate, ssat.Summary)


@pytest.fixture(scope="module")
def objects():
    codes = ssat.CodeSet.builtin()
    cal = ssat.Calendar(2024)
    policy = ssat.Policy.builtin()
    reg = ssat.Register(codes)
    reg.add_marks("2024-09-04", "/\\")
    return {ssat.CodeSet: codes, ssat.Calendar: cal, ssat.Register: reg, ssat.Policy: policy,
            ssat.Pupil: ssat.Pupil("P1"), ssat.Parent: ssat.Parent("M1"), ssat.Pack: ssat.Pack(),
            ssat.School: ssat.School(codes), ssat.CsvMap: ssat.CsvMap(columns="pupil_id=Adno"),
            ssat.Case: ssat.Case("P1", policy), ssat.Batch: ssat.Batch(codes, policy, cal, "2024-09-30"),
            ssat.Evaluation: ssat.Evaluation(policy, cal, "2024-09-30"),
            ssat.Certificate: ssat.Certificate(reg, cal, reg.span()), ssat.Summary: reg.summary(reg.span())}


def handle_class(annotation):
    """The handle class an annotation names (alone or in Optional[...]), and whether None is allowed."""
    args = typing.get_args(annotation)
    if annotation in HANDLES:
        return annotation, False
    found = [a for a in args if a in HANDLES]
    return (found[0], type(None) in args) if len(found) == 1 else (None, False)


def hints_of(function):
    # The package's names too: a module names some classes only for the type checker (TYPE_CHECKING).
    return typing.get_type_hints(function, {**vars(ssat), **vars(inspect.getmodule(function))})


def callables():
    """(name, function, owner class or None) for every public function and method of the package."""
    for name in ssat.__all__:
        value = getattr(ssat, name)
        if inspect.isfunction(value):
            yield name, value, None
        elif inspect.isclass(value) and value in HANDLES:
            for attr, member in vars(value).items():
                function = member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
                if inspect.isfunction(function) and (attr == "__init__" or not attr.startswith("_")):
                    yield f"{name}.{attr}", function, value
                elif isinstance(member, property) and member.fset is not None:
                    yield f"{name}.{attr} (setter)", member.fset, value


def handle_parameters():
    for name, function, owner in callables():
        hints = hints_of(function)
        for param in inspect.signature(function).parameters.values():
            cls, optional = handle_class(hints.get(param.name))
            if cls is not None:
                yield pytest.param(function, owner, param.name, cls, optional, id=f"{name}({param.name})")


PARAMETERS = list(handle_parameters())


def test_the_parameters_are_found():
    # A change in how annotations are written must not make this test check nothing.
    ids = {p.id for p in PARAMETERS}
    assert {"evaluate_referral(policy)", "Batch.__init__(calendar)", "Case.apply(register)",
            "Register.__init__(codeset)", "School.import_csv(map)",
            "sessions_to_exceed(summary)", "Case.apply(history)"} <= ids, sorted(ids)
    assert len(ids) >= 40


@pytest.mark.parametrize("function, owner, wrong, cls, optional", PARAMETERS)
def test_a_wrong_object_is_a_type_error_naming_the_argument(objects, function, owner, wrong, cls, optional):
    hints = hints_of(function)
    args, positional = {}, []
    for param in inspect.signature(function).parameters.values():
        if param.name in ("self", "cls") or param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        other, _ = handle_class(hints.get(param.name))
        if param.name == wrong:
            value = "not an object"
        elif other is not None:
            value = objects[other]
        elif param.default is param.empty:
            value = VALUES.get(param.name)
        else:
            continue
        if param.kind == param.POSITIONAL_ONLY:
            positional.append(value)
        else:
            args[param.name] = value
    if owner is None:
        target, before = function, ()
    elif function.__name__ == "__init__":
        target, before = owner, ()
    elif isinstance(inspect.getattr_static(owner, function.__name__), (classmethod, staticmethod)):
        target, before = getattr(owner, function.__name__), ()
    else:
        target, before = function, (objects[owner],)
    with pytest.raises(TypeError) as info:
        target(*before, *positional, **args)
    message = str(info.value)
    assert wrong in message and f"ssat.{cls.__name__}" in message and "str" in message, message
    assert ("or None" in message) == optional, message
