/* Policy documents (ssat_policy_from_json): any bytes either load or fail cleanly; a policy that loads
 * saves to a document that loads back equal, and saving that gives the same text. */
#include "fuzz.h"

#include <ssat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ssat_policy *p = NULL, *q = NULL;
    char *text = NULL, *again = NULL;
    if (ssat_policy_from_json((const char *)data, size, NULL, &p) != SSAT_OK) {
        FUZZ_CHECK(p == NULL && ssat_error_message()[0] != '\0');
        return 0;
    }
    FUZZ_CHECK(ssat_policy_to_json(p, &text) == SSAT_OK);
    FUZZ_CHECK(ssat_policy_from_json(text, strlen(text), NULL, &q) == SSAT_OK);
    FUZZ_CHECK(ssat_policy_equal(p, q));
    FUZZ_CHECK(ssat_policy_to_json(q, &again) == SSAT_OK && strcmp(text, again) == 0);
    ssat_free(again);
    ssat_free(text);
    ssat_policy_free(q);
    ssat_policy_free(p);
    return 0;
}
