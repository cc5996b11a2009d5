/* A progress bar on stderr for long runs over large files. The library never reads a clock; the tool
 * may, for this alone: the bar appears once a step has run for a moment and is redrawn a few times a
 * second, so short runs print nothing extra, and nothing at all is printed when stderr is not a
 * terminal (output piped or redirected). */
#define _POSIX_C_SOURCE 200809L
#include "tool.h"

#include <time.h>
#include <unistd.h>

#define FIRST_DRAW 0.3  /* seconds before a bar appears */
#define REDRAW 0.1      /* seconds between redraws */
#define BAR_WIDTH 30

static double now(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void tool_progress_init(tool_progress *p, bool allowed)
{
    p->enabled = allowed && isatty(STDERR_FILENO);
    p->drawn = false;
    p->started = p->enabled ? now() : 0;
    p->last = 0;
}

void tool_progress_update(tool_progress *p, const char *what, uint64_t done, uint64_t total, bool bytes)
{
    if (!p->enabled)
        return;
    double t = now();
    if (t - p->started < FIRST_DRAW || t - p->last < REDRAW)
        return;
    p->last = t;
    p->drawn = true;
    unsigned pct = total > 0 ? (unsigned)(done * 100 / total) : 0;
    unsigned fill = pct * BAR_WIDTH / 100;
    char bar[BAR_WIDTH + 1];
    for (unsigned i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[BAR_WIDTH] = '\0';
    if (bytes)
        fprintf(stderr, "\r%-30.30s [%s] %3u%%  %.1f MB/s\033[K", what, bar, pct,
                (double)done / 1e6 / (t - p->started));
    else
        fprintf(stderr, "\r%-30.30s [%s] %3u%%  %llu/%llu\033[K", what, bar, pct, (unsigned long long)done,
                (unsigned long long)total);
    fflush(stderr);
}

void tool_progress_clear(tool_progress *p)
{
    if (p->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    p->drawn = false;
}
