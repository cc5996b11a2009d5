/* A penalty notice's payment (docs/rules.md, "Payment"): the amount due on a day, the day a notice is
 * received when served by hand or by post, the payment periods counted from issue or from receipt, and
 * whether a notice repeats an earlier one. Eligibility for a notice is penalty.c's. */
#include "rules_layer.h"

#include <stdio.h>

/* ---- the amount due ------------------------------------------------------------------------------ */

ssat_status ssat_penalty_amount_due(const ssat_policy *policy, ssat_date issued, ssat_date paid_on,
                                    int64_t *pence_out, ssat_payment_stage *stage_out)
{
    static const char fn[] = "ssat_penalty_amount_due";
    if (stage_out != NULL)
        *stage_out = SSAT_PAYMENT_EARLY;
    if (pence_out == NULL)
        return ssat__null_arg(fn, "pence_out");
    *pence_out = 0;
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    if (paid_on < issued)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'paid_on' (%s) is before argument 'issued' (%s)", fn,
                           ssat__text_date(paid_on).s, ssat__text_date(issued).s);
    /* Day 1 is the day after issue, so the day count is the difference of the dates. */
    int64_t day = ssat__penalty_payment_day(policy, issued, paid_on, false);
    ssat_payment_stage stage = SSAT_PAYMENT_EXPIRED;
    int64_t pence = 0;
    if (day <= ssat__policy_value(policy, SSAT__P_PENALTY_AMOUNT_EARLY_DAYS)->i) {
        stage = SSAT_PAYMENT_EARLY;
        pence = ssat__policy_value(policy, SSAT__P_PENALTY_AMOUNT_EARLY_PENCE)->i;
    } else if (day <= ssat__policy_value(policy, SSAT__P_PENALTY_AMOUNT_LATE_DAYS)->i) {
        stage = SSAT_PAYMENT_LATE;
        pence = ssat__policy_value(policy, SSAT__P_PENALTY_AMOUNT_LATE_PENCE)->i;
    }
    *pence_out = pence;
    if (stage_out != NULL)
        *stage_out = stage;
    return SSAT_OK;
}

/* ---- payment from receipt (issue 14 items b and c) ------------------------------------------------ */

int64_t ssat__penalty_payment_day(const ssat_policy *policy, ssat_date received, ssat_date on, bool from_receipt)
{
    bool day_one = from_receipt && ssat__policy_value(policy, SSAT__P_PENALTY_AMOUNT_RECEIPT_IS_DAY_ONE)->i != 0;
    return (int64_t)on - received + (day_one ? 1 : 0);
}

ssat_date ssat__penalty_period_end(const ssat_policy *policy, ssat_date received, int64_t days, bool from_receipt)
{
    /* The last day whose number is `days`: the number grows by one a day. */
    return (ssat_date)(received + days - ssat__penalty_payment_day(policy, received, received, from_receipt));
}

ssat_status ssat_penalty_received(const ssat_policy *policy, ssat_date served, ssat_service method, ssat_date *out)
{
    static const char fn[] = "ssat_penalty_received";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    if (method != SSAT_SERVICE_HAND && method != SSAT_SERVICE_POST)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'method': %d is not a service method", fn, (int)method);
    int64_t left = method == SSAT_SERVICE_POST ? ssat__policy_value(policy, SSAT__P_PENALTY_SERVICE_POSTED_WORKING_DAYS)->i
                                               : 0;
    ssat_date d = served;
    while (left > 0) {
        if (d >= ssat__date_max())
            return ssat__error(SSAT_ERR_RANGE, "%s: the day of receipt is past the last supported date", fn);
        d++;
        left -= ssat_date_weekday(d) <= 5; /* Monday to Friday */
    }
    *out = d;
    return SSAT_OK;
}

ssat_status ssat_penalty_amount_due_received(const ssat_policy *policy, ssat_date received, ssat_date paid_on,
                                             int32_t repeat, int64_t *pence_out, ssat_payment_stage *stage_out)
{
    static const char fn[] = "ssat_penalty_amount_due_received";
    if (stage_out != NULL)
        *stage_out = SSAT_PAYMENT_EARLY;
    if (pence_out == NULL)
        return ssat__null_arg(fn, "pence_out");
    *pence_out = 0;
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    if (paid_on < received)
        return ssat__error(SSAT_ERR_INVALID_ARG, "%s: argument 'paid_on' (%s) is before argument 'received' (%s)",
                           fn, ssat__text_date(paid_on).s, ssat__text_date(received).s);
#define PV(k) ssat__policy_value(policy, SSAT__P_PENALTY_##k)->i
    int64_t day = ssat__penalty_payment_day(policy, received, paid_on, true);
    bool no_early = repeat != 0 && PV(AMOUNT_REPEAT_MONTHS) > 0;
    ssat_payment_stage stage = SSAT_PAYMENT_EXPIRED;
    int64_t pence = 0;
    if (!no_early && day <= PV(AMOUNT_EARLY_DAYS)) {
        stage = SSAT_PAYMENT_EARLY;
        pence = PV(AMOUNT_EARLY_PENCE);
    } else if (day <= PV(AMOUNT_LATE_DAYS)) {
        stage = SSAT_PAYMENT_LATE;
        pence = PV(AMOUNT_LATE_PENCE);
    }
#undef PV
    *pence_out = pence;
    if (stage_out != NULL)
        *stage_out = stage;
    return SSAT_OK;
}

ssat_status ssat_penalty_is_repeat(const ssat_policy *policy, const ssat_parent *parent, const char *pupil_id,
                                   ssat_date issued, int32_t *out)
{
    static const char fn[] = "ssat_penalty_is_repeat";
    if (out == NULL)
        return ssat__null_arg(fn, "out");
    *out = 0;
    if (policy == NULL)
        return ssat__null_arg(fn, "policy");
    if (parent == NULL)
        return ssat__null_arg(fn, "parent");
    if (pupil_id == NULL)
        return ssat__null_arg(fn, "pupil_id");
    int64_t months = ssat__policy_value(policy, SSAT__P_PENALTY_AMOUNT_REPEAT_MONTHS)->i;
    if (months == 0)
        return SSAT_OK;
    ssat_date first = ssat__penalty_period_first(issued, months);
    for (size_t i = 0; i < ssat_parent_count(parent); i++) {
        ssat_parent_event kind;
        const char *pid = NULL;
        ssat_date date = 0;
        ssat_window absence;
        if (ssat_parent_at(parent, i, &kind, &pid, &date, &absence) == SSAT_OK && kind == SSAT_PARENT_NOTICE &&
            strcmp(pid, pupil_id) == 0 && date >= first && date < issued)
            *out = 1;
    }
    return SSAT_OK;
}
