/* What every command's run shares, so that a cmd_<name>.c holds only what is its own: going on after
 * its options are parsed (or printing its help), the choice of --format, the checks of the options
 * that name the register inputs, and the final flush of its output. */
#include "tool.h"

#include <string.h>

bool tool_go_on(int *rc, bool help, void (*print_help)(FILE *out))
{
    if (help)
        print_help(stdout);
    return *rc == TOOL_EXIT_OK && !help;
}

int tool_choose_format(const char *command, const char *given, const char *const *names, size_t n, int *out)
{
    *out = 0;
    if (given == NULL)
        return TOOL_EXIT_OK;
    for (size_t i = 0; i < n; i++)
        if (strcmp(given, names[i]) == 0) {
            *out = (int)i;
            return TOOL_EXIT_OK;
        }
    /* "--format: "x" is not table, json or csv" */
    char list[128] = "";
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(list);
        (void)snprintf(list + k, sizeof list - k, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
    }
    return tool_usage_error(command, "--format: \"%s\" is not %s", given, list);
}

int tool_register_inputs(const char *command, const char *lang, const char **positional, size_t npositional,
                         bool no_progress, tool_inputs *in)
{
    if (!tool_parse_lang(lang, &in->lang))
        return tool_usage_error(command, "--lang: \"%s\" is not en, cy or cy+en", lang);
    if (npositional == 0)
        return tool_usage_error(command, "no register file given");
    in->registers = positional;
    in->nregisters = npositional;
    in->progress = !no_progress;
    return TOOL_EXIT_OK;
}

int tool_flushed(const char *command, int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "ssat %s: cannot write the output\n", command);
        return TOOL_EXIT_FAILURE;
    }
    return rc;
}
