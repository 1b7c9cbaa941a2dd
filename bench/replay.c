/*
 * alloclab's C baseline: replays Malloc Lab .rep traces on the C library's malloc, free and
 * realloc, and prints how long the replay loop took.
 *
 * It exists so that `alloclab bench --versus-libc` can divide a Java allocator's throughput by
 * libc's, measured on the same machine in the same run. It is a benchmark tool, never part of
 * the kit's runtime: the bench command builds it with `gcc -O2` when asked to.
 *
 * Usage:   replay [-n RUNS] [-c cpu|wall] [-m BYTES] [-k] TRACE.rep...
 *   -m BYTES  the Java side's heap limit: a request for more than BYTES is answered with NULL without
 *             calling malloc or realloc (a realloc keeps its block), as alloclab's replayer does, so both
 *             sides replay the same program (bench passes its --heap-max)
 *   -k        keep the heap: before the first run, tell glibc never to trim its heap or map large blocks
 *             on their own (mallopt M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD), so that the runs reuse
 *             memory already taken from the kernel, like the kit's preallocated heap (bench --libc-keep-heap)
 * Output:  one tab-separated line per trace, machine-readable:
 *            RESULT <tab> file <tab> ops <tab> runs <tab> median_ns <tab> kops <tab> nulls
 *          (nulls: the requests over -m, answered with NULL without calling libc)
 *          or, for a trace it cannot read:
 *            ERROR <tab> file <tab> line <tab> what went wrong
 *          Exit status 0 if every trace was replayed, 2 otherwise.
 *
 * Measuring: each trace is parsed first into flat arrays (kind, id, size); every run then starts
 * with all block pointers NULL, and only the loop over the operations is timed: with -c cpu (the
 * default) on CLOCK_THREAD_CPUTIME_ID, the CPU time this thread used, so time spent waiting for a
 * core on a busy machine is not counted; with -c wall on CLOCK_MONOTONIC. The Java replayer
 * measures with the same kind of clock, so that the two can be divided.
 * Blocks still live at the end are freed after the clock stops. The median of RUNS runs (after
 * one untimed warm-up run) is reported. Reads and writes of teaching traces ("rd", "w") are not
 * allocator operations: they are skipped and not counted, as the Java replayer does. Every other
 * line is an operation and counted, "f -1" (free(NULL)) and requests over -m included, so that the
 * ops field equals the Java replayer's count (bench checks that it does).
 *
 * The format (see docs/formats.md): four header integers, of which the 2nd (number of ids) and
 * the 3rd (number of operations) matter, or two (ids, operations) as some ports of the lab write
 * them; then "a ID SIZE", "f ID" or "r ID SIZE" per line. (alloclab bench hands it the traces as
 * its own parser read them, in the four-integer form.)
 * "#" starts a comment. "f -1" frees NULL (a no-op); "a ID" without a size asks for 0 bytes.
 */
#define _POSIX_C_SOURCE 199309L
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { OP_ALLOC, OP_FREE, OP_REALLOC, OP_FREE_NULL, OP_ALLOC_TOO_LARGE, OP_REALLOC_TOO_LARGE };

/* -m: requests larger than this are answered with NULL without asking libc (-1: no limit). */
static long heap_max = -1;

typedef struct {
    int length;       /* operations kept */
    int nulls;        /* requests over -m, answered with NULL without calling libc */
    int capacity;
    int ids;          /* one more than the largest id seen (or the header's count) */
    unsigned char *kind;
    int *id;
    long *size;
} program_t;

static void add_op(program_t *p, int kind, int id, long size) {
    if (p->length == p->capacity) {
        p->capacity = p->capacity ? p->capacity * 2 : 1024;
        p->kind = realloc(p->kind, (size_t) p->capacity);
        p->id = realloc(p->id, sizeof(int) * (size_t) p->capacity);
        p->size = realloc(p->size, sizeof(long) * (size_t) p->capacity);
        if (!p->kind || !p->id || !p->size) {
            fprintf(stderr, "replay: out of memory while reading a trace\n");
            exit(2);
        }
    }
    p->kind[p->length] = (unsigned char) kind;
    p->id[p->length] = id;
    p->size[p->length] = size;
    p->length++;
    if (id >= p->ids) {
        p->ids = id + 1;
    }
}

/* Reads one trace; returns 0, or the line number of the first error (message in *why). */
static int parse(FILE *in, program_t *p, const char **why) {
    char line[512];
    long header[4];
    int header_read = 0;
    int line_no = 0;
    memset(p, 0, sizeof *p);
    while (fgets(line, sizeof line, in)) {
        line_no++;
        char *hash = strchr(line, '#');
        if (hash) {
            *hash = '\0';
        }
        char *save = NULL;
        char *token = strtok_r(line, " \t\r\n", &save);
        if (!token) {
            continue;
        }
        if (header_read < 4) {
            int ops_begin = 0;
            while (token && header_read < 4) {
                char *end;
                errno = 0;
                long value = strtol(token, &end, 10);
                if (*end || errno || end == token) {
                    if (header_read == 2) {
                        ops_begin = 1; /* a two-number header (ids, operations), as ports of the lab write it */
                        break;
                    }
                    *why = "the header needs four integers (or two: ids, operations)";
                    return line_no;
                }
                header[header_read++] = value;
                token = strtok_r(NULL, " \t\r\n", &save);
            }
            if (!ops_begin) {
                if (header_read == 4 && header[1] > p->ids && header[1] < 100000000L) {
                    p->ids = (int) header[1];
                }
                continue;
            }
            if (header[0] > p->ids && header[0] < 100000000L) {
                p->ids = (int) header[0];
            }
            header_read = 4;
        }
        char *id_text = strtok_r(NULL, " \t\r\n", &save);
        char *size_text = strtok_r(NULL, " \t\r\n", &save);
        int kind;
        if (strcmp(token, "a") == 0) {
            kind = OP_ALLOC;
        } else if (strcmp(token, "f") == 0) {
            kind = OP_FREE;
        } else if (strcmp(token, "r") == 0) {
            kind = OP_REALLOC;
        } else {
            continue; /* rd, w: teaching reads and writes, not allocator operations */
        }
        if (!id_text) {
            *why = "an operation needs a block id";
            return line_no;
        }
        long id = strtol(id_text, NULL, 10);
        long size = size_text ? strtol(size_text, NULL, 10) : 0;
        if (id < 0) {
            if (kind == OP_FREE && id == -1) {
                add_op(p, OP_FREE_NULL, 0, 0); /* f -1: free(NULL), an operation the Java side counts too */
                continue;
            }
            *why = "a block id must be >= 0";
            return line_no;
        }
        if (id >= 100000000L || size < 0) {
            *why = "a block id or size is out of range";
            return line_no;
        }
        if (heap_max >= 0 && size > heap_max && kind != OP_FREE) {
            kind = kind == OP_ALLOC ? OP_ALLOC_TOO_LARGE : OP_REALLOC_TOO_LARGE;
            p->nulls++;
        }
        add_op(p, kind, (int) id, size);
    }
    if (header_read < 2) {
        *why = "the file ends before the header integers";
        return line_no + 1;
    }
    return 0;
}

static clockid_t timed_clock = CLOCK_THREAD_CPUTIME_ID;

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(timed_clock, &t);
    return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* One run: the timed loop, then the untimed clean-up. */
static long long run_once(const program_t *p, void **blocks) {
    memset(blocks, 0, sizeof(void *) * (size_t) p->ids);
    const unsigned char *kind = p->kind;
    const int *id = p->id;
    const long *size = p->size;
    long long start = now_ns();
    for (int i = 0; i < p->length; i++) {
        switch (kind[i]) {
        case OP_ALLOC:
            blocks[id[i]] = size[i] ? malloc((size_t) size[i]) : NULL;
            break;
        case OP_FREE:
            free(blocks[id[i]]);
            blocks[id[i]] = NULL;
            break;
        case OP_REALLOC: {
            void *moved = realloc(blocks[id[i]], (size_t) size[i]);
            if (moved || size[i] == 0) {
                blocks[id[i]] = moved;
            }
            break;
        }
        case OP_FREE_NULL:
            free(NULL);
            break;
        case OP_ALLOC_TOO_LARGE:
            blocks[id[i]] = NULL; /* more than the heap limit: NULL, as the Java side answers */
            break;
        default:
            break; /* OP_REALLOC_TOO_LARGE: fails, the old block stays */
        }
    }
    long long elapsed = now_ns() - start;
    for (int i = 0; i < p->ids; i++) {
        free(blocks[i]);
    }
    return elapsed;
}

static int compare_ll(const void *a, const void *b) {
    long long x = *(const long long *) a, y = *(const long long *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int runs = 5;
    int first = 1;
    int usage_error = 0;
    int keep_heap = 0;
    while (first < argc && argv[first][0] == '-') {
        if (strcmp(argv[first], "-k") == 0) {
            keep_heap = 1;
            first += 1;
            continue;
        }
        if (first + 1 >= argc) {
            usage_error = 1;
            break;
        }
        if (strcmp(argv[first], "-m") == 0) {
            char *end;
            errno = 0;
            heap_max = strtol(argv[first + 1], &end, 10);
            if (*end || errno || heap_max < 0) {
                usage_error = 1;
            }
        } else if (strcmp(argv[first], "-n") == 0) {
            runs = atoi(argv[first + 1]);
        } else if (strcmp(argv[first], "-c") == 0 && strcmp(argv[first + 1], "cpu") == 0) {
            timed_clock = CLOCK_THREAD_CPUTIME_ID;
        } else if (strcmp(argv[first], "-c") == 0 && strcmp(argv[first + 1], "wall") == 0) {
            timed_clock = CLOCK_MONOTONIC;
        } else {
            usage_error = 1;
        }
        first += 2;
    }
    if (usage_error || runs < 1 || first >= argc) {
        fprintf(stderr, "usage: replay [-n RUNS] [-c cpu|wall] [-m BYTES] [-k] TRACE.rep...   (RUNS >= 1)\n");
        return 2;
    }
    if (keep_heap) {
        /* glibc keeps what it took from the kernel: no trimming of the heap's top, a large pad on each growth,
           and no block mapped on its own (the largest mmap threshold glibc accepts, 32 MiB on 64 bits) */
        if (!mallopt(M_TRIM_THRESHOLD, INT_MAX) || !mallopt(M_TOP_PAD, 64 * 1024 * 1024)
                || !mallopt(M_MMAP_THRESHOLD, (int) (4 * 1024 * 1024 * sizeof(long)))) {
            fprintf(stderr, "replay: -k: this C library refused mallopt's settings\n");
            return 2;
        }
    }
    int status = 0;
    for (int f = first; f < argc; f++) {
        FILE *in = fopen(argv[f], "r");
        if (!in) {
            printf("ERROR\t%s\t0\tcannot open the file: %s\n", argv[f], strerror(errno));
            status = 2;
            continue;
        }
        program_t p;
        const char *why = NULL;
        int bad_line = parse(in, &p, &why);
        fclose(in);
        if (bad_line) {
            printf("ERROR\t%s\t%d\t%s\n", argv[f], bad_line, why);
            status = 2;
            continue;
        }
        void **blocks = calloc((size_t) (p.ids ? p.ids : 1), sizeof(void *));
        long long *nanos = malloc(sizeof(long long) * (size_t) runs);
        if (!blocks || !nanos) {
            fprintf(stderr, "replay: out of memory\n");
            return 2;
        }
        run_once(&p, blocks); /* warm-up: page faults and the allocator's own caches */
        for (int r = 0; r < runs; r++) {
            nanos[r] = run_once(&p, blocks);
            if (nanos[r] < 1) {
                nanos[r] = 1;
            }
        }
        qsort(nanos, (size_t) runs, sizeof(long long), compare_ll);
        double median = runs % 2 ? (double) nanos[runs / 2] : (nanos[runs / 2 - 1] + nanos[runs / 2]) / 2.0;
        printf("RESULT\t%s\t%d\t%d\t%.0f\t%.1f\t%d\n", argv[f], p.length, runs, median,
               p.length / (median / 1e9) / 1000.0, p.nulls);
        fflush(stdout);
        free(blocks);
        free(nanos);
        free(p.kind);
        free(p.id);
        free(p.size);
    }
    return status;
}
