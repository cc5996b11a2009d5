/* Option parsing, the tool's bilingual labels, and reading small files. */
#include "tool.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int tool_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "ssat %s: ", command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (try `ssat %s --help`)\n", command);
    return TOOL_EXIT_USAGE;
}

static const tool_option *find_option(const tool_option *opts, size_t nopts, const char *name, size_t len)
{
    for (size_t i = 0; i < nopts; i++)
        if (strlen(opts[i].name) == len && memcmp(opts[i].name, name, len) == 0)
            return &opts[i];
    return NULL;
}

/* A value option's value: in its place; a repeatable one's ("FILE...") in the next free slot. */
static bool store_value(const char *command, const tool_option *o, const char *value)
{
    size_t n = strlen(o->value_name);
    if (n < 3 || strcmp(o->value_name + n - 3, "...") != 0) {
        *o->value = value;
        return true;
    }
    for (size_t k = 0; k < TOOL_REPEAT_MAX; k++)
        if (o->value[k] == NULL) {
            o->value[k] = value;
            return true;
        }
    tool_usage_error(command, "option --%s is given more than %d times", o->name, TOOL_REPEAT_MAX);
    return false;
}

/* One "--name[=value]" argument at argv[*i]; may consume the next argument as its value. */
static bool parse_long(const char *command, int argc, char **argv, int *i, const tool_option *opts, size_t nopts)
{
    const char *arg = argv[*i] + 2, *eq = strchr(arg, '=');
    size_t len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
    const tool_option *o = find_option(opts, nopts, arg, len);
    if (o == NULL) {
        tool_usage_error(command, "unknown option \"--%.*s\"", (int)len, arg);
        return false;
    }
    if (o->value_name == NULL) {
        if (eq != NULL) {
            tool_usage_error(command, "option --%s takes no value", o->name);
            return false;
        }
        *o->flag = true;
        return true;
    }
    const char *value;
    if (eq != NULL) {
        value = eq + 1;
    } else if (*i + 1 < argc) {
        value = argv[++*i];
    } else {
        tool_usage_error(command, "option --%s needs a value (%s)", o->name, o->value_name);
        return false;
    }
    return store_value(command, o, value);
}

bool tool_parse(const char *command, int argc, char **argv, const tool_option *opts, size_t nopts,
                const char **positional, size_t max, size_t *npositional, bool *help)
{
    bool options_done = false;
    *npositional = 0;
    *help = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && strcmp(a, "--") == 0) {
            options_done = true;
        } else if (!options_done && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            *help = true;
        } else if (!options_done && a[0] == '-' && a[1] == '-') {
            if (!parse_long(command, argc, argv, &i, opts, nopts))
                return false;
        } else if (!options_done && a[0] == '-' && a[1] != '\0') {
            tool_usage_error(command, "unknown option \"%s\"", a);
            return false;
        } else if (*npositional == max) {
            tool_usage_error(command, "too many files (at most %zu)", max);
            return false;
        } else {
            positional[(*npositional)++] = a;
        }
    }
    return true;
}

bool tool_parse_lang(const char *text, ssat_lang *out)
{
    if (text == NULL || strcmp(text, "en") == 0)
        *out = SSAT_LANG_EN;
    else if (strcmp(text, "cy") == 0)
        *out = SSAT_LANG_CY;
    else if (strcmp(text, "cy+en") == 0)
        *out = SSAT_LANG_CY_EN;
    else
        return false;
    return true;
}

const char *tool_text(const char *key, ssat_lang lang)
{
    for (size_t i = 0; i < tool_labels_count; i++)
        if (strcmp(tool_labels[i].key, key) == 0)
            return lang == SSAT_LANG_CY      ? tool_labels[i].cy
                   : lang == SSAT_LANG_CY_EN ? tool_labels[i].cy_en
                                             : tool_labels[i].en;
    return key;
}

void tool_render(FILE *out, const char *tmpl, const char *const *args, size_t nargs)
{
    for (const char *p = tmpl; *p != '\0'; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            size_t k = (size_t)(p[1] - '1');
            fputs(k < nargs && args[k] != NULL ? args[k] : "", out);
            p += 2;
        } else {
            fputc(*p, out);
        }
    }
}

/* One language's sentence: the arguments of dates_mask (bit k-1 for {k}), given as ISO dates, in words. */
static void say_one(FILE *out, const char *key, ssat_lang lang, const char *const *args, size_t nargs,
                    unsigned dates_mask)
{
    const char *local[9];
    char words[9][SSAT_DATE_LONG_BUFSIZE];
    for (size_t k = 0; k < nargs && k < 9; k++) {
        ssat_date d;
        local[k] = args[k];
        if ((dates_mask & (1u << k)) != 0 && args[k] != NULL && ssat_date_parse(args[k], &d) == SSAT_OK &&
            ssat_date_format_long(d, lang, words[k], sizeof words[k]) == SSAT_OK)
            local[k] = words[k];
    }
    tool_render(out, tool_text(key, lang), local, nargs < 9 ? nargs : 9);
}

void tool_say(FILE *out, const char *key, ssat_lang lang, const char *const *args, size_t nargs, unsigned dates_mask)
{
    if (lang != SSAT_LANG_CY_EN) {
        say_one(out, key, lang, args, nargs, dates_mask);
        return;
    }
    say_one(out, key, SSAT_LANG_CY, args, nargs, dates_mask);
    fputc('\n', out);
    say_one(out, key, SSAT_LANG_EN, args, nargs, dates_mask);
}

#define SMALL_FILE_MAX ((size_t)16 << 20)

char *tool_read_small_file(const char *command, const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "ssat %s: cannot open %s: %s\n", command, path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        len += fread(buf + len, 1, cap - len, f);
        if (len < cap || cap >= SMALL_FILE_MAX)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    bool failed = buf == NULL || ferror(f) || len == cap;
    if (failed) {
        fprintf(stderr, "ssat %s: cannot read %s: %s\n", command, path,
                buf == NULL ? "out of memory" : len == cap ? "larger than 16 MiB" : strerror(errno));
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len_out = len;
    return buf;
}
