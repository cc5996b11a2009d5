/* A program outside the libssat tree, built against an installed libssat by tests/install_consume.sh
 * (once with pkg-config, once with find_package). It uses only the installed public headers. */
#include <ssat.h>

#include <stdio.h>
#include <string.h>

#define CHECK(call)                                                                                  \
    do {                                                                                             \
        ssat_status st_ = (call);                                                                    \
        if (st_ != SSAT_OK) {                                                                        \
            fprintf(stderr, "%s failed: %s: %s\n", #call, ssat_status_str(st_), ssat_error_message()); \
            return 1;                                                                                \
        }                                                                                            \
    } while (0)

static int run(ssat_codeset **cs, ssat_register **reg, ssat_summary **sum)
{
    /* Header and library agree (SQLite's check). */
    if (strcmp(ssat_version_string(), SSAT_VERSION_STRING) != 0 || ssat_version_number() != SSAT_VERSION_NUMBER) {
        fprintf(stderr, "header %s, library %s\n", SSAT_VERSION_STRING, ssat_version_string());
        return 1;
    }
    printf("version: header and library agree\n");

    ssat_date monday = 0, friday = 0;
    CHECK(ssat_date_parse("2024-09-02", &monday));
    CHECK(ssat_date_parse("2024-09-06", &friday));
    char buf[SSAT_DATE_BUFSIZE];
    CHECK(ssat_date_format(friday, buf, sizeof buf));
    printf("date: %d weekday %d, %s weekday %d\n", (int)monday, (int)ssat_date_weekday(monday), buf,
           (int)ssat_date_weekday(friday));

    CHECK(ssat_codeset_builtin(NULL, NULL, cs));
    printf("codeset: %s\n", ssat_codeset_name(*cs));

    CHECK(ssat_register_new(*cs, reg));
    static const char marks[] = "/\\/\\/\\OO/\\"; /* Mon-Fri, AM then PM; Thursday unauthorised */
    CHECK(ssat_register_add_marks(*reg, monday, marks, sizeof marks - 1, NULL));
    printf("register: %zu entries\n", ssat_register_entry_count(*reg));

    ssat_window window;
    CHECK(ssat_window_range(monday, friday, &window));
    CHECK(ssat_attendance_compute(*reg, &window, sum));
    const ssat_totals *t = ssat_summary_totals(*sum);
    int32_t tenths = 0, below = 0;
    CHECK(ssat_summary_attendance_tenths(*sum, &tenths));
    CHECK(ssat_summary_compare(*sum, SSAT_RATE_ATTENDANCE, SSAT_CMP_LT, 90, 1, &below));
    printf("attendance: possible %u attended %u authorised %u unauthorised %u\n", (unsigned)t->possible,
           (unsigned)t->attended, (unsigned)t->authorised, (unsigned)t->unauthorised);
    printf("attendance: %d.%d%%, below 90%%: %s\n", (int)(tenths / 10), (int)(tenths % 10), below ? "yes" : "no");
    return 0;
}

/* Policies are saved and loaded with jansson, which libssat links privately: a static consumer gets it
 * from libssat.pc's Requires.private or from libssatConfig.cmake. */
static int policy_round_trip(ssat_policy **pol, ssat_policy **back, char **json)
{
    CHECK(ssat_policy_builtin("england-2024", NULL, pol));
    CHECK(ssat_policy_to_json(*pol, json));
    CHECK(ssat_policy_from_json(*json, strlen(*json), NULL, back));
    char *window = NULL;
    CHECK(ssat_policy_get_value_text(*back, "penalty.limb.window", &window));
    printf("policy: %s, %zu keys, penalty.limb.window %s, JSON round trip %s\n", ssat_policy_name(*back),
           ssat_policy_key_count(), window, ssat_policy_equal(*pol, *back) ? "equal" : "differs");
    ssat_free(window);
    return 0;
}

int main(void)
{
    ssat_codeset *cs = NULL;
    ssat_register *reg = NULL;
    ssat_summary *sum = NULL;
    int rc = run(&cs, &reg, &sum);
    ssat_summary_free(sum);
    ssat_register_free(reg);
    ssat_codeset_free(cs);
    ssat_policy *pol = NULL, *back = NULL;
    char *json = NULL;
    if (rc == 0)
        rc = policy_round_trip(&pol, &back, &json);
    ssat_free(json);
    ssat_policy_free(back);
    ssat_policy_free(pol);
    return rc;
}
