/* spool.c — the on-disk queue of the Redis sink: its write-ahead journal. Every record is
 * appended here before anything tries to deliver it, and forgotten once Redis confirmed it.
 *
 * A spool is a directory of segment files "NNNNNNNNNNNNNNNNNNNN.seg", appended to in order,
 * and a file "ack" holding the position of the oldest record not yet delivered (segment
 * and offset, 20 digits each, then a CRC-32 of them in hex). A record is a 10-byte header (magic 0xA5, tag, length as 4 bytes little-endian,
 * CRC-32 of the first 6 header bytes and the payload, 4 bytes little-endian) then the payload.
 * At open every pending record is checked: the first damaged one (a crash in the middle of a
 * write) and the rest of its segment are cut off and counted as torn, so appends always
 * follow whole records. A segment is closed when full; fully acknowledged segments are deleted.
 * fsync "batch" syncs at the first append a second after the last sync and at spool_sync.
 * A flock on the file "lock" keeps a second process out of the same spool.
 * It owns its directory's *.seg, ack and lock files; it must never reorder or silently lose a
 * record: the only losses are the documented cap drops and torn tails, all counted. */
#include "spool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#define SPOOL_MAGIC 0xA5
#define SPOOL_HEADER 10
#define SPOOL_SEGMENT_MIN (4u * 1024)
#define SPOOL_SEGMENT_MAX (4u * 1024 * 1024)
#define SPOOL_ACK_LINE 64

typedef struct spool_segment {
    uint64_t seq;
    uint64_t size;
} spool_segment;

struct spool {
    char *dir;
    uint64_t max_bytes;
    uint64_t segment_limit;
    lw_spool_overflow overflow;
    lw_fsync_policy fsync;
    spool_segment *segs; /* ascending; segs[0].seq == ack.seq */
    size_t nsegs, capsegs;
    int lock_fd;         /* flock on "lock": one process per spool */
    int ack_fd;          /* "ack", rewritten in place */
    int write_fd;        /* the last segment, O_APPEND */
    int read_fd;
    uint64_t read_fd_seq;
    spool_pos ack, rd;   /* ack <= rd */
    uint64_t total_bytes;
    bool unsynced;       /* appends since the last fdatasync */
    uint64_t synced_ms;  /* when that was (monotonic) */
    spool_counters c;
};

typedef struct spool_header {
    uint8_t tag;
    uint32_t len;
    uint32_t crc;
} spool_header;

static void spool_err(char *err, size_t errlen, const spool *sp, const char *what)
{
    snprintf(err, errlen, "spool %s: %s: %s", sp->dir, what, strerror(errno));
}

static void spool_path(const spool *sp, uint64_t seq, char *buf, size_t len)
{
    snprintf(buf, len, "%s/%020" PRIu64 ".seg", sp->dir, seq);
}

static void put_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t spool_crc(const uint8_t *head, const void *data, size_t len)
{
    uLong crc = crc32(0L, head, 6);
    return (uint32_t)crc32(crc, data, (uInt)len);
}

static int pread_full(int fd, void *buf, size_t len, uint64_t off)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = pread(fd, (char *)buf + done, len - done, (off_t)(off + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        done += (size_t)n;
    }
    return 0;
}

static int write_full(int fd, const void *buf, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, (const char *)buf + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        done += (size_t)n;
    }
    return 0;
}

/* Header and payload in one write(2) when the kernel takes it whole (the usual case). */
static int write_record(int fd, const uint8_t *head, const char *data, size_t len)
{
    struct iovec iov[2] = {{(void *)head, SPOOL_HEADER}, {(void *)data, len}};
    ssize_t n;
    do
        n = writev(fd, iov, 2);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -1;
    if ((size_t)n < SPOOL_HEADER)
        return write_full(fd, head + n, SPOOL_HEADER - (size_t)n) != 0 || write_full(fd, data, len) != 0 ? -1 : 0;
    return write_full(fd, data + ((size_t)n - SPOOL_HEADER), len - ((size_t)n - SPOOL_HEADER));
}

static uint64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Read and check the record at `off` of a segment of `size` bytes. Returns 0 when whole and
 * intact (payload in *data when data != NULL, malloc'ed), -1 when torn or damaged. */
static int spool_read_record(int fd, uint64_t off, uint64_t size, spool_header *h, char **data)
{
    uint8_t head[SPOOL_HEADER];
    if (size - off < SPOOL_HEADER || pread_full(fd, head, SPOOL_HEADER, off) != 0 || head[0] != SPOOL_MAGIC)
        return -1;
    h->tag = head[1];
    h->len = get_le32(head + 2);
    h->crc = get_le32(head + 6);
    if (h->len > SPOOL_RECORD_MAX || size - off - SPOOL_HEADER < h->len)
        return -1;
    char *buf = malloc((size_t)h->len + 1);
    if (!buf || pread_full(fd, buf, h->len, off + SPOOL_HEADER) != 0 || spool_crc(head, buf, h->len) != h->crc) {
        free(buf);
        return -1;
    }
    buf[h->len] = '\0';
    if (data)
        *data = buf;
    else
        free(buf);
    return 0;
}

static spool_segment *spool_find(spool *sp, uint64_t seq)
{
    for (size_t i = 0; i < sp->nsegs; i++)
        if (sp->segs[i].seq == seq)
            return &sp->segs[i];
    return NULL;
}

static int spool_add_segment(spool *sp, uint64_t seq, uint64_t size)
{
    if (sp->nsegs == sp->capsegs) {
        size_t cap = sp->capsegs ? sp->capsegs * 2 : 16;
        spool_segment *n = realloc(sp->segs, cap * sizeof(*n));
        if (!n)
            return -1;
        sp->segs = n;
        sp->capsegs = cap;
    }
    sp->segs[sp->nsegs++] = (spool_segment){seq, size};
    return 0;
}

static int segment_cmp(const void *a, const void *b)
{
    uint64_t x = ((const spool_segment *)a)->seq, y = ((const spool_segment *)b)->seq;
    return (x > y) - (x < y);
}

static lw_status spool_list_segments(spool *sp, char *err, size_t errlen)
{
    DIR *d = opendir(sp->dir);
    if (!d) {
        spool_err(err, errlen, sp, "cannot list");
        return LW_ERR_RUNTIME;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        uint64_t seq;
        char tail[8];
        if (strlen(e->d_name) != 24 || sscanf(e->d_name, "%20" SCNu64 "%7s", &seq, tail) != 2 || strcmp(tail, ".seg"))
            continue;
        char path[4096];
        struct stat st;
        spool_path(sp, seq, path, sizeof(path));
        if (stat(path, &st) != 0 || spool_add_segment(sp, seq, (uint64_t)st.st_size) != 0) {
            closedir(d);
            spool_err(err, errlen, sp, e->d_name);
            return LW_ERR_RUNTIME;
        }
    }
    closedir(d);
    if (sp->nsegs > 1)
        qsort(sp->segs, sp->nsegs, sizeof(*sp->segs), segment_cmp);
    return LW_OK;
}

/* The ack line has a fixed width and is rewritten in place, one small pwrite per delivered
 * batch; its CRC-32 catches a line torn by a power loss (then delivery restarts at the first
 * segment: duplicates, never a loss). */
static int spool_format_ack(spool_pos p, char *line)
{
    int n = snprintf(line, SPOOL_ACK_LINE, "%020" PRIu64 " %020" PRIu64 " ", p.seq, p.off);
    uint32_t crc = (uint32_t)crc32(0L, (const Bytef *)line, (uInt)n);
    return n + snprintf(line + n, SPOOL_ACK_LINE - (size_t)n, "%08" PRIx32 "\n", crc);
}

static lw_status spool_write_ack(spool *sp, char *err, size_t errlen)
{
    char line[SPOOL_ACK_LINE];
    size_t n = (size_t)spool_format_ack(sp->ack, line);
    if (pwrite(sp->ack_fd, line, n, 0) != (ssize_t)n || (sp->fsync == LW_FSYNC_ALWAYS && fdatasync(sp->ack_fd) != 0)) {
        spool_err(err, errlen, sp, "cannot write the ack file");
        return LW_ERR_RUNTIME;
    }
    return LW_OK;
}

static lw_status spool_load_ack(spool *sp, char *err, size_t errlen)
{
    char path[4096], line[SPOOL_ACK_LINE], want[SPOOL_ACK_LINE];
    snprintf(path, sizeof(path), "%s/ack", sp->dir);
    sp->ack_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (sp->ack_fd < 0) {
        spool_err(err, errlen, sp, "cannot open the ack file");
        return LW_ERR_RUNTIME;
    }
    ssize_t n = pread(sp->ack_fd, line, sizeof(line) - 1, 0);
    line[n > 0 ? n : 0] = '\0';
    spool_pos p;
    if (sscanf(line, "%" SCNu64 " %" SCNu64, &p.seq, &p.off) == 2 && spool_format_ack(p, want) == n &&
        memcmp(line, want, (size_t)n) == 0)
        sp->ack = p;
    return LW_OK;
}

/* Delete segments wholly before the ack position. */
static void spool_drop_acked_segments(spool *sp)
{
    size_t keep = 0;
    while (keep + 1 < sp->nsegs && sp->segs[keep].seq < sp->ack.seq) {
        char path[4096];
        spool_path(sp, sp->segs[keep].seq, path, sizeof(path));
        unlink(path);
        sp->total_bytes -= sp->segs[keep].size;
        keep++;
    }
    if (keep == 0)
        return;
    memmove(sp->segs, sp->segs + keep, (sp->nsegs - keep) * sizeof(*sp->segs));
    sp->nsegs -= keep;
    if (sp->read_fd >= 0 && sp->read_fd_seq < sp->ack.seq) {  /* its segment is gone */
        close(sp->read_fd);
        sp->read_fd = -1;
    }
}

/* Check the records of one segment from `from`; cut at the first damaged one. */
static lw_status spool_check_segment(spool *sp, spool_segment *seg, uint64_t from, char *err, size_t errlen)
{
    if (seg->size == 0)
        return LW_OK;
    char path[4096];
    spool_path(sp, seg->seq, path, sizeof(path));
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        spool_err(err, errlen, sp, "cannot open a segment");
        return LW_ERR_RUNTIME;
    }
    uint64_t off = from;
    spool_header h;
    while (off < seg->size && spool_read_record(fd, off, seg->size, &h, NULL) == 0) {
        off += SPOOL_HEADER + h.len;
        sp->c.open_records++;
    }
    if (off < seg->size) {
        sp->c.torn++;
        if (ftruncate(fd, (off_t)off) != 0) {
            close(fd);
            spool_err(err, errlen, sp, "cannot cut a torn record");
            return LW_ERR_RUNTIME;
        }
        seg->size = off;
    }
    close(fd);
    return LW_OK;
}

/* Make a new segment's name durable (fsync "batch" and "always"). */
static lw_status spool_sync_dir(spool *sp, char *err, size_t errlen)
{
    int fd = open(sp->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        spool_err(err, errlen, sp, "fsync of the directory");
        if (fd >= 0)
            close(fd);
        return LW_ERR_RUNTIME;
    }
    close(fd);
    return LW_OK;
}

static lw_status spool_open_writer(spool *sp, char *err, size_t errlen)
{
    char path[4096];
    spool_path(sp, sp->segs[sp->nsegs - 1].seq, path, sizeof(path));
    if (sp->write_fd >= 0) {
        if (spool_sync(sp, err, errlen) != LW_OK)
            return LW_ERR_RUNTIME;
        close(sp->write_fd);
    }
    sp->write_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (sp->write_fd < 0) {
        spool_err(err, errlen, sp, "cannot open a segment for writing");
        return LW_ERR_RUNTIME;
    }
    return sp->fsync == LW_FSYNC_NEVER ? LW_OK : spool_sync_dir(sp, err, errlen);
}

static lw_status spool_recover(spool *sp, char *err, size_t errlen)
{
    if (spool_list_segments(sp, err, errlen) != LW_OK)
        return LW_ERR_RUNTIME;
    if (spool_load_ack(sp, err, errlen) != LW_OK)
        return LW_ERR_RUNTIME;
    if (sp->nsegs == 0 && spool_add_segment(sp, sp->ack.seq + 1, 0) != 0) {
        snprintf(err, errlen, "spool %s: out of memory", sp->dir);
        return LW_ERR_RUNTIME;
    }
    for (size_t i = 0; i < sp->nsegs; i++)
        sp->total_bytes += sp->segs[i].size;
    if (sp->segs[sp->nsegs - 1].seq < sp->ack.seq || spool_find(sp, sp->ack.seq) == NULL)
        sp->ack = (spool_pos){sp->segs[0].seq, 0};
    spool_drop_acked_segments(sp);
    if (sp->ack.off > sp->segs[0].size)
        sp->ack.off = sp->segs[0].size;
    for (size_t i = 0; i < sp->nsegs; i++) {
        uint64_t before = sp->segs[i].size;
        if (spool_check_segment(sp, &sp->segs[i], i == 0 ? sp->ack.off : 0, err, errlen) != LW_OK)
            return LW_ERR_RUNTIME;
        sp->total_bytes -= before - sp->segs[i].size;
    }
    sp->rd = sp->ack;
    return spool_open_writer(sp, err, errlen);
}

static lw_status spool_lock(spool *sp, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/lock", sp->dir);
    sp->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (sp->lock_fd < 0) {
        spool_err(err, errlen, sp, "cannot create the lock file");
        return LW_ERR_RUNTIME;
    }
    if (flock(sp->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        spool_err(err, errlen, sp, "in use by another process (give each sink its own spool)");
        return LW_ERR_RUNTIME;
    }
    return LW_OK;
}

lw_status spool_open(const spool_options *opt, spool **out, char *err, size_t errlen)
{
    spool *sp = calloc(1, sizeof(*sp));
    if (!sp || !(sp->dir = strdup(opt->dir))) {
        free(sp);
        snprintf(err, errlen, "spool %s: out of memory", opt->dir);
        return LW_ERR_RUNTIME;
    }
    sp->max_bytes = opt->max_bytes > 0 ? (uint64_t)opt->max_bytes : (uint64_t)SPOOL_DEFAULT_MAX_BYTES;
    sp->segment_limit = sp->max_bytes / 8;
    if (sp->segment_limit < SPOOL_SEGMENT_MIN)
        sp->segment_limit = SPOOL_SEGMENT_MIN;
    if (sp->segment_limit > SPOOL_SEGMENT_MAX)
        sp->segment_limit = SPOOL_SEGMENT_MAX;
    sp->overflow = opt->overflow;
    sp->fsync = opt->fsync;
    sp->synced_ms = monotonic_ms();
    sp->write_fd = sp->read_fd = sp->lock_fd = sp->ack_fd = -1;
    if (mkdir(sp->dir, 0700) != 0 && errno != EEXIST) {
        spool_err(err, errlen, sp, "cannot create the directory (set outputs.redis.spool to a writable one)");
        spool_close(sp);
        return LW_ERR_RUNTIME;
    }
    if (access(sp->dir, W_OK | X_OK) != 0) {
        spool_err(err, errlen, sp, "directory not writable (set outputs.redis.spool to a writable one)");
        spool_close(sp);
        return LW_ERR_RUNTIME;
    }
    if (spool_lock(sp, err, errlen) != LW_OK || spool_recover(sp, err, errlen) != LW_OK) {
        spool_close(sp);
        return LW_ERR_RUNTIME;
    }
    *out = sp;
    return LW_OK;
}

static uint64_t spool_pending(const spool *sp)
{
    return sp->total_bytes - sp->ack.off;
}

bool spool_is_empty(const spool *sp)
{
    return spool_pending(sp) == 0;
}

static int pos_cmp(spool_pos a, spool_pos b)
{
    if (a.seq != b.seq)
        return a.seq < b.seq ? -1 : 1;
    return (a.off > b.off) - (a.off < b.off);
}

/* Move the ack position to `to` (a record boundary), deleting finished segments. */
static void spool_advance(spool *sp, spool_pos to)
{
    sp->ack = to;
    if (pos_cmp(sp->rd, sp->ack) < 0)
        sp->rd = sp->ack;
    spool_drop_acked_segments(sp);
}

/* The position just after the record at `p`, stepping into the next segment at an end. */
static int spool_next_record(spool *sp, spool_pos *p, spool_header *h, char **data, char *err, size_t errlen)
{
    spool_segment *seg = spool_find(sp, p->seq);
    while (seg && p->off >= seg->size && seg != &sp->segs[sp->nsegs - 1]) {
        seg++;
        *p = (spool_pos){seg->seq, 0};
    }
    if (!seg || p->off >= seg->size)
        return 1;
    if (sp->read_fd < 0 || sp->read_fd_seq != seg->seq) {
        char path[4096];
        spool_path(sp, seg->seq, path, sizeof(path));
        if (sp->read_fd >= 0)
            close(sp->read_fd);
        sp->read_fd = open(path, O_RDONLY | O_CLOEXEC);
        sp->read_fd_seq = seg->seq;
    }
    if (sp->read_fd < 0 || spool_read_record(sp->read_fd, p->off, seg->size, h, data) != 0) {
        snprintf(err, errlen, "spool %s: segment %" PRIu64 " damaged at offset %" PRIu64, sp->dir, p->seq, p->off);
        return -1;
    }
    p->off += SPOOL_HEADER + h->len;
    return 0;
}

static lw_status spool_drop_oldest(spool *sp, uint64_t need, char *err, size_t errlen)
{
    spool_pos p = sp->ack;
    spool_header h;
    while (spool_pending(sp) > 0 && spool_pending(sp) + need > sp->max_bytes) {
        if (spool_next_record(sp, &p, &h, NULL, err, errlen) != 0)
            return LW_ERR_RUNTIME;
        spool_advance(sp, p);
        sp->c.dropped++;
    }
    return spool_write_ack(sp, err, errlen);
}

/* Start a new segment when the current one is full; a drained spool forgets the old one. */
static lw_status spool_rotate(spool *sp, char *err, size_t errlen)
{
    spool_segment *last = &sp->segs[sp->nsegs - 1];
    bool drained = spool_pending(sp) == 0;
    if (last->size < sp->segment_limit)
        return LW_OK;
    if (spool_add_segment(sp, last->seq + 1, 0) != 0) {
        snprintf(err, errlen, "spool %s: out of memory", sp->dir);
        return LW_ERR_RUNTIME;
    }
    if (spool_open_writer(sp, err, errlen) != LW_OK)
        return LW_ERR_RUNTIME;
    if (!drained)
        return LW_OK;
    spool_advance(sp, (spool_pos){sp->segs[sp->nsegs - 1].seq, 0});
    return spool_write_ack(sp, err, errlen);
}

lw_status spool_append(spool *sp, uint8_t tag, const char *data, size_t len, spool_pos *end,
                       char *err, size_t errlen)
{
    uint64_t need = SPOOL_HEADER + (uint64_t)len;
    if (end)
        *end = sp->ack;
    if (len > SPOOL_RECORD_MAX || need > sp->max_bytes ||
        (sp->overflow == LW_SPOOL_DROP_NEWEST && spool_pending(sp) + need > sp->max_bytes)) {
        sp->c.dropped++;
        return LW_OK;
    }
    if (spool_pending(sp) + need > sp->max_bytes && spool_drop_oldest(sp, need, err, errlen) != LW_OK)
        return LW_ERR_RUNTIME;
    if (spool_rotate(sp, err, errlen) != LW_OK)
        return LW_ERR_RUNTIME;
    uint8_t head[SPOOL_HEADER] = {SPOOL_MAGIC, tag};
    put_le32(head + 2, (uint32_t)len);
    put_le32(head + 6, spool_crc(head, data, len));
    spool_segment *last = &sp->segs[sp->nsegs - 1];
    if (write_record(sp->write_fd, head, data, len) != 0 ||
        (sp->fsync == LW_FSYNC_ALWAYS && fdatasync(sp->write_fd) != 0)) {
        int error = errno;
        /* whatever part went out is a torn record: cut it so later appends stay readable */
        if (ftruncate(sp->write_fd, (off_t)last->size) != 0) {
            close(sp->write_fd);
            sp->write_fd = -1;
        }
        errno = error;
        if (sp->write_fd >= 0 && (error == ENOSPC || error == EDQUOT || error == EFBIG)) {
            sp->c.dropped++; /* a full disk is a full spool: the record is counted, the run goes on */
            sp->c.disk_full++;
            return LW_OK;
        }
        spool_err(err, errlen, sp, "cannot write");
        return LW_ERR_RUNTIME;
    }
    last->size += need;
    sp->total_bytes += need;
    sp->c.appended++;
    if (end)
        *end = (spool_pos){last->seq, last->size};
    sp->unsynced = sp->fsync == LW_FSYNC_BATCH;
    if (sp->unsynced && monotonic_ms() - sp->synced_ms >= 1000)
        spool_sync(sp, err, errlen); /* the record is written; a failed sync is reported by the next spool_sync */
    return LW_OK;
}

lw_status spool_sync(spool *sp, char *err, size_t errlen)
{
    if (!sp->unsynced || sp->write_fd < 0)
        return LW_OK;
    if (fdatasync(sp->write_fd) != 0) {
        spool_err(err, errlen, sp, "fsync");
        return LW_ERR_RUNTIME;
    }
    sp->unsynced = false;
    sp->synced_ms = monotonic_ms();
    return LW_OK;
}

lw_status spool_read(spool *sp, spool_record *recs, size_t max, size_t *got, char *err, size_t errlen)
{
    *got = 0;
    while (*got < max) {
        spool_header h;
        char *data = NULL;
        int r = spool_next_record(sp, &sp->rd, &h, &data, err, errlen);
        if (r < 0)
            return LW_ERR_RUNTIME;
        if (r > 0)
            break;
        recs[(*got)++] = (spool_record){h.tag, data, h.len, sp->rd};
    }
    return LW_OK;
}

void spool_records_free(spool_record *recs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(recs[i].data);
        recs[i].data = NULL;
    }
}

lw_status spool_ack(spool *sp, spool_pos end, char *err, size_t errlen)
{
    if (pos_cmp(end, sp->ack) <= 0)
        return LW_OK;
    spool_advance(sp, end);
    return spool_write_ack(sp, err, errlen);
}

void spool_rewind(spool *sp)
{
    sp->rd = sp->ack;
}

spool_pos spool_tail(const spool *sp)
{
    const spool_segment *last = &sp->segs[sp->nsegs - 1];
    return (spool_pos){last->seq, last->size};
}

void spool_get_counters(const spool *sp, spool_counters *c)
{
    *c = sp->c;
    c->pending_bytes = spool_pending(sp);
}

void spool_close(spool *sp)
{
    if (!sp)
        return;
    if (sp->write_fd >= 0) {
        if (sp->unsynced)
            fdatasync(sp->write_fd);
        close(sp->write_fd);
    }
    if (sp->read_fd >= 0)
        close(sp->read_fd);
    if (sp->ack_fd >= 0)
        close(sp->ack_fd);
    if (sp->lock_fd >= 0)
        close(sp->lock_fd);
    free(sp->segs);
    free(sp->dir);
    free(sp);
}
