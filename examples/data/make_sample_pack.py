#!/usr/bin/env python3
"""Write the sample referral pack, examples/data/sample_pack_P00001.json.

    make_sample_pack.py [--ssat PATH_TO_SSAT] [--out FILE]

A complete pack for pupil P00001 (Ioan Lewis) of the sample school, referred on 2025-07-18 with
attendance of exactly 85.0 % (323 of 380 sessions) and 20 unauthorised sessions: the concern, the
letters, the meeting the parents were invited to and attended, the support offered, the pupil's voice
and the referral form signed by the head teacher are written here; the attendance certificate item is
then put in by the ssat tool itself (`ssat certificate ... --pack FILE`), from the sample register, so
its totals are the register's and the pack passes `ssat evidence check` with the register. The tool
also writes the file in libssat's own layout, so running this again gives the same bytes (a test
checks that).
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# The story of the referral, in date order. Every date is on or before the referral date, and the
# letters, meeting and support come after the first concern (the order the policy requires).
ITEMS = [
    ("concern", {"date": "2024-10-07", "raised_by": "Mrs Eleri Morgan, Head of Year 7",
                 "summary": "Attendance below 90 % since September; unauthorised absences on Mondays and Fridays"}),
    ("letter", {"date_sent": "2024-10-09", "type": "attendance_concern", "addressee": "Mrs Catrin Lewis",
                "delivery": "post", "reference": "ATT/2024/017"}),
    ("letter", {"date_sent": "2024-11-06", "type": "meeting_invitation", "addressee": "Mrs Catrin Lewis",
                "delivery": "email", "reference": "ATT/2024/023"}),
    ("pupil_voice", {"date": "2024-11-12", "summary": "Ioan says he worries about the bus journey and about "
                                                      "PE lessons; he would like a named adult to talk to."}),
    ("meeting", {"invitation_date": "2024-11-06", "held": "yes", "date": "2024-11-13", "time": "15:30",
                 "attendees": "Mrs Catrin Lewis; Mrs Eleri Morgan (Head of Year 7); Mr Rhys Thomas (attendance officer)",
                 "parent_attended": "yes",
                 "outcome": "Causes discussed: anxiety about travel and PE. Attendance plan agreed.",
                 "agreed_actions": "Mentor assigned; travel buddy arranged; weekly check-in with Mrs Lewis",
                 "review_date": "2024-12-11"}),
    ("support", {"date": "2024-11-20", "kind": "Attendance mentoring with a named adult", "response": "accepted"}),
    ("letter", {"date_sent": "2025-03-05", "type": "warning", "addressee": "Mrs Catrin Lewis", "delivery": "hand",
                "reference": "ATT/2025/004"}),
    ("form", {"referral_date": "2025-07-18", "pupil_id": "P00001", "pupil_name": "Ioan Lewis",
              "date_of_birth": "2013-02-11", "year_group": "7", "parent_name": "Mrs Catrin Lewis",
              "parent_contact": "By post to the home address on the school's records",
              "reasons": "Attendance 85.0 % (323 of 380 sessions) and 20 unauthorised sessions in 2024/25, "
                         "despite a meeting, an attendance plan and mentoring.",
              "referrer_name": "Mr Rhys Thomas", "referrer_role": "Attendance officer",
              "head_teacher_name": "Mrs Siân Davies", "head_teacher_signed": "yes", "signed_date": "2025-07-18"}),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ssat", default="ssat", help="the ssat tool (default: ssat on PATH)")
    ap.add_argument("--out", default=os.path.join(HERE, "sample_pack_P00001.json"))
    args = ap.parse_args()

    pack = {"format": "ssat-pack", "format_version": 1,
            "items": [{"kind": kind, "fields": fields} for kind, fields in ITEMS]}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(pack, f, ensure_ascii=False, indent=2)
        f.write("\n")
    # The certificate: from the register, as the tool prints it, into the pack's certificate item.
    subprocess.run([args.ssat, "certificate", os.path.join(HERE, "sample_school_2024.csv"), "--pupil", "P00001",
                    "--pupils", os.path.join(HERE, "pupils_2024.csv"),
                    "--terms", os.path.join(HERE, "terms_2024.csv"),
                    "--closures", os.path.join(HERE, "closures_2024.csv"),
                    "--school", "Ysgol Enghreifftiol", "--issue-date", "2025-07-18",
                    "--signatory", "Mrs Siân Davies", "--signatory-role", "Head teacher",
                    "--format", "json", "--pack", args.out],
                   check=True, stdout=subprocess.DEVNULL)
    print("wrote " + args.out)


if __name__ == "__main__":
    sys.exit(main())
