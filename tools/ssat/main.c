/* ssat: the command-line tool of libssat. This file holds the command table and the top-level help;
 * each command lives in its own cmd_<name>.c. A new command is one new source file defining a
 * tool_command, one line in the table below and one in CMakeLists.txt. */
#include "tool.h"

#include <string.h>

static const tool_command *const commands[] = {
    &tool_cmd_evaluate,
    &tool_cmd_validate,
    &tool_cmd_certificate,
    &tool_cmd_evidence,
    &tool_cmd_case,
};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static void print_help(FILE *out)
{
    fprintf(out,
            "NAME\n"
            "    ssat - school attendance rules for Welsh schools and local authorities (libssat %s)\n"
            "\n"
            "SYNOPSIS\n"
            "    ssat COMMAND [OPTION]... FILE...\n"
            "    ssat COMMAND --help\n"
            "    ssat --help | --version\n"
            "\n"
            "DESCRIPTION\n"
            "    Reads a school's attendance register exported as CSV and applies the rules of libssat:\n"
            "    the attendance calculation, persistent absence, the SSAT referral criteria and the\n"
            "    penalty-notice attendance criteria, each with its reasons, in English or Welsh; produces\n"
            "    a pupil's attendance registration certificate, checks a referral pack for completeness,\n"
            "    and keeps a pupil's case (its states, guarded events and audit trail) in a JSON file.\n"
            "    No date is taken from the machine's clock: the as-of date is given, or is the last\n"
            "    date in the register.\n"
            "\n"
            "COMMANDS\n",
            ssat_version_string());
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "    %-12s %s\n", commands[i]->name, commands[i]->summary);
    fputs("\n"
          "    `ssat COMMAND --help` documents each command and every option.\n"
          "\n"
          "INPUT FILES\n"
          "    CSV (RFC 4180: quoted fields, \"\" for a quote, LF or CRLF), UTF-8, optional byte order mark.\n"
          "    Columns are found by their header names, in any order; other columns are ignored.\n"
          "    Register, long layout   pupil_id,date,session,mark      one mark per row, any order;\n"
          "                            session AM/PM (am/pm, Morning/Afternoon), date YYYY-MM-DD\n"
          "    Register, wide layout   pupil_id,start_date,marks       one character per session, AM then\n"
          "                            PM, every weekday from start_date; \".\" the school did not meet,\n"
          "                            \"-\" a missing mark\n"
          "    Pupils                  pupil_id,date_of_birth,name,year_group (all but pupil_id optional)\n"
          "    Terms, closures         name,start,end\n"
          "    An MIS's own export: --columns field=Header,... --date-format dd/mm/yyyy --code-map FILE.\n"
          "    Common Transfer File    XML (told by a first \"<\"), or a directory of *.xml: pupils by UPN,\n"
          "                            marks from Attendance/YearData, the code set from the nation\n"
          "\n"
          "EXIT STATUS\n"
          "    0  success (validate: no errors found)\n"
          "    1  usage error: unknown command or option, or a bad option value\n"
          "    2  an input file cannot be read or is malformed: every problem is reported as\n"
          "       FILE:LINE:COLUMN: message, and nothing is printed as a result;\n"
          "       validate: the register has errors\n"
          "    3  another failure (out of memory, output or a file cannot be written)\n"
          "    4  the input is well formed and the answer is no: evidence check found problems in\n"
          "       the pack, case apply was refused by a guard (the case is unchanged), case overdue\n"
          "       found work overdue\n"
          "    5  case new, case apply: the case was saved (the event is recorded) but the report\n"
          "       could not be written to standard output: do not apply the event again\n"
          "\n"
          "EXAMPLES\n"
          "    ssat evaluate examples/data/sample_school_2024.csv --pupils examples/data/pupils_2024.csv \\\n"
          "        --terms examples/data/terms_2024.csv\n"
          "    ssat evaluate register.csv --as-of 2025-03-31 --format json --lang cy > result.json\n"
          "    ssat validate register.csv --terms terms.csv --closures closures.csv\n"
          "    ssat certificate register.csv --pupil P00001 --format html --lang cy > certificate.html\n"
          "    ssat evidence check pack.json --register register.csv\n"
          "    ssat case apply case.json concern_raised --date 2024-10-07 --actor \"Mrs Morgan\" --role \"Head of Year 7\"\n",
          out);
}

static const tool_command *find_command(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: ssat COMMAND [OPTION]... FILE...  (try `ssat --help`)\n", stderr);
        return TOOL_EXIT_USAGE;
    }
    const char *first = argv[1];
    if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0 || strcmp(first, "help") == 0) {
        const tool_command *cmd = argc > 2 ? find_command(argv[2]) : NULL;
        if (cmd != NULL)
            cmd->help(stdout);
        else
            print_help(stdout);
        return fflush(stdout) == 0 ? TOOL_EXIT_OK : TOOL_EXIT_FAILURE;
    }
    if (strcmp(first, "--version") == 0) {
        printf("ssat (libssat) %s\n", ssat_version_string());
        return TOOL_EXIT_OK;
    }
    const tool_command *cmd = find_command(first);
    if (cmd == NULL) {
        fprintf(stderr, "ssat: unknown command \"%s\" (try `ssat --help`)\n", first);
        return TOOL_EXIT_USAGE;
    }
    return cmd->run(argc - 1, argv + 1);
}
