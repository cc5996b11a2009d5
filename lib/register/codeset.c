/* Attendance code sets as data (docs/rules.md, "Attendance codes"). The built-in sets are static tables; a set object
 * holds its codes as individually allocated entries so that the ssat_code_info pointers handed out stay
 * valid when the entry array grows. A set is reference counted and frozen by the first register that
 * retains it, so registers and summaries can rely on code indices never changing under them. */
#include "register_layer.h"

#include <stdatomic.h>
#include <stdio.h>

#define CODESET_MAX_CODES 250 /* indices 250..255 are reserved for register entry markers */
#define CODESET_NAME_MAX 64

typedef struct codeset_entry {
    ssat_code_info info;                /* the public view; info.code points at text */
    char text[SSAT_CODE_MAX_LEN + 1];   /* the code itself, inline */
    bool owns_labels;                   /* custom labels are our copies; built-in ones are static */
} codeset_entry;

struct ssat_codeset {
    ssat__alloc alloc;
    char *name;
    codeset_entry **entries; /* pointers, so that entries never move */
    size_t count, cap;
    uint8_t by_byte[256];    /* index of each one-byte code, SSAT__NO_CODE when none */
    atomic_size_t refs;      /* the caller's handle plus one per register or summary */
    atomic_bool frozen;      /* set by the first retain and never cleared */
};

typedef struct builtin_code {
    const char *code;
    ssat_category category;
    uint32_t flags;
    const char *label; /* id of the label in the message tables (po/libssat.pot, po/cy.po) */
} builtin_code;

#define PRESENT SSAT_CATEGORY_PRESENT
#define APPROVED SSAT_CATEGORY_APPROVED_ACTIVITY
#define AUTHORISED SSAT_CATEGORY_AUTHORISED
#define UNAUTHORISED SSAT_CATEGORY_UNAUTHORISED
#define NOT_COUNTED SSAT_CATEGORY_NOT_COUNTED

/* Education (Pupil Registration) (Wales) Regulations 2010, as listed in docs/rules.md, "Attendance codes". */
static const builtin_code wales_2010[] = {
    {"/", PRESENT, SSAT_FLAG_NONE, "code.wales_2010.slash"},
    {"\\", PRESENT, SSAT_FLAG_NONE, "code.wales_2010.backslash"},
    {"L", PRESENT, SSAT_FLAG_LATE_BEFORE_CLOSE, "code.wales_2010.l"},
    {"B", APPROVED, SSAT_FLAG_NONE, "code.wales_2010.b"},
    {"J", APPROVED, SSAT_FLAG_NONE, "code.wales_2010.j"},
    {"P", APPROVED, SSAT_FLAG_NONE, "code.wales_2010.p"},
    {"V", APPROVED, SSAT_FLAG_NONE, "code.wales_2010.v"},
    {"W", APPROVED, SSAT_FLAG_NONE, "code.wales_2010.w"},
    /* Whether D counts is uncertain (docs/rules.md): not counted by default, a copy may redefine it. */
    {"D", NOT_COUNTED, SSAT_FLAG_NONE, "code.wales_2010.d"},
    {"C", AUTHORISED, SSAT_FLAG_NONE, "code.wales_2010.c"},
    {"E", AUTHORISED, SSAT_FLAG_EXCLUSION, "code.wales_2010.e"},
    {"F", AUTHORISED, SSAT_FLAG_HOLIDAY, "code.wales_2010.f"},
    {"H", AUTHORISED, SSAT_FLAG_HOLIDAY, "code.wales_2010.h"},
    {"I", AUTHORISED, SSAT_FLAG_ILLNESS, "code.wales_2010.i"},
    {"M", AUTHORISED, SSAT_FLAG_ILLNESS, "code.wales_2010.m"},
    {"R", AUTHORISED, SSAT_FLAG_NONE, "code.wales_2010.r"},
    {"S", AUTHORISED, SSAT_FLAG_NONE, "code.wales_2010.s"},
    {"T", AUTHORISED, SSAT_FLAG_NONE, "code.wales_2010.t"},
    {"G", UNAUTHORISED, SSAT_FLAG_HOLIDAY, "code.wales_2010.g"},
    {"N", UNAUTHORISED, SSAT_FLAG_PROVISIONAL, "code.wales_2010.n"},
    {"O", UNAUTHORISED, SSAT_FLAG_NONE, "code.wales_2010.o"},
    {"U", UNAUTHORISED, SSAT_FLAG_LATE_AFTER_CLOSE, "code.wales_2010.u"},
    {"X", NOT_COUNTED, SSAT_FLAG_NONE, "code.wales_2010.x"},
    {"Y", NOT_COUNTED, SSAT_FLAG_NONE, "code.wales_2010.y"},
    {"Z", NOT_COUNTED, SSAT_FLAG_NONE, "code.wales_2010.z"},
    {"#", NOT_COUNTED, SSAT_FLAG_NONE, "code.wales_2010.hash"},
};

/* School Attendance (Pupil Registration) (England) Regulations 2024 (SI 2024/208) reg 10. */
static const builtin_code england_2024[] = {
    {"/", PRESENT, SSAT_FLAG_NONE, "code.england_2024.slash"},
    {"\\", PRESENT, SSAT_FLAG_NONE, "code.england_2024.backslash"},
    {"L", PRESENT, SSAT_FLAG_LATE_BEFORE_CLOSE, "code.england_2024.l"},
    {"K", APPROVED, SSAT_FLAG_NONE, "code.england_2024.k"},
    {"V", APPROVED, SSAT_FLAG_NONE, "code.england_2024.v"},
    {"P", APPROVED, SSAT_FLAG_NONE, "code.england_2024.p"},
    {"W", APPROVED, SSAT_FLAG_NONE, "code.england_2024.w"},
    {"B", APPROVED, SSAT_FLAG_NONE, "code.england_2024.b"},
    {"C", AUTHORISED, SSAT_FLAG_NONE, "code.england_2024.c"},
    {"C1", AUTHORISED, SSAT_FLAG_NONE, "code.england_2024.c1"},
    {"C2", AUTHORISED, SSAT_FLAG_NONE, "code.england_2024.c2"},
    {"E", AUTHORISED, SSAT_FLAG_EXCLUSION, "code.england_2024.e"},
    {"I", AUTHORISED, SSAT_FLAG_ILLNESS, "code.england_2024.i"},
    {"M", AUTHORISED, SSAT_FLAG_ILLNESS, "code.england_2024.m"},
    {"J1", AUTHORISED, SSAT_FLAG_NONE, "code.england_2024.j1"},
    {"R", AUTHORISED, SSAT_FLAG_NONE, "code.england_2024.r"},
    {"S", AUTHORISED, SSAT_FLAG_NONE, "code.england_2024.s"},
    {"T", AUTHORISED, SSAT_FLAG_NONE, "code.england_2024.t"},
    {"G", UNAUTHORISED, SSAT_FLAG_HOLIDAY, "code.england_2024.g"},
    {"N", UNAUTHORISED, SSAT_FLAG_PROVISIONAL, "code.england_2024.n"},
    {"O", UNAUTHORISED, SSAT_FLAG_NONE, "code.england_2024.o"},
    {"U", UNAUTHORISED, SSAT_FLAG_LATE_AFTER_CLOSE, "code.england_2024.u"},
    {"D", NOT_COUNTED, SSAT_FLAG_NONE, "code.england_2024.d"},
    {"X", NOT_COUNTED, SSAT_FLAG_NONE, "code.england_2024.x"},
    {"Q", NOT_COUNTED, SSAT_FLAG_NONE, "code.england_2024.q"},
    {"Y1", NOT_COUNTED, SSAT_FLAG_NONE, "code.england_2024.y1"},
    {"Y2", NOT_COUNTED, SSAT_FLAG_NONE, "code.england_2024.y2"},
    {"Y3", NOT_COUNTED, SSAT_FLAG_NONE, "code.england_2024.y3"},
    {"Y4", NOT_COUNTED, SSAT_FLAG_NONE, "code.england_2024.y4"},
    {"Y5", NOT_COUNTED, SSAT_FLAG_NONE, "code.england_2024.y5"},
    {"Y6", NOT_COUNTED, SSAT_FLAG_NONE, "code.england_2024.y6"},
    {"Y7", NOT_COUNTED, SSAT_FLAG_NONE, "code.england_2024.y7"},
    {"Z", NOT_COUNTED, SSAT_FLAG_NONE, "code.england_2024.z"},
    {"#", NOT_COUNTED, SSAT_FLAG_NONE, "code.england_2024.hash"},
};

typedef struct builtin_set {
    const char *name;
    const builtin_code *codes;
    size_t count;
} builtin_set;

static const builtin_set builtin_sets[] = {
    {"wales-2010", wales_2010, sizeof wales_2010 / sizeof wales_2010[0]},
    {"england-2024", england_2024, sizeof england_2024 / sizeof england_2024[0]},
};

#define BUILTIN_COUNT (sizeof builtin_sets / sizeof builtin_sets[0])

/* ---- helpers ------------------------------------------------------------------------------------- */

/* The rule of codeset.h: 1..4 printable ASCII bytes, none of which is a register-string separator. */
static bool code_is_valid(const char *code)
{
    size_t n = 0;
    for (; code[n] != '\0'; n++) {
        unsigned char c = (unsigned char)code[n];
        if (n == SSAT_CODE_MAX_LEN || c < 0x21 || c > 0x7E || c == ',' || c == '"' || c == '.' || c == '-')
            return false;
    }
    return n > 0;
}

/* Quote caller-supplied code text for an error message without trusting it to be short or printable. */
const char *ssat__code_repr(char buf[SSAT__CODE_REPR_SIZE], const char *code)
{
    (void)ssat__text_quote(buf, SSAT__CODE_REPR_SIZE, code, strlen(code), SSAT__QUOTE_MARKS | SSAT__QUOTE_ASCII, 8);
    return buf;
}

static size_t find_code(const ssat_codeset *set, const char *code)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->entries[i]->text, code) == 0)
            return i;
    return SIZE_MAX;
}

static void rebuild_byte_index(ssat_codeset *set)
{
    memset(set->by_byte, SSAT__NO_CODE, sizeof set->by_byte);
    for (size_t i = 0; i < set->count; i++) {
        const char *t = set->entries[i]->text;
        if (t[1] == '\0')
            set->by_byte[(unsigned char)t[0]] = (uint8_t)i;
    }
}

static void entry_free(const ssat__alloc *a, codeset_entry *e)
{
    if (e == NULL)
        return;
    if (e->owns_labels) {
        ssat__free_str(a, (char *)(uintptr_t)e->info.label_en);
        ssat__free_str(a, (char *)(uintptr_t)e->info.label_cy);
    }
    ssat__free(a, e, sizeof *e);
}

/* A new entry; labels are shared when `owns` is false (static built-in text), else copied. */
static codeset_entry *entry_new(const ssat__alloc *a, const char *code, ssat_category category, uint32_t flags,
                                const char *en, const char *cy, bool owns)
{
    codeset_entry *e = ssat__calloc(a, 1, sizeof *e);
    if (e == NULL)
        return NULL;
    memcpy(e->text, code, strlen(code) + 1);
    e->info.code = e->text;
    e->info.category = category;
    e->info.flags = flags;
    e->owns_labels = owns;
    if (!owns) {
        e->info.label_en = en;
        e->info.label_cy = cy;
        return e;
    }
    e->info.label_en = ssat__strdup(a, en);
    e->info.label_cy = ssat__strdup(a, cy);
    if (e->info.label_en == NULL || e->info.label_cy == NULL) {
        entry_free(a, e);
        return NULL;
    }
    return e;
}

static ssat_status check_name(const char *name, const char *fn, const char *arg)
{
    if (name == NULL)
        return ssat__null_arg(fn, arg);
    size_t n = strlen(name);
    if (n == 0 || n > CODESET_NAME_MAX)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument '%s' must be 1 to %d bytes long, not %zu", fn, arg,
                           CODESET_NAME_MAX, n);
    return SSAT_OK;
}

/* An empty set with one reference (the caller's handle). */
static ssat_codeset *set_new(const ssat__alloc *a, const char *name)
{
    ssat_codeset *set = ssat__calloc(a, 1, sizeof *set);
    if (set == NULL)
        return NULL;
    set->alloc = *a;
    set->name = ssat__strdup(a, name);
    if (set->name == NULL) {
        ssat__free(a, set, sizeof *set);
        return NULL;
    }
    memset(set->by_byte, SSAT__NO_CODE, sizeof set->by_byte);
    atomic_init(&set->refs, 1);
    atomic_init(&set->frozen, false);
    return set;
}

static void set_destroy(ssat_codeset *set)
{
    ssat__alloc a = set->alloc;
    for (size_t i = 0; i < set->count; i++)
        entry_free(&a, set->entries[i]);
    ssat__free(&a, set->entries, set->cap * sizeof *set->entries);
    ssat__free_str(&a, set->name);
    ssat__free(&a, set, sizeof *set);
}

/* Append an entry that the caller has made; the array was grown beforehand. */
static void set_append(ssat_codeset *set, codeset_entry *e)
{
    if (e->text[1] == '\0')
        set->by_byte[(unsigned char)e->text[0]] = (uint8_t)set->count;
    set->entries[set->count++] = e;
}

/* Fill an empty set from a built-in table; on failure the caller destroys the partly filled set. */
static ssat_status set_fill_builtin(ssat_codeset *set, const builtin_set *b)
{
    if (!ssat__grow(&set->alloc, (void **)&set->entries, &set->cap, b->count, sizeof *set->entries))
        return SSAT_ERR_NOMEM;
    for (size_t i = 0; i < b->count; i++) {
        const builtin_code *c = &b->codes[i];
        const char *en = ssat__message_template(c->label, SSAT_LANG_EN);
        const char *cy = ssat__message_template(c->label, SSAT_LANG_CY);
        codeset_entry *e = entry_new(&set->alloc, c->code, c->category, c->flags, en != NULL ? en : "",
                                     cy != NULL ? cy : "", false);
        if (e == NULL)
            return SSAT_ERR_NOMEM;
        set_append(set, e);
    }
    return SSAT_OK;
}

/* ---- public API ---------------------------------------------------------------------------------- */

size_t ssat_codeset_builtin_count(void)
{
    return BUILTIN_COUNT;
}

const char *ssat_codeset_builtin_name(size_t index)
{
    return index < BUILTIN_COUNT ? builtin_sets[index].name : NULL;
}

ssat_status ssat_codeset_builtin(const char *name, const ssat_allocator *alloc, ssat_codeset **out)
{
    static const char fn[] = "ssat_codeset_builtin";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (name == NULL)
        name = builtin_sets[0].name;
    const builtin_set *b = NULL;
    for (size_t i = 0; i < BUILTIN_COUNT; i++)
        if (strcmp(builtin_sets[i].name, name) == 0)
            b = &builtin_sets[i];
    if (b == NULL)
        return ssat__error(SSAT_ERR_NOT_FOUND,
                           "%s: argument 'name': no built-in code set \"%.64s\" (known: wales-2010, england-2024)",
                           fn, name);
    ssat__alloc a;
    ssat_status st = ssat__alloc_resolve(&a, alloc, fn);
    if (st != SSAT_OK)
        return st;
    ssat_codeset *set = set_new(&a, b->name);
    if (set == NULL)
        return ssat__nomem(fn);
    if (set_fill_builtin(set, b) != SSAT_OK) {
        set_destroy(set);
        return ssat__nomem(fn);
    }
    *out = set;
    return SSAT_OK;
}

ssat_status ssat_codeset_new(const char *name, const ssat_allocator *alloc, ssat_codeset **out)
{
    static const char fn[] = "ssat_codeset_new";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    ssat_status st = check_name(name, fn, "name");
    if (st != SSAT_OK)
        return st;
    ssat__alloc a;
    st = ssat__alloc_resolve(&a, alloc, fn);
    if (st != SSAT_OK)
        return st;
    *out = set_new(&a, name);
    return *out != NULL ? SSAT_OK : ssat__nomem(fn);
}

ssat_status ssat_codeset_copy(const ssat_codeset *src, const char *new_name, ssat_codeset **out)
{
    static const char fn[] = "ssat_codeset_copy";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (src == NULL)
        return ssat__null_arg(fn, "src");
    ssat_status st = check_name(new_name, fn, "new_name");
    if (st != SSAT_OK)
        return st;
    ssat_codeset *set = set_new(&src->alloc, new_name);
    if (set == NULL)
        return ssat__nomem(fn);
    if (src->count > 0 &&
        !ssat__grow(&set->alloc, (void **)&set->entries, &set->cap, src->count, sizeof *set->entries)) {
        set_destroy(set);
        return ssat__nomem(fn);
    }
    for (size_t i = 0; i < src->count; i++) {
        const codeset_entry *s = src->entries[i];
        /* Static built-in labels can be shared; only the source's own copies need copying. */
        codeset_entry *e = entry_new(&set->alloc, s->text, s->info.category, s->info.flags, s->info.label_en,
                                     s->info.label_cy, s->owns_labels);
        if (e == NULL) {
            set_destroy(set);
            return ssat__nomem(fn);
        }
        set_append(set, e);
    }
    *out = set;
    return SSAT_OK;
}

void ssat_codeset_free(ssat_codeset *set)
{
    ssat__codeset_release(set);
}

static ssat_status check_mutable(const ssat_codeset *set, const char *fn)
{
    if (atomic_load(&set->frozen))
        return ssat__error(SSAT_ERR_STATE,
                           "%s: code set \"%s\" is frozen because a register uses it; copy it to change it", fn,
                           set->name);
    return SSAT_OK;
}

static ssat_status check_definition(const char *code, ssat_category category, uint32_t flags, const char *fn)
{
    char repr[SSAT__CODE_REPR_SIZE];
    if (code == NULL)
        return ssat__null_arg(fn, "code");
    if (!code_is_valid(code))
        return ssat__error(SSAT_ERR_INVALID_ARG,
                           "%s: argument 'code': %s is not a valid code (1 to 4 printable ASCII characters other "
                           "than space, comma, double quote, '.' and '-')",
                           fn, ssat__code_repr(repr, code));
    if ((int)category < (int)SSAT_CATEGORY_PRESENT || (int)category > (int)SSAT_CATEGORY_NOT_COUNTED)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'category': %d is not a category", fn, (int)category);
    if ((flags & ~(uint32_t)SSAT_FLAG_ALL) != 0)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'flags': unknown flag bits 0x%X", fn,
                           (unsigned)(flags & ~(uint32_t)SSAT_FLAG_ALL));
    return SSAT_OK;
}

/* Replace an existing entry's meaning; its index and code stay, so the ssat_code_info pointer does too. */
static ssat_status redefine(ssat_codeset *set, codeset_entry *e, ssat_category category, uint32_t flags,
                            const char *en, const char *cy)
{
    char *new_en = ssat__strdup(&set->alloc, en);
    char *new_cy = new_en != NULL ? ssat__strdup(&set->alloc, cy) : NULL;
    if (new_cy == NULL) {
        ssat__free_str(&set->alloc, new_en);
        return ssat__nomem("ssat_codeset_define");
    }
    if (e->owns_labels) {
        ssat__free_str(&set->alloc, (char *)(uintptr_t)e->info.label_en);
        ssat__free_str(&set->alloc, (char *)(uintptr_t)e->info.label_cy);
    }
    e->info.label_en = new_en;
    e->info.label_cy = new_cy;
    e->owns_labels = true;
    e->info.category = category;
    e->info.flags = flags;
    return SSAT_OK;
}

ssat_status ssat_codeset_define(ssat_codeset *set, const char *code, ssat_category category, uint32_t flags,
                                const char *label_en, const char *label_cy)
{
    static const char fn[] = "ssat_codeset_define";
    if (set == NULL)
        return ssat__null_arg(fn, "set");
    ssat_status st = check_definition(code, category, flags, fn);
    if (st == SSAT_OK)
        st = check_mutable(set, fn);
    if (st != SSAT_OK)
        return st;
    const char *en = label_en != NULL ? label_en : "";
    const char *cy = label_cy != NULL ? label_cy : "";
    size_t at = find_code(set, code);
    if (at != SIZE_MAX)
        return redefine(set, set->entries[at], category, flags, en, cy);
    if (set->count >= CODESET_MAX_CODES)
        return ssat__error(SSAT_ERR_RANGE, "%s: code set \"%s\" already holds %d codes, the most a set can hold", fn,
                           set->name, CODESET_MAX_CODES);
    codeset_entry *e = entry_new(&set->alloc, code, category, flags, en, cy, true);
    if (e == NULL)
        return ssat__nomem(fn);
    if (!ssat__grow(&set->alloc, (void **)&set->entries, &set->cap, set->count + 1, sizeof *set->entries)) {
        entry_free(&set->alloc, e);
        return ssat__nomem(fn);
    }
    set_append(set, e);
    return SSAT_OK;
}

ssat_status ssat_codeset_remove(ssat_codeset *set, const char *code)
{
    static const char fn[] = "ssat_codeset_remove";
    char repr[SSAT__CODE_REPR_SIZE];
    if (set == NULL)
        return ssat__null_arg(fn, "set");
    if (code == NULL)
        return ssat__null_arg(fn, "code");
    ssat_status st = check_mutable(set, fn);
    if (st != SSAT_OK)
        return st;
    size_t at = find_code(set, code);
    if (at == SIZE_MAX)
        return ssat__error(SSAT_ERR_NOT_FOUND, "%s: argument 'code': code %s is not in code set \"%s\"", fn,
                           ssat__code_repr(repr, code), set->name);
    entry_free(&set->alloc, set->entries[at]);
    memmove(set->entries + at, set->entries + at + 1, (set->count - at - 1) * sizeof *set->entries);
    set->count--;
    rebuild_byte_index(set); /* later codes moved down one index */
    return SSAT_OK;
}

const char *ssat_codeset_name(const ssat_codeset *set)
{
    return set != NULL ? set->name : "";
}

size_t ssat_codeset_count(const ssat_codeset *set)
{
    return set != NULL ? set->count : 0;
}

size_t ssat_codeset_size(const ssat_codeset *set)
{
    return ssat_codeset_count(set);
}

int32_t ssat_codeset_is_frozen(const ssat_codeset *set)
{
    return set != NULL && atomic_load(&set->frozen) ? 1 : 0;
}

const ssat_code_info *ssat_codeset_at(const ssat_codeset *set, size_t index)
{
    if (set == NULL || index >= set->count)
        return NULL;
    return &set->entries[index]->info;
}

ssat_status ssat_codeset_lookup(const ssat_codeset *set, const char *code, size_t *index_out,
                                const ssat_code_info **out)
{
    static const char fn[] = "ssat_codeset_lookup";
    char repr[SSAT__CODE_REPR_SIZE];
    if (index_out != NULL)
        *index_out = 0;
    if (out != NULL)
        *out = NULL;
    if (set == NULL)
        return ssat__null_arg(fn, "set");
    if (code == NULL)
        return ssat__null_arg(fn, "code");
    uint8_t i = ssat__codeset_index(set, code);
    if (i == SSAT__NO_CODE)
        return ssat__error(SSAT_ERR_UNKNOWN_CODE, "%s: code %s is not in code set \"%s\"", fn,
                           ssat__code_repr(repr, code), set->name);
    if (index_out != NULL)
        *index_out = i;
    if (out != NULL)
        *out = &set->entries[i]->info;
    return SSAT_OK;
}

const char *ssat_category_name(ssat_category category, ssat_lang lang)
{
    static const char *const ids[] = {"category.present", "category.approved_activity", "category.authorised",
                                      "category.unauthorised", "category.not_counted"};
    if ((int)category < 0 || (size_t)category >= sizeof ids / sizeof ids[0])
        return "";
    const char *text = ssat__message_template(ids[category], lang);
    return text != NULL ? text : "";
}

/* ---- internal API -------------------------------------------------------------------------------- */

uint8_t ssat__codeset_index_byte(const ssat_codeset *set, unsigned char c)
{
    return set->by_byte[c];
}

uint8_t ssat__codeset_index(const ssat_codeset *set, const char *code)
{
    if (code[0] != '\0' && code[1] == '\0')
        return set->by_byte[(unsigned char)code[0]];
    if (!code_is_valid(code))
        return SSAT__NO_CODE;
    size_t i = find_code(set, code);
    return i == SIZE_MAX ? SSAT__NO_CODE : (uint8_t)i;
}

const ssat__alloc *ssat__codeset_alloc(const ssat_codeset *set)
{
    return &set->alloc;
}

/* The reference count and the frozen flag are the only parts of a set that change after it is frozen,
 * which is why they are atomic and why retaining through a const pointer is sound: a set is always
 * allocated by this file, never a const object. */
void ssat__codeset_retain(const ssat_codeset *set)
{
    ssat_codeset *s = (ssat_codeset *)(uintptr_t)set;
    atomic_fetch_add(&s->refs, 1);
    atomic_store(&s->frozen, true);
}

void ssat__codeset_release(const ssat_codeset *set)
{
    if (set == NULL)
        return;
    ssat_codeset *s = (ssat_codeset *)(uintptr_t)set;
    if (atomic_fetch_sub(&s->refs, 1) == 1)
        set_destroy(s);
}

ssat_status ssat__codeset_child_new(const ssat_codeset *codes, size_t size, size_t alloc_at, size_t codes_at,
                                    bool out_given, const char *fn, void **obj)
{
    *obj = NULL;
    if (!out_given)
        return ssat__null_arg(fn, "out");
    if (codes == NULL)
        return ssat__null_arg(fn, "codes");
    unsigned char *p = ssat__calloc(&codes->alloc, 1, size);
    if (p == NULL)
        return ssat__nomem(fn);
    memcpy(p + alloc_at, &codes->alloc, sizeof codes->alloc);
    memcpy(p + codes_at, &codes, sizeof codes);
    ssat__codeset_retain(codes);
    *obj = p;
    return SSAT_OK;
}
