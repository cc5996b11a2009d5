/* Referral packs from JSON (ssat_pack_from_json): any bytes either load or fail cleanly with nothing
 * created; a pack that loads saves to a document that loads back equal and saves to the same text, and
 * checking it against a policy never fails. */
#include "fuzz.h"

#include <ssat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ssat_pack *pack = NULL, *again = NULL;
    char *text = NULL, *text2 = NULL;
    if (ssat_pack_from_json((const char *)data, size, NULL, &pack) != SSAT_OK) {
        FUZZ_CHECK(pack == NULL && ssat_error_message()[0] != '\0');
        return 0;
    }
    FUZZ_CHECK(ssat_pack_to_json(pack, &text) == SSAT_OK);
    FUZZ_CHECK(ssat_pack_from_json(text, strlen(text), NULL, &again) == SSAT_OK);
    FUZZ_CHECK(ssat_pack_equal(pack, again));
    FUZZ_CHECK(ssat_pack_to_json(again, &text2) == SSAT_OK && strcmp(text, text2) == 0);
    ssat_policy *policy = NULL;
    ssat_problems *problems = NULL;
    ssat_pupil *pupil = NULL;
    FUZZ_CHECK(ssat_policy_builtin(NULL, NULL, &policy) == SSAT_OK && ssat_problems_new(&problems, NULL) == SSAT_OK &&
               ssat_pupil_new("P1", NULL, &pupil) == SSAT_OK);
    FUZZ_CHECK(ssat_pack_check(pack, policy, NULL, NULL, problems, pupil, NULL) == SSAT_OK);
    ssat_pupil_free(pupil);
    ssat_problems_free(problems);
    ssat_policy_free(policy);
    ssat_free(text2);
    ssat_free(text);
    ssat_pack_free(again);
    ssat_pack_free(pack);
    return 0;
}
