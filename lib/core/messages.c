/* Lookup and rendering of the bilingual message tables. Templates use {1}..{9} rather than printf
 * conversions so that a translation may put the arguments in another order, and so that no format
 * string ever comes from a table. */
#include "core_layer.h"
#include "messages_index.h" /* generated: ssat__message_order, the entries in strcmp order of their ids */

size_t ssat__messages_indexed(void)
{
    return SSAT__MESSAGES_INDEXED;
}

/* Position of `id` in the tables (both have the same ids in the same order), or -1. */
static long find(const char *id)
{
    size_t lo = 0, hi = SSAT__MESSAGES_INDEXED;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t pos = ssat__message_order[mid];
        int c = strcmp(ssat__messages_en[pos].id, id);
        if (c == 0)
            return (long)pos;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

const char *ssat__message_template(const char *id, ssat_lang lang)
{
    long pos = find(id);
    if (pos < 0)
        return NULL;
    switch (lang) {
    case SSAT_LANG_EN: return ssat__messages_en[pos].text;
    case SSAT_LANG_CY: return ssat__messages_cy[pos].text;
    case SSAT_LANG_CY_EN: return ssat__messages_cy_en[pos].text;
    }
    return NULL;
}

/* Append n bytes of s at *len. Once the buffer is full, stop writing (cutting on a UTF-8 character
 * boundary) but keep counting, so the caller learns the full length. */
static void append(char *buf, size_t cap, size_t *len, bool *truncated, const char *s, size_t n)
{
    if (!*truncated && cap > 0) {
        size_t room = cap - 1 - *len; /* *len < cap holds while nothing was truncated */
        size_t k = n;
        if (k > room) {
            k = room;
            while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
                k--;
            *truncated = true;
        }
        memcpy(buf + *len, s, k);
        buf[*len + k] = '\0';
    }
    *len += n;
}

size_t ssat__message_render(char *buf, size_t cap, const char *tmpl, const char *const *args, size_t nargs)
{
    size_t len = 0;
    bool truncated = false;
    if (cap > 0)
        buf[0] = '\0';
    const char *p = tmpl;
    while (*p != '\0') {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            size_t k = (size_t)(p[1] - '1');
            const char *arg = (k < nargs && args[k] != NULL) ? args[k] : "";
            append(buf, cap, &len, &truncated, arg, strlen(arg));
            p += 3;
            continue;
        }
        const char *q = p + 1;
        while (*q != '\0' && *q != '{')
            q++;
        append(buf, cap, &len, &truncated, p, (size_t)(q - p));
        p = q;
    }
    return len;
}
