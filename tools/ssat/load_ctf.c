/* Common Transfer Files for the commands that read registers: a register argument that is an XML file
 * (told by its first bytes, as libssat's ssat_ctf_detect() does) or a directory of them (every *.xml
 * file in it, in name order) is streamed through a CTF import in 1 MiB chunks; and, when no
 * --code-set is given, the code set is the nation's of the first such file. */
#define _POSIX_C_SOURCE 200809L
#include "tool.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CHUNK ((size_t)1 << 20)
#define SNIFF ((size_t)1 << 16)

static bool is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The first bytes of a file (NUL-free reading is not needed: lengths are kept). */
static size_t head(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    size_t n = fread(buf, 1, cap, f);
    fclose(f);
    return n;
}

static bool has_xml_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.xml files of a directory, sorted; NULL with *n = 0 when none or unreadable. */
static char **dir_files(const char *dir, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (d == NULL)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!has_xml_suffix(e->d_name))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            char **more = realloc(names, cap * sizeof *names);
            if (more == NULL)
                break;
            names = more;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[*n] = malloc(len);
        if (names[*n] == NULL)
            break;
        snprintf(names[*n], len, "%s/%s", dir, e->d_name);
        (*n)++;
    }
    closedir(d);
    if (*n > 1)
        qsort(names, *n, sizeof *names, compare_names);
    return names;
}

static void free_files(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

bool tool_is_ctf(const char *path)
{
    char buf[512];
    return is_dir(path) || ssat_ctf_detect(buf, head(path, buf, sizeof buf)) == 1;
}

const char *tool_ctf_code_set(const char *path)
{
    size_t n = 0;
    char **files = is_dir(path) ? dir_files(path, &n) : NULL;
    const char *file = files != NULL && n > 0 ? files[0] : path;
    char *buf = malloc(SNIFF);
    const char *name = NULL;
    if (buf != NULL) {
        size_t len = head(file, buf, SNIFF);
        if (ssat_ctf_detect(buf, len) != 1 || ssat_ctf_code_set(buf, len, &name) != SSAT_OK)
            name = NULL;
    }
    free(buf);
    free_files(files, n);
    return name;
}

static int stream_ctf(const char *command, const tool_inputs *in, tool_data *d, const char *path, char *buf)
{
    ssat_ctf_import *im = NULL;
    if (ssat_ctf_import_new(d->school, path, d->problems, &im) != SSAT_OK)
        return tool_fail(command, path);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "ssat %s: cannot open %s: %s\n", command, path, strerror(errno));
        ssat_ctf_import_free(im);
        return TOOL_EXIT_INPUT;
    }
    struct stat sb;
    uint64_t size = fstat(fileno(f), &sb) == 0 && sb.st_size > 0 ? (uint64_t)sb.st_size : 0, done = 0;
    tool_progress bar;
    tool_progress_init(&bar, in->progress);
    int rc = TOOL_EXIT_OK;
    for (;;) {
        size_t n = fread(buf, 1, CHUNK, f);
        if (n > 0 && ssat_ctf_import_feed(im, buf, n) != SSAT_OK)
            rc = tool_fail(command, path);
        done += n;
        tool_progress_update(&bar, path, done, size, true);
        if (n < CHUNK || rc != TOOL_EXIT_OK)
            break;
    }
    tool_progress_clear(&bar);
    if (rc == TOOL_EXIT_OK && ferror(f)) {
        fprintf(stderr, "ssat %s: cannot read %s: %s\n", command, path, strerror(errno));
        rc = TOOL_EXIT_INPUT;
    }
    fclose(f);
    if (rc == TOOL_EXIT_OK) {
        ssat_status st = ssat_ctf_import_finish(im, NULL);
        if (st == SSAT_ERR_INVALID_DATA)
            d->file_errors++;
        else if (st != SSAT_OK)
            rc = tool_fail(command, path);
    }
    ssat_ctf_import_free(im);
    return rc;
}

int tool_import_ctf(const char *command, const tool_inputs *in, tool_data *d, const char *path)
{
    char *buf = malloc(CHUNK);
    if (buf == NULL)
        return TOOL_EXIT_FAILURE;
    int rc = TOOL_EXIT_OK;
    if (is_dir(path)) {
        size_t n = 0;
        char **files = dir_files(path, &n);
        if (n == 0) {
            fprintf(stderr, "ssat %s: %s: the directory has no .xml files\n", command, path);
            rc = TOOL_EXIT_INPUT;
        }
        for (size_t i = 0; i < n && rc == TOOL_EXIT_OK; i++)
            rc = stream_ctf(command, in, d, files[i], buf);
        free_files(files, n);
    } else {
        rc = stream_ctf(command, in, d, path, buf);
    }
    free(buf);
    return rc;
}
