/* Tests of lib/rules/penalty_payment.c: the amount due at each payment boundary, from issue and from
 * receipt (by hand, by post, England's day one), repeat notices, and the errors. */
#include "support.h"

#include "rules_fixture.h"

static void amount_due_boundaries(void **state)
{
    (void)state;
    static const struct {
        const char *policy;
        int days;
        int64_t pence;
        ssat_payment_stage stage;
    } cases[] = {
        {"carmarthenshire", 0, 6000, SSAT_PAYMENT_EARLY},   {"carmarthenshire", 28, 6000, SSAT_PAYMENT_EARLY},
        {"carmarthenshire", 29, 12000, SSAT_PAYMENT_LATE},  {"carmarthenshire", 42, 12000, SSAT_PAYMENT_LATE},
        {"carmarthenshire", 43, 0, SSAT_PAYMENT_EXPIRED},   {"england-2024", 21, 8000, SSAT_PAYMENT_EARLY},
        {"england-2024", 22, 16000, SSAT_PAYMENT_LATE},     {"england-2024", 28, 16000, SSAT_PAYMENT_LATE},
        {"england-2024", 29, 0, SSAT_PAYMENT_EXPIRED},
    };
    ssat_date issued = D("2025-01-31");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ssat_policy *p = NULL;
        assert_ok(ssat_policy_builtin(cases[i].policy, NULL, &p));
        int64_t pence = -1;
        ssat_payment_stage stage = SSAT_PAYMENT_EXPIRED;
        assert_ok(ssat_penalty_amount_due(p, issued, issued + cases[i].days, &pence, &stage));
        assert_int_equal(pence, cases[i].pence);
        assert_int_equal(stage, cases[i].stage);
        assert_ok(ssat_penalty_amount_due(p, issued, issued + cases[i].days, &pence, NULL));
        assert_int_equal(pence, cases[i].pence);
        ssat_policy_free(p);
    }
}

/* Items b and c: the payment periods run from receipt; a posted notice is received on the second
 * working day after posting (Friday 2025-01-03 -> Tuesday 2025-01-07); England counts the day of receipt
 * as day 1; a repeat notice in England has no early rate. */
static void amount_due_from_receipt(void **state)
{
    (void)state;
    ssat_policy *wales = NULL, *england = NULL;
    assert_ok(ssat_policy_builtin("carmarthenshire", NULL, &wales));
    assert_ok(ssat_policy_builtin("england-2024", NULL, &england));
    ssat_date received = 0;
    assert_ok(ssat_penalty_received(wales, D("2025-01-03"), SSAT_SERVICE_POST, &received));
    assert_int_equal(received, D("2025-01-07"));
    assert_ok(ssat_penalty_received(wales, D("2025-01-03"), SSAT_SERVICE_HAND, &received));
    assert_int_equal(received, D("2025-01-03"));
    int64_t pence = 0;
    ssat_payment_stage stage = SSAT_PAYMENT_EXPIRED;
    /* Wales: within 28 days of receipt (the day after receipt is day 1): posted Friday 3 January,
     * received Tuesday 7 January; paid on 4 February (day 28 after receipt) is early, though it is day
     * 32 after issue, when ssat_penalty_amount_due would say late */
    assert_ok(ssat_penalty_amount_due_received(wales, D("2025-01-07"), D("2025-02-04"), 0, &pence, &stage));
    assert_int_equal(pence, 6000);
    assert_int_equal(stage, SSAT_PAYMENT_EARLY);
    assert_ok(ssat_penalty_amount_due(wales, D("2025-01-03"), D("2025-02-04"), &pence, &stage));
    assert_int_equal(stage, SSAT_PAYMENT_LATE);
    assert_ok(ssat_penalty_amount_due_received(wales, D("2025-01-07"), D("2025-02-05"), 0, &pence, &stage));
    assert_int_equal(pence, 12000);
    /* England: 21 days beginning with receipt: received 7 January, day 21 is 27 January */
    assert_ok(ssat_penalty_amount_due_received(england, D("2025-01-07"), D("2025-01-27"), 0, &pence, &stage));
    assert_int_equal(pence, 8000);
    assert_ok(ssat_penalty_amount_due_received(england, D("2025-01-07"), D("2025-01-28"), 0, &pence, &stage));
    assert_int_equal(pence, 16000);
    assert_int_equal(stage, SSAT_PAYMENT_LATE);
    assert_ok(ssat_penalty_amount_due_received(england, D("2025-01-07"), D("2025-02-03"), 0, &pence, &stage));
    assert_int_equal(stage, SSAT_PAYMENT_LATE); /* day 28 */
    assert_ok(ssat_penalty_amount_due_received(england, D("2025-01-07"), D("2025-02-04"), 0, &pence, &stage));
    assert_int_equal(stage, SSAT_PAYMENT_EXPIRED);
    /* England, a repeat: £160 from day 1, no reduced rate; Wales has no such rule (repeat ignored) */
    assert_ok(ssat_penalty_amount_due_received(england, D("2025-01-07"), D("2025-01-07"), 1, &pence, &stage));
    assert_int_equal(pence, 16000);
    assert_int_equal(stage, SSAT_PAYMENT_LATE);
    assert_ok(ssat_penalty_amount_due_received(wales, D("2025-01-07"), D("2025-01-07"), 1, &pence, &stage));
    assert_int_equal(pence, 6000);
    /* is it a repeat: a notice for the same child within 3 years (England), not for a sibling */
    ssat_parent *m = NULL;
    ssat_window w;
    assert_ok(ssat_parent_new("M1", NULL, &m));
    assert_ok(ssat_window_range(D("2022-09-05"), D("2022-10-07"), &w));
    assert_ok(ssat_parent_add(m, SSAT_PARENT_NOTICE, "P1", D("2022-10-20"), &w));
    assert_ok(ssat_parent_add(m, SSAT_PARENT_NOTICE, "P2", D("2024-10-20"), &w));
    int32_t repeat = -1;
    assert_ok(ssat_penalty_is_repeat(england, m, "P1", D("2025-10-19"), &repeat));
    assert_int_equal(repeat, 1); /* the 3 years from 2022-10-20 hold the first notice */
    assert_ok(ssat_penalty_is_repeat(england, m, "P1", D("2025-10-20"), &repeat));
    assert_int_equal(repeat, 0); /* from 2022-10-21: no longer */
    assert_ok(ssat_penalty_is_repeat(england, m, "P2", D("2025-01-10"), &repeat));
    assert_int_equal(repeat, 1);
    assert_ok(ssat_penalty_is_repeat(england, m, "P3", D("2025-01-10"), &repeat));
    assert_int_equal(repeat, 0);
    assert_ok(ssat_penalty_is_repeat(wales, m, "P2", D("2025-01-10"), &repeat));
    assert_int_equal(repeat, 0); /* off in Wales */
    assert_status_msg(ssat_penalty_is_repeat(england, NULL, "P1", D("2025-01-10"), &repeat), SSAT_ERR_INVALID_ARG,
                      "parent");
    assert_status_msg(ssat_penalty_received(wales, D("2025-01-03"), (ssat_service)7, &received), SSAT_ERR_INVALID_ARG,
                      "method");
    assert_status_msg(ssat_penalty_amount_due_received(wales, D("2025-01-07"), D("2025-01-06"), 0, &pence, NULL),
                      SSAT_ERR_INVALID_ARG, "before");
    ssat_parent_free(m);
    ssat_policy_free(wales);
    ssat_policy_free(england);
}

static void amount_due_errors(void **state)
{
    (void)state;
    ssat_policy *p = NULL;
    assert_ok(ssat_policy_builtin(NULL, NULL, &p));
    int64_t pence = 5;
    ssat_payment_stage stage = SSAT_PAYMENT_LATE;
    assert_status_msg(ssat_penalty_amount_due(p, D("2025-01-31"), D("2025-01-01"), NULL, &stage), SSAT_ERR_INVALID_ARG,
                      "'pence_out'");
    assert_int_equal(stage, SSAT_PAYMENT_EARLY);
    assert_status_msg(ssat_penalty_amount_due(NULL, D("2025-01-31"), D("2025-02-01"), &pence, &stage),
                      SSAT_ERR_INVALID_ARG, "'policy'");
    assert_int_equal(pence, 0);
    pence = 5;
    assert_status_msg(ssat_penalty_amount_due(p, D("2025-01-31"), D("2025-01-30"), &pence, &stage),
                      SSAT_ERR_INVALID_ARG, "'paid_on' (2025-01-30) is before argument 'issued' (2025-01-31)");
    assert_int_equal(pence, 0);
    ssat_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(amount_due_boundaries),
        cmocka_unit_test(amount_due_from_receipt),
        cmocka_unit_test(amount_due_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
