/* The previous school year for `ssat evaluate` (issue 14 item d) and `ssat case apply` / `ssat case next`: England's penalty limbs count the
 * last 10 school weeks, which early in a school year reach back before 1 August. Without the previous
 * year's registers and calendar such a limb, not met on this year's sessions, is unknown; with them
 * (--previous-register, --previous-terms, --previous-closures) the library counts the weeks down
 * through the previous year's calendar and the sessions of both registers.
 *
 * The previous year's files are read by tool_load(), as the main ones are (same layouts, column names,
 * date format, code map; CSV or Common Transfer Files), into a school of their own with the code set of
 * this year's data, and a calendar made for the school year before this one: a terms or closures file
 * of another year is then reported located in that file. Pupils are matched by pupil id. */
#include "tool.h"

#include <string.h>

/* The options are checked before anything is read: the previous year's calendar without its
 * registers says nothing; this year's own terms with the census terms for the year before would count
 * the wrong weeks without a word. */
int tool_previous_options(const char *command, const tool_inputs *in, const tool_previous_inputs *opts, bool *given)
{
    *given = opts->registers[0] != NULL;
    if (!*given && (opts->terms != NULL || opts->closures != NULL))
        return tool_usage_error(command, "%s needs the previous school year's registers (--previous-register)",
                                opts->terms != NULL ? "--previous-terms" : "--previous-closures");
    if (*given && in->terms != NULL && opts->terms == NULL)
        return tool_usage_error(command, "--previous-register: --terms gives this year's terms, so give the "
                                         "previous school year's too (--previous-terms)");
    return TOOL_EXIT_OK;
}

int tool_previous_load(const char *command, const tool_inputs *in, const tool_previous_inputs *opts,
                       const tool_data *d, tool_previous *out)
{
    memset(out, 0, sizeof *out);
    /* The last day of the previous school year places its calendar (and is its as-of date: every mark
     * of that year is before it). */
    char as_of_text[32];
    snprintf(as_of_text, sizeof as_of_text, "%04ld-07-31", (long)ssat_date_school_year(d->as_of));
    tool_inputs prev = *in;
    prev.registers = opts->registers;
    for (prev.nregisters = 0; opts->registers[prev.nregisters] != NULL; prev.nregisters++)
        ;
    prev.pupils = NULL; /* names and dates of birth are this year's */
    prev.terms = opts->terms;
    prev.closures = opts->closures;
    prev.as_of = as_of_text;
    prev.as_of_option = "--previous-register";
    prev.code_set = ssat_codeset_name(d->codes); /* the policy's, as the evaluation requires */
    prev.policy = NULL; /* tool_load() wants a policy only for the code set, given above: a policy file
                         * is not read a second time */
    prev.keep_problems = false;
    out->terms = opts->terms;
    int rc = tool_load(command, &prev, &out->data);
    if (rc == TOOL_EXIT_OK && ssat_register_new(d->codes, &out->empty) != SSAT_OK)
        rc = tool_fail(command, "the previous school year");
    return rc;
}

int tool_previous_prepare(const char *command, const tool_previous *p, ssat_evaluation *evaluation)
{
    ssat_status st = ssat_evaluation_set_previous_year(evaluation, p->data.calendar);
    if (st == SSAT_ERR_NOMEM)
        return tool_fail(command, "the previous school year");
    if (st != SSAT_OK) {
        fprintf(stderr, "ssat %s: %s: %s\n", command, p->terms != NULL ? p->terms : "--previous-register",
                ssat_error_message());
        return TOOL_EXIT_INPUT;
    }
    return TOOL_EXIT_OK;
}

const ssat_register *tool_previous_register(const tool_previous *p, const char *pupil_id)
{
    size_t index;
    if (ssat_school_find(p->data.school, pupil_id, &index) == SSAT_OK)
        return ssat_school_register(p->data.school, index);
    return p->empty; /* on no school's roll the year before, as far as we know */
}

ssat_status tool_previous_evaluate(const tool_previous *p, const ssat_evaluation *evaluation, const char *pupil_id,
                                   const ssat_register *reg, ssat_decision **out)
{
    return ssat_evaluation_register_years(evaluation, reg, tool_previous_register(p, pupil_id), out);
}

/* The table's note under its summary: the previous year was counted, and how many pupils its files had
 * (a file of the wrong school would show). */
void tool_previous_note(FILE *out, const tool_previous *p, ssat_lang lang)
{
    char year[16];
    tool_previous_year_text(p, year, sizeof year);
    tool_num n = tool_num_u64(ssat_school_count(p->data.school));
    const char *args[2] = {year, n.s};
    tool_say(out, "summary.previous", lang, args, 2, 0);
    fputc('\n', out);
}

void tool_previous_year_text(const tool_previous *p, char *buf, size_t cap)
{
    int32_t y = ssat_calendar_school_year(p->data.calendar);
    snprintf(buf, cap, "%ld/%02ld", (long)y, (long)((y + 1) % 100));
}

void tool_previous_free(tool_previous *p)
{
    tool_data_free(&p->data);
    ssat_register_free(p->empty);
    memset(p, 0, sizeof *p);
}
