/* The names of a case's states and records (main state, contract, plans, notices, prosecutions, a
 * window's text) and their parsing. They live apart from the case object (case.c) so that calls point
 * one way: the object, the hash chain (case_chain.c) and the rest of the case use them, and they use
 * nothing of the case. */
#include "case_internal.h"

#include <stdio.h>

/* ---- names ----------------------------------------------------------------------------------------- */

static const char *const state_ids[] = {"monitoring", "school_concern", "engagement", "referred", "returned",
                                        "accepted", "few_engaged", "statutory", "closed"};
static const char *const contract_ids[] = {"none", "offered", "agreed", "declined", "breached", "completed"};
static const char *const plan_ids[] = {"psp", "idp"};
static const char *const notice_ids[] = {"issued", "paid", "unpaid", "withdrawn"};
static const char *const prosecution_ids[] = {"none", "considered", "started", "concluded"};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static int find_id(const char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; id != NULL && i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return (int)i;
    return -1;
}

const char *ssat__case_state_id(ssat_case_state s)
{
    return (unsigned)s < COUNT_OF(state_ids) ? state_ids[s] : "";
}

bool ssat__case_state_parse(const char *id, ssat_case_state *out)
{
    int i = find_id(state_ids, COUNT_OF(state_ids), id);
    if (i >= 0)
        *out = (ssat_case_state)i;
    return i >= 0;
}

const char *ssat__contract_id(ssat_contract_state s)
{
    return (unsigned)s < COUNT_OF(contract_ids) ? contract_ids[s] : "";
}

bool ssat__contract_parse(const char *id, ssat_contract_state *out)
{
    int i = find_id(contract_ids, COUNT_OF(contract_ids), id);
    if (i >= 0)
        *out = (ssat_contract_state)i;
    return i >= 0;
}

const char *ssat__plan_id(ssat__plan p)
{
    return (unsigned)p < COUNT_OF(plan_ids) ? plan_ids[p] : "";
}

const char *ssat__notice_status_id(ssat__notice_status s)
{
    return (unsigned)s < COUNT_OF(notice_ids) ? notice_ids[s] : "";
}

bool ssat__notice_status_parse(const char *id, ssat__notice_status *out)
{
    int i = find_id(notice_ids, COUNT_OF(notice_ids), id);
    if (i >= 0)
        *out = (ssat__notice_status)i;
    return i >= 0;
}

static const char *const service_ids[] = {"", "hand", "posted"};

const char *ssat__notice_service_id(ssat__notice_service s)
{
    return (unsigned)s < COUNT_OF(service_ids) ? service_ids[s] : "";
}

bool ssat__notice_service_parse(const char *id, ssat__notice_service *out)
{
    int i = find_id(service_ids, COUNT_OF(service_ids), id);
    if (i >= 0)
        *out = (ssat__notice_service)i;
    return i >= 0;
}

const char *ssat__prosecution_id(ssat__prosecution p)
{
    return (unsigned)p < COUNT_OF(prosecution_ids) ? prosecution_ids[p] : "";
}

bool ssat__prosecution_parse(const char *id, ssat__prosecution *out)
{
    int i = find_id(prosecution_ids, COUNT_OF(prosecution_ids), id);
    if (i >= 0)
        *out = (ssat__prosecution)i;
    return i >= 0;
}

const char *ssat_case_state_name(ssat_case_state state, ssat_lang lang)
{
    const char *id = ssat__case_state_id(state);
    if (id[0] == '\0')
        return "";
    switch (lang) {
    case SSAT_LANG_EN: return id;
    case SSAT_LANG_CY:
    case SSAT_LANG_CY_EN: { /* the Welsh label, or "Welsh label / English label" */
        char key[48];
        (void)snprintf(key, sizeof key, "case.state.%s", id);
        const char *t = ssat__message_template(key, lang);
        return t != NULL ? t : "";
    }
    }
    return "";
}

void ssat__window_text(const ssat_window *w, char *buf, size_t cap)
{
    ssat__text a = ssat__text_date(w->first_date), b = ssat__text_date(w->last_date);
    (void)snprintf(buf, cap, "%s %s..%s %s", a.s, w->first_half == SSAT_PM ? "PM" : "AM", b.s,
                   w->last_half == SSAT_PM ? "PM" : "AM");
}

/* "YYYY-MM-DD AM" at s (exactly 13 bytes). */
static bool parse_session(const char *s, ssat_date *date, ssat_half *half)
{
    char iso[SSAT_DATE_BUFSIZE];
    memcpy(iso, s, 10);
    iso[10] = '\0';
    if (s[10] != ' ' || ssat_date_parse(iso, date) != SSAT_OK) {
        return false;
    }
    if (memcmp(s + 11, "AM", 2) == 0)
        *half = SSAT_AM;
    else if (memcmp(s + 11, "PM", 2) == 0)
        *half = SSAT_PM;
    else
        return false;
    return true;
}

bool ssat__window_parse(const char *text, size_t len, ssat_window *out)
{
    ssat_window w;
    if (len != 28 || memcmp(text + 13, "..", 2) != 0 || !parse_session(text, &w.first_date, &w.first_half) ||
        !parse_session(text + 15, &w.last_date, &w.last_half))
        return false;
    if (ssat__session(w.last_date, w.last_half) < ssat__session(w.first_date, w.first_half))
        return false;
    *out = w;
    return true;
}
