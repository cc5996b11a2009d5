/* The referral pack: a list of items, each of a kind from a fixed schema, holding text fields that are
 * checked when set, so a pack never holds a malformed date, time, fact, choice or count. The schema is
 * data (the tables below): the completeness check (evidence_check.c), the JSON format
 * (evidence_json.c) and the documentation in include/ssat/evidence.h all follow it. */
#include "evidence_layer.h"
#include "evidence_internal.h"

#include <stdio.h>

/* ---- the schema ------------------------------------------------------------------------------------ */

#define OPT(n, t) {.name = (n), .type = (t), .choices = "", .req = SSAT__REQ_NO}
#define REQ(n, t) {.name = (n), .type = (t), .choices = "", .req = SSAT__REQ_ALWAYS}
#define REQ_EVENT(n) {.name = (n), .type = SSAT__F_DATE, .choices = "", .req = SSAT__REQ_ALWAYS, .event = true}
#define CHOICE(n, c, r) {.name = (n), .type = SSAT__F_CHOICE, .choices = (c), .req = (r)}
#define COUNT(n, m, r, iff, ifv)                                                                          \
    {.name = (n), .type = SSAT__F_COUNT, .choices = "", .max = (m), .req = (r), .if_field = (iff), .if_values = (ifv)}
#define REQ_IF(n, t, iff, ifv, ev)                                                                        \
    {.name = (n), .type = (t), .choices = "", .req = SSAT__REQ_IF, .if_field = (iff), .if_values = (ifv), .event = (ev)}
#define FACT_IF(n, iff, ifv)                                                                              \
    {.name = (n), .type = SSAT__F_FACT, .choices = "yes,no", .req = SSAT__REQ_IF, .if_field = (iff), .if_values = (ifv)}
#define FACT(n, r) {.name = (n), .type = SSAT__F_FACT, .choices = "yes,no", .req = (r)}

static const ssat__fdef concern_fields[] = {
    REQ_EVENT("date"),
    OPT("raised_by", SSAT__F_TEXT),
    REQ("summary", SSAT__F_TEXT),
};

static const ssat__fdef letter_fields[] = {
    REQ_EVENT("date_sent"),
    CHOICE("type", "attendance_concern,meeting_invitation,warning,parenting_contract_offer,penalty_warning,other",
           SSAT__REQ_ALWAYS),
    REQ("addressee", SSAT__F_TEXT),
    CHOICE("delivery", "post,email,hand,other", SSAT__REQ_NO),
    REQ("reference", SSAT__F_TEXT),
};

/* A held meeting needs its date, time, outcome and whether the parent came (the seed's "minutes with
 * date, time and outcome"); a meeting not held needs whether the parent came, checked apart
 * ("evidence.meeting.not_held_unrecorded") because it is a different omission. */
static const ssat__fdef meeting_fields[] = {
    {.name = "invitation_date", .type = SSAT__F_DATE, .choices = "", .req = SSAT__REQ_NO, .event = true},
    FACT("held", SSAT__REQ_ALWAYS),
    REQ_IF("date", SSAT__F_DATE, "held", "yes", true),
    REQ_IF("time", SSAT__F_TIME, "held", "yes", false),
    OPT("attendees", SSAT__F_TEXT),
    FACT_IF("parent_attended", "held", "yes"),
    REQ_IF("outcome", SSAT__F_TEXT, "held", "yes", false),
    OPT("agreed_actions", SSAT__F_TEXT),
    OPT("review_date", SSAT__F_DATE), /* planned: may lie after the referral */
};

static const ssat__fdef support_fields[] = {
    REQ_EVENT("date"),
    REQ("kind", SSAT__F_TEXT),
    CHOICE("response", "accepted,declined,pending", SSAT__REQ_ALWAYS),
};

static const ssat__fdef contract_fields[] = {
    REQ_EVENT("offered_date"),
    CHOICE("status", "offered,agreed,declined,breached,completed", SSAT__REQ_ALWAYS),
    REQ_IF("status_date", SSAT__F_DATE, "status", "agreed,declined,breached,completed", true),
    OPT("terms", SSAT__F_TEXT),
};

static const ssat__fdef plan_fields[] = {
    CHOICE("type", "psp,idp", SSAT__REQ_ALWAYS),
    REQ_EVENT("start_date"),
    OPT("review_dates", SSAT__F_DATES), /* may include reviews planned after the referral */
    OPT("summary", SSAT__F_TEXT),
};

static const ssat__fdef pupil_voice_fields[] = {
    REQ_EVENT("date"),
    REQ("summary", SSAT__F_TEXT),
};

/* The head teacher's sign-off is checked apart ("evidence.form.not_signed", policy
 * "evidence.require_head_teacher_signature"); a form marked signed must say by whom and when. */
static const ssat__fdef form_fields[] = {
    REQ("referral_date", SSAT__F_DATE),
    REQ("pupil_id", SSAT__F_TEXT),
    REQ("pupil_name", SSAT__F_TEXT),
    REQ("date_of_birth", SSAT__F_DATE),
    OPT("year_group", SSAT__F_TEXT),
    REQ("parent_name", SSAT__F_TEXT),
    OPT("parent_contact", SSAT__F_TEXT),
    REQ("reasons", SSAT__F_TEXT),
    REQ("referrer_name", SSAT__F_TEXT),
    REQ("referrer_role", SSAT__F_TEXT),
    REQ_IF("head_teacher_name", SSAT__F_TEXT, "head_teacher_signed", "yes", false),
    FACT("head_teacher_signed", SSAT__REQ_NO),
    REQ_IF("signed_date", SSAT__F_DATE, "head_teacher_signed", "yes", true),
};

/* The signatory is checked apart ("evidence.certificate.unsigned"). A certificate with no possible
 * session has no percentage. */
static const ssat__fdef certificate_fields[] = {
    REQ("pupil_id", SSAT__F_TEXT),
    REQ("pupil_name", SSAT__F_TEXT),
    REQ("school", SSAT__F_TEXT),
    REQ("period_start", SSAT__F_DATE),
    REQ_EVENT("period_end"),
    COUNT("possible", SSAT__EV_COUNT_MAX, SSAT__REQ_ALWAYS, NULL, NULL),
    COUNT("attended", SSAT__EV_COUNT_MAX, SSAT__REQ_ALWAYS, NULL, NULL),
    COUNT("authorised", SSAT__EV_COUNT_MAX, SSAT__REQ_ALWAYS, NULL, NULL),
    COUNT("unauthorised", SSAT__EV_COUNT_MAX, SSAT__REQ_ALWAYS, NULL, NULL),
    COUNT("percent_tenths", 1000, SSAT__REQ_IF_NOT, "possible", "0"),
    REQ_EVENT("issue_date"),
    OPT("signatory_name", SSAT__F_TEXT),
    OPT("signatory_role", SSAT__F_TEXT),
};

#define KIND(n, f, single) {(n), (f), sizeof(f) / sizeof((f)[0]), (single)}

const ssat__kdef ssat__kinds[SSAT__K_COUNT] = {
    KIND("concern", concern_fields, false),
    KIND("letter", letter_fields, false),
    KIND("meeting", meeting_fields, false),
    KIND("support", support_fields, false),
    KIND("contract", contract_fields, false),
    KIND("plan", plan_fields, false),
    KIND("pupil_voice", pupil_voice_fields, false),
    KIND("form", form_fields, true),
    KIND("certificate", certificate_fields, true),
};

#define MAX_FIELDS 13 /* the most fields of any kind (form, certificate) */

int ssat__kind_find(const char *name)
{
    for (int k = 0; k < SSAT__K_COUNT; k++)
        if (strcmp(ssat__kinds[k].name, name) == 0)
            return k;
    return -1;
}

int ssat__field_find(ssat__kind k, const char *name)
{
    for (size_t f = 0; f < ssat__kinds[k].nfields; f++)
        if (strcmp(ssat__kinds[k].fields[f].name, name) == 0)
            return (int)f;
    return -1;
}

const char *ssat__kind_list(void)
{
    return "concern, letter, meeting, support, contract, plan, pupil_voice, form, certificate";
}

size_t ssat_pack_kind_count(void)
{
    return SSAT__K_COUNT;
}

const char *ssat_pack_kind_at(size_t index)
{
    return index < SSAT__K_COUNT ? ssat__kinds[index].name : NULL;
}

size_t ssat_pack_field_count(const char *kind)
{
    int k = kind != NULL ? ssat__kind_find(kind) : -1;
    return k < 0 ? 0 : ssat__kinds[k].nfields;
}

static ssat_status unknown_kind(const char *fn, const char *arg, const char *kind)
{
    char repr[48];
    return ssat__error(SSAT_ERR_NOT_FOUND, "%s: argument '%s': no item kind %s (kinds: %s)", fn, arg,
                       ssat__text_repr(repr, sizeof repr, kind), ssat__kind_list());
}

ssat_status ssat_pack_field_at(const char *kind, size_t index, const char **name_out, const char **choices_out)
{
    static const char fn[] = "ssat_pack_field_at";
    if (name_out != NULL)
        *name_out = NULL;
    if (choices_out != NULL)
        *choices_out = NULL;
    if (kind == NULL)
        return ssat__null_arg(fn, "kind");
    int k = ssat__kind_find(kind);
    if (k < 0)
        return unknown_kind(fn, "kind", kind);
    if (index >= ssat__kinds[k].nfields)
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'index': %zu is not below the %zu fields of a %s", fn,
                           index, ssat__kinds[k].nfields, ssat__kinds[k].name);
    if (name_out != NULL)
        *name_out = ssat__kinds[k].fields[index].name;
    if (choices_out != NULL)
        *choices_out = ssat__kinds[k].fields[index].choices;
    return SSAT_OK;
}

/* ---- value checks ---------------------------------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool valid_time(const char *s)
{
    if (strlen(s) != 5 || !is_digit(s[0]) || !is_digit(s[1]) || s[2] != ':' || !is_digit(s[3]) || !is_digit(s[4]))
        return false;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    return h <= 23 && m <= 59;
}

static bool valid_date(const char *s)
{
    ssat_date d;
    return ssat_date_parse(s, &d) == SSAT_OK;
}

/* Dates separated by ";", each exactly "YYYY-MM-DD": no spaces, no empty entries. */
static bool valid_dates(const char *s)
{
    const char *p = s;
    for (;;) {
        const char *end = strchr(p, ';');
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
        char one[SSAT_DATE_BUFSIZE];
        if (n != SSAT_DATE_BUFSIZE - 1)
            return false;
        memcpy(one, p, n);
        one[n] = '\0';
        if (!valid_date(one))
            return false;
        if (end == NULL)
            return true;
        p = end + 1;
    }
}

/* Canonical whole numbers only ("0", "17"; not "017", "+1", " 1"), so a saved pack reads back equal. */
static bool valid_count(const char *s, uint32_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > 10 || (s[0] == '0' && n > 1))
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    return v <= max;
}

bool ssat__ev_in_list(const char *value, const char *choices)
{
    size_t n = strlen(value);
    for (const char *p = choices; *p != '\0';) {
        const char *end = strchr(p, ',');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, value, n) == 0)
            return true;
        p += len + (end != NULL ? 1 : 0);
    }
    return false;
}

static ssat_status check_text(const char *value, const char *where, const char *field, const char *fn)
{
    size_t n = strlen(value);
    if (n > SSAT__EV_TEXT_MAX)
        return ssat__error(SSAT_ERR_PARSE, "%s: %s.%s: the text is %zu bytes, more than %d", fn, where, field, n,
                           SSAT__EV_TEXT_MAX);
    if (!ssat__utf8_valid(value, n))
        return ssat__error(SSAT_ERR_PARSE, "%s: %s.%s: the text is not valid UTF-8", fn, where, field);
    if (ssat__text_has_controls(value, true))
        return ssat__error(SSAT_ERR_PARSE, "%s: %s.%s: the text holds a control character (only tab and line "
                           "breaks are allowed)", fn, where, field);
    return SSAT_OK;
}

ssat_status ssat__ev_check_value(const ssat__fdef *f, const char *value, const char *where, const char *fn)
{
    char repr[64];
    const char *expected = NULL;
    if (value[0] == '\0')
        return SSAT_OK;
    switch (f->type) {
    case SSAT__F_TEXT: return check_text(value, where, f->name, fn);
    case SSAT__F_DATE: expected = valid_date(value) ? NULL : "an ISO 8601 date, YYYY-MM-DD"; break;
    case SSAT__F_TIME: expected = valid_time(value) ? NULL : "a 24-hour time, HH:MM"; break;
    case SSAT__F_DATES: expected = valid_dates(value) ? NULL : "ISO 8601 dates separated by \";\""; break;
    case SSAT__F_FACT: expected = ssat__ev_in_list(value, f->choices) ? NULL : "yes or no"; break;
    case SSAT__F_COUNT: expected = valid_count(value, f->max) ? NULL : "a whole number"; break;
    case SSAT__F_CHOICE: expected = ssat__ev_in_list(value, f->choices) ? NULL : "one of"; break;
    }
    if (expected == NULL)
        return SSAT_OK;
    ssat__text_repr(repr, sizeof repr, value);
    if (f->type == SSAT__F_CHOICE)
        return ssat__error(SSAT_ERR_PARSE, "%s: %s.%s: %s is not one of %s", fn, where, f->name, repr, f->choices);
    if (f->type == SSAT__F_COUNT)
        return ssat__error(SSAT_ERR_PARSE, "%s: %s.%s: %s is not a whole number 0..%u (digits, no leading zero)",
                           fn, where, f->name, repr, (unsigned)f->max);
    return ssat__error(SSAT_ERR_PARSE, "%s: %s.%s: %s is not %s", fn, where, f->name, repr, expected);
}

/* ---- the pack -------------------------------------------------------------------------------------- */

typedef struct item {
    ssat__kind kind;
    size_t ordinal; /* position among the pack's items of its kind: kept, so naming an item is O(1) */
    char **values;  /* one per field of the kind; NULL = unset */
} item;

struct ssat_pack {
    ssat__alloc alloc;
    item *items;
    size_t count, cap;
    size_t per_kind[SSAT__K_COUNT]; /* items of each kind: the next item's ordinal */
};

static void item_clear(const ssat__alloc *a, item *it)
{
    if (it->values == NULL)
        return;
    for (size_t f = 0; f < ssat__kinds[it->kind].nfields; f++)
        ssat__free_str(a, it->values[f]);
    ssat__free(a, it->values, ssat__kinds[it->kind].nfields * sizeof *it->values);
    it->values = NULL;
}

/* A new item of kind k holding copies of `values` (NULL or "" = unset); false on allocation failure,
 * with nothing allocated. */
static bool item_make(const ssat__alloc *a, ssat__kind k, const char *const *values, item *out)
{
    out->kind = k;
    out->values = ssat__calloc(a, ssat__kinds[k].nfields, sizeof *out->values);
    if (out->values == NULL)
        return false;
    for (size_t f = 0; values != NULL && f < ssat__kinds[k].nfields; f++) {
        if (values[f] == NULL || values[f][0] == '\0')
            continue;
        out->values[f] = ssat__strdup(a, values[f]);
        if (out->values[f] == NULL) {
            item_clear(a, out);
            return false;
        }
    }
    return true;
}

ssat_status ssat_pack_new(const ssat_allocator *alloc, ssat_pack **out)
{
    void *p = NULL;
    ssat_status st =
        ssat__root_new(alloc, sizeof(ssat_pack), offsetof(ssat_pack, alloc), out != NULL, "ssat_pack_new", &p);
    if (out != NULL)
        *out = p;
    return st;
}

void ssat_pack_free(ssat_pack *pack)
{
    if (pack == NULL)
        return;
    ssat__alloc a = pack->alloc;
    for (size_t i = 0; i < pack->count; i++)
        item_clear(&a, &pack->items[i]);
    ssat__free(&a, pack->items, pack->cap * sizeof *pack->items);
    ssat__free(&a, pack, sizeof *pack);
}

/* Values of an item as an array of "" or text, for item_make. */
static void item_values(const item *it, const char *out[MAX_FIELDS])
{
    for (size_t f = 0; f < ssat__kinds[it->kind].nfields; f++)
        out[f] = it->values[f] != NULL ? it->values[f] : "";
}

static ssat_status pack_copy_with(const ssat__alloc *a, const ssat_pack *src, ssat_pack **out, const char *fn)
{
    ssat_pack *p = ssat__calloc(a, 1, sizeof *p);
    if (p == NULL)
        return ssat__nomem(fn);
    p->alloc = *a;
    if (src->count > 0 && !ssat__grow(&p->alloc, (void **)&p->items, &p->cap, src->count, sizeof *p->items)) {
        ssat_pack_free(p);
        return ssat__nomem(fn);
    }
    for (size_t i = 0; i < src->count; i++) {
        const char *values[MAX_FIELDS];
        item_values(&src->items[i], values);
        if (!item_make(&p->alloc, src->items[i].kind, values, &p->items[i])) {
            ssat_pack_free(p);
            return ssat__nomem(fn);
        }
        p->items[i].ordinal = src->items[i].ordinal;
        p->count++;
    }
    memcpy(p->per_kind, src->per_kind, sizeof p->per_kind);
    *out = p;
    return SSAT_OK;
}

ssat_status ssat_pack_copy(const ssat_pack *src, ssat_pack **out)
{
    static const char fn[] = "ssat_pack_copy";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (src == NULL)
        return ssat__null_arg(fn, "src");
    return pack_copy_with(&src->alloc, src, out, fn);
}

ssat_status ssat__pack_assign(ssat_pack *dst, const ssat_pack *src, const char *fn)
{
    if (dst == src)
        return SSAT_OK;
    ssat_pack *copy = NULL;
    ssat_status st = pack_copy_with(&dst->alloc, src, &copy, fn);
    if (st != SSAT_OK)
        return st;
    ssat_pack old = *dst; /* swap the contents: dst stays the same object, the copy takes the old items */
    *dst = *copy;
    *copy = old;
    ssat_pack_free(copy);
    return SSAT_OK;
}

static bool value_equal(const char *a, const char *b)
{
    return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

int32_t ssat_pack_equal(const ssat_pack *a, const ssat_pack *b)
{
    if (a == NULL || b == NULL || a->count != b->count)
        return 0;
    for (size_t i = 0; i < a->count; i++) {
        const item *x = &a->items[i], *y = &b->items[i];
        if (x->kind != y->kind)
            return 0;
        for (size_t f = 0; f < ssat__kinds[x->kind].nfields; f++)
            if (!value_equal(x->values[f], y->values[f]))
                return 0;
    }
    return 1;
}

/* ---- items ----------------------------------------------------------------------------------------- */

size_t ssat__pack_find(const ssat_pack *pack, ssat__kind k)
{
    for (size_t i = 0; i < pack->count; i++)
        if (pack->items[i].kind == k)
            return i;
    return SIZE_MAX;
}

/* Append an item made from `values`; false on allocation failure (pack unchanged). */
static bool append_item(ssat_pack *pack, ssat__kind k, const char *const *values)
{
    if (!ssat__grow(&pack->alloc, (void **)&pack->items, &pack->cap, pack->count + 1, sizeof *pack->items))
        return false;
    if (!item_make(&pack->alloc, k, values, &pack->items[pack->count]))
        return false;
    pack->items[pack->count].ordinal = pack->per_kind[k]++;
    pack->count++;
    return true;
}

ssat_status ssat_pack_add(ssat_pack *pack, const char *kind, size_t *index_out)
{
    static const char fn[] = "ssat_pack_add";
    if (index_out != NULL)
        *index_out = 0;
    if (pack == NULL)
        return ssat__null_arg(fn, "pack");
    if (kind == NULL)
        return ssat__null_arg(fn, "kind");
    int k = ssat__kind_find(kind);
    if (k < 0)
        return unknown_kind(fn, "kind", kind);
    if (ssat__kinds[k].single && pack->per_kind[k] > 0)
        return ssat__error(SSAT_ERR_DUPLICATE, "%s: argument 'kind': the pack already holds a %s (at most one)", fn,
                           ssat__kinds[k].name);
    if (!append_item(pack, (ssat__kind)k, NULL))
        return ssat__nomem(fn);
    if (index_out != NULL)
        *index_out = pack->count - 1;
    return SSAT_OK;
}

static ssat_status check_index(const ssat_pack *pack, size_t index, const char *fn)
{
    if (index >= pack->count)
        return ssat__error(SSAT_ERR_RANGE, "%s: argument 'index': %zu is not below the pack's %zu items", fn, index,
                           pack->count);
    return SSAT_OK;
}

ssat_status ssat_pack_remove(ssat_pack *pack, size_t index)
{
    static const char fn[] = "ssat_pack_remove";
    if (pack == NULL)
        return ssat__null_arg(fn, "pack");
    ssat_status st = check_index(pack, index, fn);
    if (st != SSAT_OK)
        return st;
    ssat__kind k = pack->items[index].kind;
    item_clear(&pack->alloc, &pack->items[index]);
    memmove(pack->items + index, pack->items + index + 1, (pack->count - index - 1) * sizeof *pack->items);
    pack->count--;
    pack->per_kind[k]--;
    for (size_t i = index; i < pack->count; i++) /* the later items of the kind move up one place */
        pack->items[i].ordinal -= pack->items[i].kind == k;
    return SSAT_OK;
}

size_t ssat_pack_count(const ssat_pack *pack)
{
    return pack != NULL ? pack->count : 0;
}

const char *ssat_pack_item_kind(const ssat_pack *pack, size_t index)
{
    if (pack == NULL || index >= pack->count)
        return NULL;
    return ssat__kinds[pack->items[index].kind].name;
}

size_t ssat__pack_ordinal(const ssat_pack *pack, size_t index)
{
    return pack->items[index].ordinal;
}

void ssat__pack_item_name(const ssat_pack *pack, size_t index, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s[%zu]", ssat__kinds[pack->items[index].kind].name, ssat__pack_ordinal(pack, index));
}

/* Find the item and field for set/get; messages name the item ("letter[2]") and the field. */
static ssat_status locate(const ssat_pack *pack, size_t index, const char *field, const char *fn, int *f_out)
{
    if (pack == NULL)
        return ssat__null_arg(fn, "pack");
    if (field == NULL)
        return ssat__null_arg(fn, "field");
    ssat_status st = check_index(pack, index, fn);
    if (st != SSAT_OK)
        return st;
    ssat__kind k = pack->items[index].kind;
    *f_out = ssat__field_find(k, field);
    if (*f_out < 0) {
        char name[48], repr[48];
        ssat__pack_item_name(pack, index, name, sizeof name);
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: argument 'field': a %s has no field %s (%s)", fn,
                           ssat__kinds[k].name, ssat__text_repr(repr, sizeof repr, field), name);
    }
    return SSAT_OK;
}

ssat_status ssat_pack_set(ssat_pack *pack, size_t index, const char *field, const char *value)
{
    static const char fn[] = "ssat_pack_set";
    int f;
    ssat_status st = locate(pack, index, field, fn, &f);
    if (st != SSAT_OK)
        return st;
    if (value == NULL)
        return ssat__null_arg(fn, "value");
    item *it = &pack->items[index];
    char where[48];
    ssat__pack_item_name(pack, index, where, sizeof where);
    st = ssat__ev_check_value(&ssat__kinds[it->kind].fields[f], value, where, fn);
    if (st != SSAT_OK)
        return st;
    char *copy = NULL;
    if (value[0] != '\0' && (copy = ssat__strdup(&pack->alloc, value)) == NULL)
        return ssat__nomem(fn);
    ssat__free_str(&pack->alloc, it->values[f]);
    it->values[f] = copy;
    return SSAT_OK;
}

ssat_status ssat_pack_get(const ssat_pack *pack, size_t index, const char *field, const char **out)
{
    static const char fn[] = "ssat_pack_get";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    int f;
    ssat_status st = locate(pack, index, field, fn, &f);
    if (st != SSAT_OK)
        return st;
    *out = ssat__pack_value_at(pack, index, (size_t)f);
    return SSAT_OK;
}

/* ---- internal access ------------------------------------------------------------------------------- */

const ssat__alloc *ssat__pack_alloc(const ssat_pack *pack)
{
    return &pack->alloc;
}

ssat__kind ssat__pack_kind(const ssat_pack *pack, size_t index)
{
    return pack->items[index].kind;
}

const char *ssat__pack_value_at(const ssat_pack *pack, size_t index, size_t field_index)
{
    const char *v = pack->items[index].values[field_index];
    return v != NULL ? v : "";
}

const char *ssat__pack_value(const ssat_pack *pack, size_t index, const char *field)
{
    int f = ssat__field_find(pack->items[index].kind, field);
    return f < 0 ? "" : ssat__pack_value_at(pack, index, (size_t)f);
}

ssat_status ssat__pack_put_single(ssat_pack *pack, ssat__kind k, const char *const *values, const char *fn)
{
    size_t at = ssat__pack_find(pack, k);
    if (at == SIZE_MAX)
        return append_item(pack, k, values) ? SSAT_OK : ssat__nomem(fn);
    item fresh;
    if (!item_make(&pack->alloc, k, values, &fresh))
        return ssat__nomem(fn);
    fresh.ordinal = pack->items[at].ordinal;
    item_clear(&pack->alloc, &pack->items[at]);
    pack->items[at] = fresh;
    return SSAT_OK;
}
