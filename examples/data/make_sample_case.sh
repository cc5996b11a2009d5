#!/bin/sh
# Write the sample case, examples/data/sample_case_P00001.json, with the ssat tool itself:
#
#     examples/data/make_sample_case.sh [PATH_TO_SSAT] [OUT]
#
# The case of pupil P00001 (Ioan Lewis) of the sample school from the first concern to the referral to
# the SSAT on 2025-07-18: `ssat case new`, then one `ssat case apply` per event, the same events as the
# sample referral pack (sample_pack_P00001.json) records. The referral is guarded by the SSAT referral
# criteria, so it is applied with the register, the calendar and the pack. No date comes from the
# clock, so running this again gives the same bytes (a test checks that).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
ssat=${1:-ssat}
out=${2:-"$here/sample_case_P00001.json"}

rm -f "$out"
"$ssat" case new "$out" --pupil P00001 --dob 2013-02-11 --on-roll yes
"$ssat" case apply "$out" concern_raised --date 2024-10-07 --actor "Mrs Eleri Morgan" --role "Head of Year 7" \
    --note "Attendance below 90 % since September"
"$ssat" case apply "$out" letter_sent --detail attendance_concern --date 2024-10-09 \
    --actor "Mr Rhys Thomas" --role "Attendance officer" --note "ATT/2024/017, by post"
"$ssat" case apply "$out" letter_sent --detail meeting_invitation --date 2024-11-06 \
    --actor "Mr Rhys Thomas" --role "Attendance officer" --note "ATT/2024/023, by e-mail"
"$ssat" case apply "$out" meeting_held --detail attended --date 2024-11-13 \
    --actor "Mrs Eleri Morgan" --role "Head of Year 7" --note "Attendance plan agreed"
"$ssat" case apply "$out" support_offered --detail "Attendance mentoring with a named adult" --date 2024-11-20 \
    --actor "Mrs Eleri Morgan" --role "Head of Year 7"
"$ssat" case apply "$out" letter_sent --detail warning --date 2025-03-05 \
    --actor "Mr Rhys Thomas" --role "Attendance officer" --note "ATT/2025/004, by hand"
"$ssat" case apply "$out" referral_submitted --date 2025-07-18 --actor "Mr Rhys Thomas" --role "Attendance officer" \
    --register "$here/sample_school_2024.csv" --terms "$here/terms_2024.csv" --closures "$here/closures_2024.csv" \
    --pack "$here/sample_pack_P00001.json"
