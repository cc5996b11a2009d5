/* ssat_certificate_render: the format asked for, and its renderer (text and HTML: certificate_render.c,
 * JSON: certificate_json.c). It lives apart from the renderers so that calls point one way: the JSON
 * renderer uses the labels and totals of certificate_render.c, and neither calls back here. */
#include "evidence_layer.h"
#include "certificate_internal.h"

ssat_status ssat_certificate_render(const ssat_certificate *cert, ssat_certificate_format format, ssat_lang lang,
                                    char **out)
{
    static const char fn[] = "ssat_certificate_render";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = NULL;
    if (cert == NULL)
        return ssat__null_arg(fn, "cert");
    if (lang != SSAT_LANG_EN && lang != SSAT_LANG_CY && lang != SSAT_LANG_CY_EN)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'lang': %d is not a language", fn, (int)lang);
    ssat__buf b;
    ssat__buf_init(&b, &cert->alloc);
    switch (format) {
    case SSAT_CERTIFICATE_TEXT: ssat__cert_render_text(&b, cert, lang); break;
    case SSAT_CERTIFICATE_HTML: ssat__cert_render_html(&b, cert, lang); break;
    case SSAT_CERTIFICATE_JSON: *out = ssat__cert_render_json(cert, lang); return *out != NULL ? SSAT_OK : ssat__nomem(fn);
    default:
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'format': %d is not a certificate format", fn,
                           (int)format);
    }
    *out = ssat__buf_take_owned(&b);
    return *out != NULL ? SSAT_OK : ssat__nomem(fn);
}
