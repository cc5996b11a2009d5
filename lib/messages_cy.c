/* Welsh texts of every user-facing message: the same ids, in the same order, as messages_en.c.
 * Terms follow Welsh Government usage (cofrestr bresenoldeb, sesiwn, bore, prynhawn, absenoldeb). */
#include "internal.h"

const ssat__message ssat__messages_cy[] = {
    {"session.am", "bore"},
    {"session.pm", "prynhawn"},
    {"category.present", "presennol"},
    {"category.approved_activity", "gweithgaredd addysgol cymeradwy"},
    {"category.authorised", "absenoldeb awdurdodedig"},
    {"category.unauthorised", "absenoldeb heb awdurdod"},
    {"category.not_counted", "nid yw'n sesiwn bosibl"},
    {"register.unknown_code", "Sesiwn {1} ({2}): nid yw'r cod \"{3}\" yn y set godau {4}"},
    {"register.duplicate_mark", "Mae gan sesiwn {1} ({2}) farc eisoes (\"{3}\"); un marc yn unig a gaiff sesiwn"},
    {"register.missing_mark", "Nid oes marc gan sesiwn {1} ({2}): ni chwblhawyd y gofrestr"},
    {"register.non_school_day", "Mae gan sesiwn {1} ({2}) y marc \"{3}\" ond nid yw {1} yn ddiwrnod ysgol"},
    {"register.provisional", "Mae gan sesiwn {1} ({2}) y marc dros dro \"{3}\" (dim rheswm wedi'i roi eto): dylid ei ddatrys"},
};

const size_t ssat__messages_cy_count = sizeof ssat__messages_cy / sizeof ssat__messages_cy[0];
