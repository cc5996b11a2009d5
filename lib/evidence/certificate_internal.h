/* Internal: the attendance certificate's contents, shared by certificate.c (making it, its details,
 * filling a pack) and certificate_render.c (text, HTML and JSON). Not installed, not API. */
#ifndef SSAT_CERTIFICATE_INTERNAL_H
#define SSAT_CERTIFICATE_INTERNAL_H

#include "evidence_layer.h"

/* The details a person sets, in this order. */
typedef enum ssat__cdetail {
    SSAT__CD_PUPIL_ID = 0,
    SSAT__CD_PUPIL_NAME,
    SSAT__CD_SCHOOL,
    SSAT__CD_ISSUE_DATE,
    SSAT__CD_SIGNATORY_NAME,
    SSAT__CD_SIGNATORY_ROLE,
    SSAT__CD_COUNT
} ssat__cdetail;

extern const char *const ssat__cdetail_names[SSAT__CD_COUNT];

/* What the calendar says about a day of the period. */
#define SSAT__DAY_UNKNOWN 0 /* no calendar for that day */
#define SSAT__DAY_SCHOOL 1
#define SSAT__DAY_CLOSED 2  /* weekend, holiday or closure */

/* A page of the certificate: a term of the school year, widened to the next term's start so that the
 * terms tile the year (holidays fall in the term before them), and cut to the period. */
typedef struct ssat__csection {
    char *name;                        /* the term's name (owned) */
    ssat_date term_first, term_last;   /* the term itself */
    ssat_date first, last;             /* the days this page covers */
} ssat__csection;

struct ssat_certificate {
    ssat__alloc alloc;
    const ssat_codeset *codes; /* retained: the marks are code indexes into it */
    ssat_window period;
    ssat_totals totals;
    int32_t evaluable;         /* possible > 0 */
    int32_t percent_tenths;    /* exact tenths, half up; 0 when not evaluable */
    int64_t first_session;     /* session number of entries[0] */
    size_t nsessions;
    uint8_t *entries;          /* as the register's: a code index, SSAT__ENTRY_MISSING or SSAT__ENTRY_NONE */
    ssat_date first_day;       /* days[0] is the period's first date */
    size_t ndays;
    uint8_t *days;             /* SSAT__DAY_* per day of the period */
    ssat__csection *sections;
    size_t nsections, sections_cap;
    char *details[SSAT__CD_COUNT]; /* owned; NULL = unset */
};

/* The entry of session s, SSAT__ENTRY_NONE outside the period. */
uint8_t ssat__cert_entry(const ssat_certificate *cert, int64_t s);
/* SSAT__DAY_* of a date, SSAT__DAY_UNKNOWN outside the period. */
uint8_t ssat__cert_day(const ssat_certificate *cert, ssat_date d);
/* A detail's value, "" when unset. */
const char *ssat__cert_detail(const ssat_certificate *cert, ssat__cdetail d);

/* ---- shared by the renderers (certificate_render.c: text and HTML; certificate_json.c: JSON) ---------- */

#define SSAT__CMSG_MAX 2048 /* a rendered label with its arguments (details are at most 512 bytes) */

/* Sessions of a page or of the whole period, in the categories of the attendance calculation. */
typedef struct ssat__ccounts {
    uint32_t possible, attended, authorised, unauthorised;
} ssat__ccounts;

typedef struct ssat__cdate_text {
    char s[SSAT_DATE_BUFSIZE];
} ssat__cdate_text;

/* The class of a code's category in HTML and its "category" in JSON, by ssat_category. */
extern const char *const ssat__cert_category_class[5];
/* A date as ISO text; "" when it cannot be written. */
ssat__cdate_text ssat__cert_show(ssat_date d);
/* A term's name as the page title says it ("Term: ..." in the language). */
const char *ssat__cert_term_label(char buf[SSAT__CMSG_MAX], const char *name, ssat_lang lang);
/* The attendance percentage as the certificate shows it ("84.7", "85.01"); "" when not evaluable. */
const char *ssat__cert_percent_text(char buf[32], const ssat__ccounts *n);
/* The attendance calculation over one page's sessions, and the certificate's own totals. */
ssat__ccounts ssat__cert_section_counts(const ssat_certificate *c, const ssat__csection *sec);
ssat__ccounts ssat__cert_whole_counts(const ssat_certificate *c);
/* A code's label in the language ("Welsh / English" for SSAT_LANG_CY_EN, written into buf). */
const char *ssat__cert_code_label(const ssat_code_info *info, ssat_lang lang, char buf[SSAT__CMSG_MAX]);
/* The JSON rendering, as a block the caller frees with ssat_free(); NULL when out of memory. */
char *ssat__cert_render_json(const ssat_certificate *c, ssat_lang lang);
/* The plain-text and HTML renderings, appended to b (certificate_render.c). */
void ssat__cert_render_text(ssat__buf *b, const ssat_certificate *c, ssat_lang lang);
void ssat__cert_render_html(ssat__buf *b, const ssat_certificate *c, ssat_lang lang);

#endif /* SSAT_CERTIFICATE_INTERNAL_H */
