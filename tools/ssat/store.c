/* Replacing the files the tool writes (cases, packs) so that no run, however it ends, leaves a
 * half-written document: the new text goes to a temporary file in the same directory (rename() is
 * atomic only within one file system), is flushed to disk, and is then renamed over the original; the
 * directory is flushed too, so that the rename itself survives a power cut. An update (read, change,
 * write back) holds an advisory lock on the file from the read to the rename, so that two updates of
 * one case run one after the other instead of the second silently dropping the first's event.
 *
 * A run that dies after creating its temporary file and before the rename leaves that file behind
 * (".NAME.tmp-XXXXXX", hidden) and the original intact. The next update of the same file removes such
 * leftovers: it holds the lock, and any writer that could still be using one would hold it too. */
#define _XOPEN_SOURCE 700 /* POSIX 2008 with XSI: fcntl() locks, fchmod(), mkstemp(), O_CLOEXEC, realpath() */
#include "tool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_TAG ".tmp-"

/* ---- the file a path names ----------------------------------------------------------------------- */

char *tool_resolve(const char *command, const char *path)
{
    char *real = realpath(path, NULL);
    if (real == NULL && errno != ENOENT) {
        fprintf(stderr, "ssat %s: cannot resolve %s: %s\n", command, path, strerror(errno));
        return NULL;
    }
    if (real == NULL) /* not there (yet): the path as given, for the message of whoever opens it */
        real = strdup(path);
    if (real == NULL)
        fprintf(stderr, "ssat %s: out of memory\n", command);
    return real;
}

/* ---- reading under a lock ------------------------------------------------------------------------ */

static bool read_all(int fd, char **text, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    while (buf != NULL) {
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            free(buf);
            return false;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n == cap) {
            char *bigger = cap < ((size_t)64 << 20) ? realloc(buf, cap * 2 + 1) : NULL;
            if (bigger == NULL) {
                free(buf);
                errno = ENOMEM;
                return false;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    if (buf == NULL) {
        errno = ENOMEM;
        return false;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return true;
}

static int lock_resolved(const char *command, const char *path, tool_locked *out);

/* Wait for an exclusive lock on the whole file. POSIX record locks (not flock(), which POSIX lacks and
 * NFS may ignore); they belong to the process and go with any descriptor of the file it closes, so the
 * file is opened once, here, and kept open until tool_unlock(). */
static int lock_whole(int fd)
{
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET; /* l_start 0, l_len 0: the whole file, however it grows */
    int rc;
    do
        rc = fcntl(fd, F_SETLKW, &fl);
    while (rc != 0 && errno == EINTR);
    return rc;
}

int tool_lock(const char *command, const char *given, tool_locked *out)
{
    out->fd = -1;
    out->text = NULL;
    out->len = 0;
    char *path = tool_resolve(command, given); /* lock the file a symbolic link points to */
    if (path == NULL)
        return TOOL_EXIT_FAILURE;
    int rc = lock_resolved(command, path, out);
    free(path);
    return rc;
}

static int lock_resolved(const char *command, const char *path, tool_locked *out)
{
    /* The lock is on the file (the inode); an update replaces the file by rename, so a process that
     * waited for the lock may wake up holding the old, replaced file: it then opens the path again. */
    for (int attempt = 0; attempt < 100; attempt++) {
        int fd = open(path, O_RDWR | O_CLOEXEC); /* a write lock needs a descriptor open for writing */
        if (fd < 0) {
            fprintf(stderr, "ssat %s: cannot open %s: %s\n", command, path, strerror(errno));
            return TOOL_EXIT_INPUT;
        }
        struct stat held, now;
        if (lock_whole(fd) != 0 || fstat(fd, &held) != 0) {
            fprintf(stderr, "ssat %s: cannot lock %s: %s\n", command, path, strerror(errno));
            close(fd);
            return TOOL_EXIT_FAILURE;
        }
        if (stat(path, &now) == 0 && now.st_dev == held.st_dev && now.st_ino == held.st_ino) {
            if (!read_all(fd, &out->text, &out->len)) {
                fprintf(stderr, "ssat %s: cannot read %s: %s\n", command, path, strerror(errno));
                close(fd);
                return TOOL_EXIT_INPUT;
            }
            out->fd = fd;
            return TOOL_EXIT_OK;
        }
        close(fd); /* replaced while we waited: take the new one */
    }
    fprintf(stderr, "ssat %s: cannot lock %s: it keeps being replaced\n", command, path);
    return TOOL_EXIT_FAILURE;
}

void tool_unlock(tool_locked *l)
{
    if (l->fd >= 0)
        close(l->fd); /* releases the lock */
    free(l->text);
    l->fd = -1;
    l->text = NULL;
    l->len = 0;
}

/* ---- writing ------------------------------------------------------------------------------------- */

/* The directory and the file name of `path` ("." for a bare name). */
static bool split_path(const char *path, char **dir, const char **base)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash == NULL ? 1 : slash == path ? 1 : (size_t)(slash - path);
    *dir = malloc(n + 1);
    if (*dir == NULL)
        return false;
    memcpy(*dir, slash == NULL ? "." : path, n);
    (*dir)[n] = '\0';
    *base = slash == NULL ? path : slash + 1;
    return true;
}

/* Remove ".BASE.tmp-XXXXXX" files that a run which died before its rename left in `dir`. Only called
 * with the file locked, when no live writer of this file can have one open. */
static void remove_leftovers(const char *dir, const char *base)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    size_t blen = strlen(base);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if (n[0] != '.' || strncmp(n + 1, base, blen) != 0 || strncmp(n + 1 + blen, TMP_TAG, strlen(TMP_TAG)) != 0 ||
            strlen(n + 1 + blen + strlen(TMP_TAG)) != 6)
            continue;
        char *full = malloc(strlen(dir) + strlen(n) + 2);
        if (full != NULL) {
            sprintf(full, "%s/%s", dir, n);
            (void)unlink(full);
            free(full);
        }
    }
    closedir(d);
}

static bool write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, text, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        text += n;
        len -= (size_t)n;
    }
    return true;
}

/* The mode a new file gets: 0600 (read and write by its owner only: cases and packs hold data about a
 * child), less anything a stricter umask takes away. */
static mode_t new_file_mode(void)
{
    mode_t mask = umask(0); /* the only way to read it; the tool is single-threaded */
    umask(mask);
    return (mode_t)0600 & ~mask;
}

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd); /* some file systems refuse fsync on a directory; the rename is done anyway */
        close(fd);
    }
}

/* Publish the flushed temporary file as `path`: rename() replaces an existing file; link() creates the
 * name only if it does not exist, atomically, so `new` never overwrites a case made meanwhile. */
static int publish(const char *command, const char *tmp, const char *path, bool create)
{
    if (!create) {
        if (rename(tmp, path) == 0)
            return TOOL_EXIT_OK;
        fprintf(stderr, "ssat %s: cannot replace %s: %s\n", command, path, strerror(errno));
        return TOOL_EXIT_FAILURE;
    }
    if (link(tmp, path) == 0) {
        (void)unlink(tmp);
        return TOOL_EXIT_OK;
    }
    if (errno == EEXIST)
        fprintf(stderr, "ssat %s: %s already exists (a file is never overwritten here: remove it first)\n", command,
                path);
    else
        fprintf(stderr, "ssat %s: cannot create %s: %s\n", command, path, strerror(errno));
    return TOOL_EXIT_FAILURE;
}

static int store_resolved(const char *command, const char *path, const char *text, size_t len, bool create);

int tool_store(const char *command, const char *given, const char *text, size_t len, bool create)
{
    /* An update replaces the file a symbolic link points to, not the link (which would fork the case:
     * the link would become a file and the target stay as it was). A new file is created at the name
     * given: link() refuses any existing name, a symbolic link included. */
    char *path = create ? NULL : tool_resolve(command, given);
    if (!create && path == NULL)
        return TOOL_EXIT_FAILURE;
    int rc = store_resolved(command, create ? given : path, text, len, create);
    free(path);
    return rc;
}

static int store_resolved(const char *command, const char *path, const char *text, size_t len, bool create)
{
    char *dir = NULL;
    const char *base = NULL;
    if (!split_path(path, &dir, &base)) {
        fprintf(stderr, "ssat %s: out of memory\n", command);
        return TOOL_EXIT_FAILURE;
    }
    mode_t mode = new_file_mode();
    struct stat sb;
    if (!create && stat(path, &sb) == 0)
        mode = sb.st_mode & 07777;
    if (!create)
        remove_leftovers(dir, base);
    char *tmp = malloc(strlen(dir) + strlen(base) + sizeof TMP_TAG + 9);
    int fd = -1;
    if (tmp != NULL) {
        sprintf(tmp, "%s/.%s%sXXXXXX", dir, base, TMP_TAG);
        fd = mkstemp(tmp);
    }
    int rc = TOOL_EXIT_OK;
    if (fd < 0) {
        fprintf(stderr, "ssat %s: cannot create a temporary file next to %s: %s\n", command, path,
                tmp == NULL ? "out of memory" : strerror(errno));
        rc = TOOL_EXIT_FAILURE;
    } else if (fchmod(fd, mode) != 0 || !write_all(fd, text, len) || fsync(fd) != 0) {
        fprintf(stderr, "ssat %s: cannot write %s: %s\n", command, tmp, strerror(errno));
        rc = TOOL_EXIT_FAILURE;
    }
    if (fd >= 0 && close(fd) != 0 && rc == TOOL_EXIT_OK) {
        fprintf(stderr, "ssat %s: cannot write %s: %s\n", command, tmp, strerror(errno));
        rc = TOOL_EXIT_FAILURE;
    }
    /* Test hook (tests/tool: the interrupted update): die here, the new text safely on disk and the
     * original not yet replaced, as a crash or a kill at the worst moment would. */
    if (rc == TOOL_EXIT_OK && getenv("SSAT_TEST_CRASH_BEFORE_RENAME") != NULL)
        abort();
    if (rc == TOOL_EXIT_OK)
        rc = publish(command, tmp, path, create);
    if (rc == TOOL_EXIT_OK)
        sync_dir(dir);
    else if (fd >= 0)
        (void)unlink(tmp);
    free(tmp);
    free(dir);
    return rc;
}
