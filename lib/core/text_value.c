/* Text of a value for a message argument (core_layer.h, "message argument text"): an integer and an ISO
 * date. The date in words is in date.c (ssat__text_date_long), the percentages the rules print in
 * rules/criteria.c. */
#include "core_layer.h"

#include <stdio.h>

ssat__text ssat__text_int(int64_t v)
{
    ssat__text t;
    (void)snprintf(t.s, sizeof t.s, "%lld", (long long)v);
    return t;
}

ssat__text ssat__text_date(ssat_date d)
{
    ssat__text t;
    if (ssat_date_format(d, t.s, sizeof t.s) != SSAT_OK)
        (void)snprintf(t.s, sizeof t.s, "day %ld", (long)d);
    return t;
}
