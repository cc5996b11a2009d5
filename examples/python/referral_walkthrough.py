#!/usr/bin/env python3
"""The SSAT referral in four steps, on the bundled sample school (the same task as the C and PHP
walkthroughs in examples/c and examples/php):

1. import the school's register export, terms and closures;
2. list the pupils who meet the register-based referral criteria (R1 attendance, R2 unauthorised
   absence) and, for one of them, every criterion with its reason, in English or Welsh;
3. check that pupil's referral pack (letters, meetings, support, form, certificate) against the register;
4. load that pupil's case, referred to the SSAT, and move it forward: the SSAT accepts the referral.

    referral_walkthrough.py [DATA_DIR] [--lang en|cy]
"""
import argparse
import os

import ssat

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser(description="The SSAT referral in four steps, on the sample school.")
parser.add_argument("data", nargs="?", default=os.path.join(here, "..", "data"), help="the sample data directory")
parser.add_argument("--lang", choices=["en", "cy"], default="en", help="language of labels and reasons")
options = parser.parse_args()
lang = options.lang


def path(name: str) -> str:
    return os.path.join(options.data, name)

# 1. The school: registers (wide layout), pupil records, the 2024/25 calendar.
policy = ssat.Policy.builtin("carmarthenshire")
school = ssat.School(ssat.CodeSet.builtin("wales-2010"))
school.import_csv(path("sample_school_2024.csv"))
school.import_csv(path("pupils_2024.csv"), kind="pupils")
as_of = school.last_date()                                  # never the machine's clock
assert as_of is not None, "the sample school has no marks"    # None only for an empty school
calendar = ssat.Calendar(ssat.school_year(as_of))
calendar.import_terms(path("terms_2024.csv"))
calendar.import_closures(path("closures_2024.csv"))

# 2. Who meets R1 and R2, and why (every criterion, for the first of them).
candidates = []
for pupil_id in school:
    decision = ssat.evaluate_referral(policy, school.register(pupil_id), calendar, as_of, school.pupil(pupil_id))
    met = {c.id: c.outcome == ssat.Outcome.MET for c in decision.criteria}
    if met["referral.r1.attendance"] and met["referral.r2.unauthorised"]:
        candidates.append((pupil_id, decision))
print(f"{len(candidates)} of {len(school)} pupils meet R1 and R2 as of {as_of}")
first_id, first = candidates[0]
print(f"{first_id} {school.detail(first_id, 'name')}: referral {first.outcome.label(lang)}")
for c in first.criteria:
    print(f"  {c.id:32} {c.outcome.label(lang):16} {c.message(lang)}")

# 3. The referral pack of P00001, checked against the register (the certificate must reconcile).
with open(path("sample_pack_P00001.json"), encoding="utf-8") as f:
    pack = ssat.Pack.from_json(f.read())
pupil = school.pupil("P00001")          # the school's record: the check writes R3, R4 and R5 into it
problems = pack.check(policy, school.register("P00001"), calendar, pupil)
print(f"referral pack of P00001: {len(pack)} items, {len(problems)} problems")
for p in problems:
    print(f"  {p.id} {p.field}: {p.message(lang)}")
pupil.set_fact(ssat.PupilFact.ON_ROLL, ssat.Fact.YES)      # R6: the school says so
decision = ssat.evaluate_referral(policy, school.register("P00001"), calendar, as_of, pupil)
print(f"with the pack and the roll: referral {decision.outcome.label(lang)}")

# 4. The case of P00001, referred on the last day of the register: the SSAT accepts the referral.
with open(path("sample_case_P00001.json"), encoding="utf-8") as f:
    case = ssat.Case.from_json(f.read(), policy)
print(f"case of P00001: {case.state.name.lower()}")
case.apply("referral_accepted", as_of, "Ms Siân Davies", "SSAT officer", note="Criteria and evidence complete")
print(f"after referral_accepted: {case.state.name.lower()}; possible next:")
for c in case.next(as_of).criteria:
    if c.outcome == ssat.Outcome.MET:
        print(f"  {c.id.removeprefix('case.event.')}")
