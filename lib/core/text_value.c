/* Text of a value for a message argument (core_layer.h, "message argument text"): an integer. The dates
 * (ISO, ssat__text_date, and in words, ssat__text_date_long) are in date.c beside the formatting they
 * use, the percentages the rules print in rules/criteria.c. */
#include "core_layer.h"

#include <stdio.h>

ssat__text ssat__text_int(int64_t v)
{
    ssat__text t;
    (void)snprintf(t.s, sizeof t.s, "%lld", (long long)v);
    return t;
}
