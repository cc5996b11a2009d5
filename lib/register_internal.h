/* What the registers share with the files that read runs of marks (register.c, import_register.c):
 * the walk over a wide-layout run, one mark per session, AM then PM, Monday to Friday. Private; not
 * installed. */
#ifndef SSAT_REGISTER_INTERNAL_H
#define SSAT_REGISTER_INTERNAL_H

#include "internal.h"

/* The session of a run's current mark. Inline: the wide import steps it once per mark. */
typedef struct ssat__run_pos {
    ssat_date date;
    int32_t weekday; /* 1 = Monday .. 5 = Friday */
    ssat_half half;
} ssat__run_pos;

/* The first session of a run starting on `start` (a weekday). */
static inline ssat__run_pos ssat__run_start(ssat_date start)
{
    ssat__run_pos p = {start, ssat_date_weekday(start), SSAT_AM};
    return p;
}

/* The next session: PM after AM, then the next weekday's AM (Friday's is followed by Monday's). */
static inline void ssat__run_next(ssat__run_pos *p)
{
    if (p->half == SSAT_AM) {
        p->half = SSAT_PM;
        return;
    }
    p->half = SSAT_AM;
    p->date += p->weekday == 5 ? 3 : 1;
    p->weekday = p->weekday == 5 ? 1 : p->weekday + 1;
}

#endif
