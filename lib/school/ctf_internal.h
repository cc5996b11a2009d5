/* The CTF import's state (ctf.c reads the XML, ctf_pupil.c applies one pupil). Private; not installed. */
#ifndef SSAT_CTF_INTERNAL_H
#define SSAT_CTF_INTERNAL_H

#include "import.h"

#include <expat.h>

#define CTF_DEPTH_MAX 64
#define CTF_TEXT_MAX 256           /* the text of a short element: UPN, names, dates, totals */
#define CTF_MARKS_MAX 4096         /* AttendanceMarks: a school year is at most 732 */
#define CTF_MARKUP_MAX ((size_t)1 << 20) /* unparsed bytes expat may hold: one tag, comment, ... */
#define CTF_YEARS_MAX 64           /* YearData in one Pupil */
#define CTF_SLOW 0xFDu             /* fast_of: a character the marks' fast path leaves to the general one */

/* The text of one element read, where its start tag and its text are. */
typedef struct ssat__ctf_text {
    char *buf;
    size_t cap, len;
    uint32_t line, column;   /* the start tag */
    uint32_t tline, tcolumn; /* the first character of the text */
    bool seen, has_text, too_long;
} ssat__ctf_text;

enum { YT_YEAR, YT_LEA, YT_POSSIBLE, YT_AUTHORISED, YT_ATTENDED, YT_UNAUTHORISED, YT_START, YT_MARKS, YT_COUNT };
enum { PT_UPN, PT_SURNAME, PT_FORENAME, PT_DOB, PT_COUNT };

typedef struct ssat__ctf_year {
    ssat__ctf_text t[YT_COUNT];
    bool sessions; /* has an AttendSessions */
    uint32_t line, column;
} ssat__ctf_year;

typedef struct ssat__ctf_pupil {
    ssat__ctf_text t[PT_COUNT];
    ssat__ctf_year years[CTF_YEARS_MAX];
    size_t nyears;
    uint32_t line, column;
} ssat__ctf_pupil;

struct ssat_ctf_import {
    ssat__import_reader r;  /* problem bookkeeping shared with the CSV imports (its tokenizer is unused) */
    ssat__alloc alloc;
    ssat_school *target, *stage;
    char *source;
    XML_Parser xml;
    uint8_t stack[CTF_DEPTH_MAX]; /* element kinds from the root */
    size_t depth;
    ssat__ctf_text *text;   /* the element whose text is being read, or NULL */
    ssat__ctf_pupil *pupil; /* the Pupil being read */
    bool in_pupil;
    size_t pupils;
    uint64_t fed;           /* bytes given to expat */
    int64_t last_event;     /* byte index of expat's latest event */
    bool stopped;           /* expat was stopped, or failed: the rest of the file is not read */
    bool xml_done, finished, broken, open;
    ssat_status fail;       /* an allocation failure inside a callback */
    uint8_t code_of[256];   /* a mark character's code index, SSAT__ENTRY_MISSING for "-", else NO_CODE */
    uint8_t category_of[256]; /* each code index's ssat_category */
    uint8_t fast_of[256];   /* code_of with "#" as SSAT__ENTRY_NONE, and CTF_SLOW for anything else */
    uint8_t run[CTF_MARKS_MAX]; /* one YearData's entries, written to the register in one go */
};

/* A Welsh authority number (660 to 681) (ctf_pupil.c). */
bool ssat__ctf_lea_welsh(const char *text, size_t len);
/* At </Pupil>: check the pupil just read and stage its record and registers. */
ssat_status ssat__ctf_pupil_apply(ssat_ctf_import *im);
/* A problem at a line and column of the file (ctf_pupil.c). */
ssat_status ssat__ctf_problem(ssat_ctf_import *im, const char *id, ssat_severity sev, uint32_t line, uint32_t column,
                              const char *const *args, size_t nargs);

#endif /* SSAT_CTF_INTERNAL_H */
