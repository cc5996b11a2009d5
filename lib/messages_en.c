/* English texts of every user-facing message, in one table so they can be reviewed in one place.
 * messages_cy.c holds the Welsh table with the same ids in the same order (tests/test_messages.c
 * checks that). Placeholders {1}..{9} are arguments; for a problem located at a session, {1} is the
 * date and {2} the session (AM/PM), and the caller's arguments follow from {3}. */
#include "internal.h"

const ssat__message ssat__messages_en[] = {
    {"session.am", "AM"},
    {"session.pm", "PM"},
    {"category.present", "present"},
    {"category.approved_activity", "approved educational activity"},
    {"category.authorised", "authorised absence"},
    {"category.unauthorised", "unauthorised absence"},
    {"category.not_counted", "not a possible session"},
    {"register.unknown_code", "Session {1} {2}: code \"{3}\" is not in code set {4}"},
    {"register.duplicate_mark", "Session {1} {2} already has a mark (\"{3}\"); a session takes one mark only"},
    {"register.missing_mark", "Session {1} {2} has no mark: the register was not completed"},
    {"register.non_school_day", "Session {1} {2} has the mark \"{3}\" but {1} is not a school day"},
    {"register.provisional", "Session {1} {2} has the provisional mark \"{3}\" (no reason yet provided): it should be resolved"},
};

const size_t ssat__messages_en_count = sizeof ssat__messages_en / sizeof ssat__messages_en[0];
