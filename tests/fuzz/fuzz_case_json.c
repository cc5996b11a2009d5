/* Case documents (ssat_case_from_json): any bytes load or fail cleanly with nothing created; a case that
 * loads saves to a document that loads back equal, saves to the same text, and replays to itself. */
#include "fuzz.h"

#include <ssat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ssat_policy *policy = NULL;
    ssat_case *c = NULL, *again = NULL, *replayed = NULL;
    char *text = NULL, *text2 = NULL;
    FUZZ_CHECK(ssat_policy_builtin("carmarthenshire", NULL, &policy) == SSAT_OK);
    if (ssat_case_from_json((const char *)data, size, policy, &c) != SSAT_OK) {
        FUZZ_CHECK(c == NULL && ssat_error_message()[0] != '\0');
        ssat_policy_free(policy);
        return 0;
    }
    FUZZ_CHECK(ssat_case_to_json(c, &text) == SSAT_OK);
    FUZZ_CHECK(ssat_case_from_json(text, strlen(text), policy, &again) == SSAT_OK && ssat_case_equal(c, again));
    FUZZ_CHECK(ssat_case_to_json(again, &text2) == SSAT_OK && strcmp(text, text2) == 0);
    FUZZ_CHECK(ssat_case_replay(c, &replayed) == SSAT_OK && ssat_case_equal(c, replayed));
    ssat_case_free(replayed);
    ssat_free(text2);
    ssat_free(text);
    ssat_case_free(again);
    ssat_case_free(c);
    ssat_policy_free(policy);
    return 0;
}
