r"""libssat for Python: school attendance rules for Welsh schools and local authorities.

    >>> import ssat
    >>> codes = ssat.CodeSet.builtin("wales-2010")
    >>> reg = ssat.Register(codes)
    >>> reg.add_marks("2024-09-02", "/\\/\\I\\O\\")  # Mon-Thu, AM then PM
    >>> s = reg.summary(ssat.window_range("2024-09-02", "2024-09-06"))
    >>> (s.possible, s.attended, s.attendance_pct, s.compare("attendance", "<=", 85))
    (8, 6, 75.0, True)

Every libssat failure raises a subclass of ssat.Error named after its status (ssat.InvalidArgument,
ssat.ParseError, ...) carrying .status and .message; ssat.InvalidData also carries .problems.
Dates are datetime.date (or "YYYY-MM-DD" strings on the way in); libssat has no clock.

Rules: ssat.Policy.builtin("carmarthenshire"), ssat.Pupil, ssat.Parent, then ssat.evaluate_referral(),
evaluate_absence() and evaluate_penalty() return an explained ssat.Decision (every criterion, met /
not met / unknown, with English and Welsh messages); decision.answer(ssat.Question.REFERRAL_REGISTER)
combines criteria as the library defines. For a whole school, ssat.Evaluation(policy, calendar, as_of)
resolves everything once and register_criteria(register) evaluates each pupil.

Evidence: ssat.Pack holds a referral pack's items (letters, meetings, support, the referral form, the
certificate, ...); pack.check(policy, register, calendar, pupil) lists every problem, to_json() and
Pack.from_json() save and load it. ssat.Certificate(register, calendar, period, **details) is the
attendance certificate, rendered as HTML, text or JSON in English or Welsh.

Schools: ssat.School(codes) holds every pupil's register and record; school.import_csv(path) streams a
CSV export in (long or wide register layout, or pupil records), all or nothing, with every problem
located as file:line:column; calendar.import_terms() and import_closures() read the calendar's files.

Cases: ssat.Case(pupil_id, policy) follows a pupil's case from first concern to closure; apply() an event
(refused events raise ssat.StateError with .refusal, a Decision naming every guard), next() says what can
happen, .trail is the audit trail, to_json() / Case.from_json() save and load it, replay() rebuilds it.

Batch: ssat.Batch(codes, policy, calendar, as_of).evaluate(marks, offsets) evaluates a whole school (or a
nation) from one buffer of marks in one C call, optionally on several threads: BatchResult counts and
the rules' flags, exactly as the per-pupil API gives them.

ssat.native is the SWIG-generated module underneath: the same functions and classes as the PHP
extension (ssat_* functions, Ssat* classes, SSAT_* constants), returning dicts.
"""
from . import _native
from . import native
from ._native import (Duplicate, Error, InvalidArgument, InvalidData, NoMemory, NotEvaluable, NotFound,
                      ParseError, RangeError, StateError, UnknownCode)
from ._types import (Category, Code, Comparator, Flag, Half, Lang, Problem, Rate, Severity, Status, Term,
                     TOTALS_FIELDS, Window)
from ._api import (Calendar, CodeSet, Register, Summary, category_name, date_from_ymd, date_to_ymd,
                   easter_sunday, format_date, format_date_long, parse_date, percent_compare, percent_fraction,
                   percent_tenths, percent_text, school_year, status_str, version, version_number, weekday, window_range)

from ._rules import (Criterion, Decision, Evaluation, Fact, Measure, Outcome, Parent, ParentEntry, ParentEvent,
                     PaymentStage, Policy, PolicyKey, Pupil, PupilFact, Question, Service, ValueType, WindowKind, best_possible,
                     compulsory_school_age, criterion_ids, evaluate_absence, evaluate_penalty, evaluate_referral,
                     format_window_kind, is_compulsory_school_age, outcome_name, parse_window_kind,
                     penalty_amount_due, penalty_amount_due_received, penalty_is_repeat, penalty_received,
                     resolve_window, sessions_to_exceed)
from ._evidence import Certificate, CertificateFormat, FieldValue, Pack, PackField, PackItem
from ._school import CsvKind, CsvMap, Import, ImportResult, Location, School
from ._case import Case, CaseState, ContractState, TrailEntry, case_state_name
from ._types import BATCH_FIELDS, BatchFlag, BatchResult, _int_arg
from ._batch import Batch
from ._columns import BatchColumns

AM = Half.AM
PM = Half.PM

#: The version of the headers the binding was built with ("MAJOR.MINOR.PATCH").
__version__ = native.SSAT_VERSION_STRING

#: exception class for each ssat_status value (statuses this binding predates map to Error).
EXCEPTIONS = {cls.status: cls for cls in (NoMemory, InvalidArgument, ParseError, NotEvaluable, StateError,
                                          RangeError, UnknownCode, Duplicate, NotFound, InvalidData)}


def exception_for_status(status: int) -> type:
    """The exception class raised for an ssat_status value."""
    return EXCEPTIONS.get(_int_arg(status, "status"), Error)


__all__ = [
    "AM", "PM", "Calendar", "Category", "Code", "CodeSet", "Comparator", "Duplicate", "EXCEPTIONS", "Error",
    "Flag", "Half", "InvalidArgument", "InvalidData", "Lang", "NoMemory", "NotEvaluable", "NotFound",
    "ParseError", "Problem", "RangeError", "Rate", "Register", "Severity", "StateError", "Status", "Summary",
    "TOTALS_FIELDS", "Term", "UnknownCode", "Window", "category_name", "date_from_ymd", "date_to_ymd",
    "easter_sunday", "exception_for_status", "format_date", "format_date_long", "native", "parse_date",
    "percent_compare", "percent_fraction", "percent_tenths", "percent_text", "school_year", "status_str", "version",
    "version_number", "weekday", "window_range",
    # policies, pupils, decisions, rules
    "Criterion", "Decision", "Evaluation", "Fact", "Measure", "Outcome", "Parent", "ParentEntry", "ParentEvent",
    "PaymentStage", "Policy", "PolicyKey", "Pupil", "PupilFact", "Question", "Service", "ValueType", "WindowKind", "best_possible", "compulsory_school_age",
    "criterion_ids", "evaluate_absence", "evaluate_penalty", "evaluate_referral", "format_window_kind",
    "is_compulsory_school_age", "outcome_name", "parse_window_kind", "penalty_amount_due",
    "penalty_amount_due_received", "penalty_is_repeat", "penalty_received", "resolve_window",
    "sessions_to_exceed",
    # referral packs and certificates
    "Certificate", "CertificateFormat", "FieldValue", "Pack", "PackField", "PackItem",
    # schools and CSV imports
    "CsvKind", "CsvMap", "Import", "ImportResult", "Location", "School",
    # cases
    "Case", "CaseState", "ContractState", "TrailEntry", "case_state_name",
    # batch evaluation
    "BATCH_FIELDS", "Batch", "BatchColumns", "BatchFlag", "BatchResult",
]
