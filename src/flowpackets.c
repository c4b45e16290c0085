/* flowpackets.c — keeps the frames of flows that may still alert and writes those of alerting
 * flows as classic pcap files, one per alert: <dir>/<alert_id>.pcap.
 *
 * Keeping: a flow's frames are stored as they came, each behind its 16-byte pcap record header,
 * back to back in one buffer, so a file is its 24-byte header and that buffer. Each direction
 * keeps frames (headers included) up to the reassembly depth plus an eighth — the frames that
 * carried the bytes the inspection saw, and their headers; the worker's memcap bounds all flows
 * together. What is not kept is counted (packets_cut). A file has one link type: the flow's
 * first frame's (a frame of another, from a second interface, is cut).
 *
 * Writing: the first alert writes a hidden temporary file and renames it into place, so a
 * reader never sees a torn header; the kept frames are then released. Later frames wait in the
 * flow's buffer and are appended (O_APPEND) when 64 KiB have gathered, a second after the
 * first of them (packet time), and when the flow ends; a file stops before max_bytes. Another
 * alert of the same flow gets a hard link to the first file: the same frames, then and later.
 * A failed write (disk full, permissions, file removed) stops that flow's file, is counted,
 * and is logged once per errno value. No file stays open between writes. */
#include "flowpackets.h"

#include <errno.h>
#include <fcntl.h>
#include <pcap/dlt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FP_FILE_HEADER 24u
#define FP_RECORD_HEADER 16u
#define FP_SNAPLEN 262144u
#define FP_LINKTYPE_RAW 101       /* what files store for libpcap's DLT_RAW */
#define FP_APPEND_BYTES 65536u    /* an alerting flow's frames written at once */
#define FP_APPEND_AFTER_US 1000000u
#define FP_TICK_US 100000u

struct flow_packets {
    uint8_t *buf;                 /* records: pcap record header + frame, back to back */
    uint32_t len, cap, records;
    uint32_t kept[2];             /* bytes kept per direction before the alert */
    int linktype;                 /* of the first frame: the file's */
    char *path;                   /* the file, once the flow alerted */
    uint64_t file_bytes;
    uint64_t waiting_since_us;    /* time of the oldest frame in buf after the alert */
    bool full;                    /* max_bytes reached or a write failed: the file is done */
    flow_packets *prev, *next;    /* every part of this worker */
    flow_packets *alerted_prev, *alerted_next;
};

struct flowpackets {
    flowpackets_config cfg;
    char *dir;
    FILE *log;
    flowpackets_stats stats;
    flow_packets *all, *alerted;
    uint64_t last_tick_us;
    uint64_t logged[4];           /* errno values already logged (bitmap of the first 256) */
};

/* ---- errors ---- */

static bool fp_fail(flowpackets *fp, const char *path, int err)
{
    fp->stats.errors++;
    unsigned bit = (unsigned)err & 255u;
    if (fp->log && !(fp->logged[bit / 64] & (1ull << (bit % 64)))) {
        fp->logged[bit / 64] |= 1ull << (bit % 64);
        fprintf(fp->log, "leakwatch: pcap: %s: %s (reported once; counted in stats.pcap.errors)\n", path, strerror(err));
    }
    return false;
}

/* ---- parts ---- */

static void fp_mem(flowpackets *fp, int64_t delta)
{
    fp->stats.mem_in_use += (uint64_t)delta;
    if (fp->stats.mem_in_use > fp->stats.mem_peak)
        fp->stats.mem_peak = fp->stats.mem_in_use;
}

static flow_packets *fp_part_new(flowpackets *fp)
{
    if (fp->stats.mem_in_use + sizeof(flow_packets) > fp->cfg.memcap)
        return NULL;
    flow_packets *part = calloc(1, sizeof *part);
    if (!part)
        return NULL;
    part->linktype = -1;
    part->next = fp->all;
    if (fp->all)
        fp->all->prev = part;
    fp->all = part;
    fp_mem(fp, (int64_t)sizeof *part);
    return part;
}

static void fp_release_buffer(flowpackets *fp, flow_packets *part)
{
    fp_mem(fp, -(int64_t)part->cap);
    free(part->buf);
    part->buf = NULL;
    part->len = part->cap = part->records = 0;
}

static void fp_part_free(flowpackets *fp, flow_packets **slot)
{
    flow_packets *part = *slot;
    *slot = NULL;
    if (part->prev)
        part->prev->next = part->next;
    else
        fp->all = part->next;
    if (part->next)
        part->next->prev = part->prev;
    if (part->path) {
        if (part->alerted_prev)
            part->alerted_prev->alerted_next = part->alerted_next;
        else
            fp->alerted = part->alerted_next;
        if (part->alerted_next)
            part->alerted_next->alerted_prev = part->alerted_prev;
    }
    fp_release_buffer(fp, part);
    fp_mem(fp, -(int64_t)sizeof *part);
    free(part->path);
    free(part);
}

/* Room for `need` more bytes, the buffer never growing past `limit` nor the memcap. */
static bool fp_reserve(flowpackets *fp, flow_packets *part, uint32_t need, uint64_t limit)
{
    uint64_t want = (uint64_t)part->len + need;
    if (want <= part->cap)
        return true;
    uint64_t cap = part->cap ? 2 * (uint64_t)part->cap : 2048;
    while (cap < want)
        cap *= 2;
    if (cap > limit)
        cap = limit;
    if (cap < want || cap > UINT32_MAX || fp->stats.mem_in_use + (cap - part->cap) > fp->cfg.memcap)
        return false;
    uint8_t *grown = realloc(part->buf, cap);
    if (!grown)
        return false;
    fp_mem(fp, (int64_t)(cap - part->cap));
    part->buf = grown;
    part->cap = (uint32_t)cap;
    return true;
}

static uint32_t fp_record_size(const capture_frame *frame)
{
    return FP_RECORD_HEADER + (frame->caplen < FP_SNAPLEN ? frame->caplen : FP_SNAPLEN);
}

/* The frame behind its pcap record header (host byte order, as the file header's magic says). */
static bool fp_append(flowpackets *fp, flow_packets *part, const capture_frame *frame, uint64_t limit)
{
    uint32_t size = fp_record_size(frame);
    if (!fp_reserve(fp, part, size, limit))
        return false;
    uint32_t rec[4] = {(uint32_t)(frame->ts_us / 1000000u), (uint32_t)(frame->ts_us % 1000000u),
                       size - FP_RECORD_HEADER, frame->wirelen > size - FP_RECORD_HEADER ? frame->wirelen
                                                                                        : size - FP_RECORD_HEADER};
    memcpy(part->buf + part->len, rec, sizeof rec);
    memcpy(part->buf + part->len + FP_RECORD_HEADER, frame->data, size - FP_RECORD_HEADER);
    part->len += size;
    part->records++;
    return true;
}

/* ---- files ---- */

static bool fp_write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = ENOSPC;
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Bytes of whole records at the start of buf that fit in `room`, and how many records. */
static uint32_t fp_fitting(const flow_packets *part, uint64_t room, uint32_t *records)
{
    uint32_t off = 0;
    *records = 0;
    while (off < part->len) {
        uint32_t caplen;
        memcpy(&caplen, part->buf + off + 8, sizeof caplen);
        if (off + FP_RECORD_HEADER + (uint64_t)caplen > room)
            break;
        off += FP_RECORD_HEADER + caplen;
        ++*records;
    }
    return off;
}

static void fp_mark_full(flowpackets *fp, flow_packets *part)
{
    if (!part->full)
        fp->stats.files_full++;
    part->full = true;
}

/* Append what waits in buf to the flow's file (as much as max_bytes allows). */
static void fp_flush(flowpackets *fp, flow_packets *part)
{
    if (!part->len || !part->path || part->full)
        return;
    uint32_t records, n = fp_fitting(part, fp->cfg.max_bytes - part->file_bytes, &records);
    int fd = open(part->path, O_WRONLY | O_APPEND | O_CLOEXEC);
    bool ok = fd >= 0 && fp_write_all(fd, part->buf, n);
    int err = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        part->full = true;
        fp_fail(fp, part->path, err);
    } else {
        part->file_bytes += n;
        fp->stats.packets_written += records;
        if (n < part->len)
            fp_mark_full(fp, part);
    }
    part->len = part->records = 0;
}

static char *fp_path(const flowpackets *fp, const char *prefix, const char *id, const char *suffix)
{
    size_t n = strlen(fp->dir) + strlen(prefix) + strlen(id) + strlen(suffix) + 2;
    char *path = malloc(n);
    if (path)
        snprintf(path, n, "%s/%s%s%s", fp->dir, prefix, id, suffix);
    return path;
}

static void fp_file_header(uint8_t out[FP_FILE_HEADER], int linktype)
{
    uint32_t magic = 0xA1B2C3D4u, zero = 0, snaplen = FP_SNAPLEN;
    uint32_t link = linktype == DLT_RAW ? FP_LINKTYPE_RAW : linktype < 0 ? DLT_EN10MB : (uint32_t)linktype;
    uint16_t major = 2, minor = 4;
    memcpy(out, &magic, 4);
    memcpy(out + 4, &major, 2);
    memcpy(out + 6, &minor, 2);
    memcpy(out + 8, &zero, 4);
    memcpy(out + 12, &zero, 4);
    memcpy(out + 16, &snaplen, 4);
    memcpy(out + 20, &link, 4);
}

/* The flow's first file: header and kept frames into a temporary file, renamed into place. */
static bool fp_create(flowpackets *fp, flow_packets *part, const char *tmp, const char *path)
{
    uint8_t header[FP_FILE_HEADER];
    uint32_t records, n = fp_fitting(part, fp->cfg.max_bytes - FP_FILE_HEADER, &records);
    fp_file_header(header, part->linktype);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    bool ok = fd >= 0 && fp_write_all(fd, header, sizeof header) && fp_write_all(fd, part->buf, n);
    int err = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        if (fd >= 0)
            unlink(tmp);
        return fp_fail(fp, path, err);
    }
    if (!(part->path = strdup(path)))
        return fp_fail(fp, path, ENOMEM);
    part->file_bytes = FP_FILE_HEADER + (uint64_t)n;
    fp->stats.packets_written += records;
    if (n < part->len)
        fp_mark_full(fp, part);
    fp_release_buffer(fp, part);
    part->alerted_next = fp->alerted;
    if (fp->alerted)
        fp->alerted->alerted_prev = part;
    fp->alerted = part;
    return true;
}

/* Another alert of a flow that has its file: a hard link, placed by rename (replaces a file
 * of the same name from an earlier run). */
static bool fp_link(flowpackets *fp, flow_packets *part, const char *tmp, const char *path)
{
    fp_flush(fp, part);
    unlink(tmp);
    if (link(part->path, tmp) != 0)
        return fp_fail(fp, path, errno);
    if (rename(tmp, path) != 0) {
        int err = errno;
        unlink(tmp);
        return fp_fail(fp, path, err);
    }
    return true;
}

/* Alert ids are UUIDs; anything else must never become part of a path. */
static bool fp_id_ok(const char *id)
{
    size_t n = strspn(id, "0123456789abcdef-");
    return n == 36 && id[n] == '\0';
}

/* The directory and its missing parents (as mkdir -p). */
static void fp_make_dir(flowpackets *fp)
{
    for (char *slash = strchr(fp->dir + 1, '/');; slash = strchr(slash + 1, '/')) {
        if (slash)
            *slash = '\0';
        int rc = mkdir(fp->dir, 0750), err = errno;
        if (slash)
            *slash = '/';
        if (rc != 0 && err != EEXIST) {
            fp_fail(fp, fp->dir, err);
            return;
        }
        if (!slash)
            return;
    }
}

/* ---- the interface ---- */

flowpackets *flowpackets_new(const flowpackets_config *cfg, FILE *log)
{
    flowpackets *fp = calloc(1, sizeof *fp);
    if (!fp || !(fp->dir = strdup(cfg->dir))) {
        free(fp);
        return NULL;
    }
    fp->cfg = *cfg;
    fp->cfg.dir = fp->dir;
    fp->log = log;
    if (fp->cfg.max_bytes < FP_FILE_HEADER)
        fp->cfg.max_bytes = FP_FILE_HEADER;
    if (*fp->dir)
        fp_make_dir(fp);
    return fp;
}

void flowpackets_free(flowpackets *fp)
{
    if (!fp)
        return;
    while (fp->all) {
        flow_packets *part = fp->all;
        fp_part_free(fp, &part);
    }
    free(fp->dir);
    free(fp);
}

static void fp_keep(flowpackets *fp, flow_packets *part, const capture_frame *frame, int dir)
{
    uint64_t budget = fp->cfg.depth + fp->cfg.depth / 8u, size = fp_record_size(frame);
    if (part->linktype < 0)
        part->linktype = frame->linktype;
    if (frame->linktype != part->linktype || part->kept[dir] + size > budget || !fp_append(fp, part, frame, 2 * budget)) {
        fp->stats.packets_cut++;
        return;
    }
    part->kept[dir] += (uint32_t)size;
}

/* After the alert: the frame waits in buf for the next append. */
static void fp_write_later(flowpackets *fp, flow_packets *part, const capture_frame *frame)
{
    uint32_t size = fp_record_size(frame);
    if (part->full || frame->linktype != part->linktype)
        return;
    if (part->file_bytes + part->len + size > fp->cfg.max_bytes) {
        fp_flush(fp, part);
        fp_mark_full(fp, part);
        return;
    }
    if (part->len + size > FP_APPEND_BYTES)
        fp_flush(fp, part);
    if (!part->len)
        part->waiting_since_us = frame->ts_us;
    if (!fp_append(fp, part, frame, FP_APPEND_BYTES + FP_RECORD_HEADER + FP_SNAPLEN))
        fp->stats.packets_cut++;
}

void flowpackets_frame(flowpackets *fp, flow_packets **slot, const capture_frame *frame, int dir, bool can_alert)
{
    flow_packets *part = *slot;
    if (!part && can_alert && !(part = *slot = fp_part_new(fp))) {
        fp->stats.packets_cut++;
        return;
    }
    if (!part)
        return;
    if (part->path)
        fp_write_later(fp, part, frame);
    else if (can_alert)
        fp_keep(fp, part, frame, dir & 1);
}

void flowpackets_alert(flowpackets *fp, flow_packets **slot, const char *alert_id)
{
    if (!fp_id_ok(alert_id))
        return;
    if (!*slot && !(*slot = fp_part_new(fp))) {
        fp_fail(fp, fp->dir, ENOMEM);
        return;
    }
    flow_packets *part = *slot;
    char *path = fp_path(fp, "", alert_id, ".pcap"), *tmp = fp_path(fp, ".", alert_id, ".pcap.tmp");
    bool ok = path && tmp && (part->path ? fp_link(fp, part, tmp, path) : fp_create(fp, part, tmp, path));
    if (!path || !tmp)
        fp_fail(fp, fp->dir, ENOMEM);
    fp->stats.files += ok;
    free(path);
    free(tmp);
}

void flowpackets_settled(flowpackets *fp, flow_packets **slot)
{
    if (*slot && !(*slot)->path)
        fp_part_free(fp, slot);
}

void flowpackets_flow_end(flowpackets *fp, flow_packets **slot)
{
    if (!*slot)
        return;
    fp_flush(fp, *slot);
    fp_part_free(fp, slot);
}

void flowpackets_tick(flowpackets *fp, uint64_t now_us)
{
    if (now_us < fp->last_tick_us + FP_TICK_US)
        return;
    fp->last_tick_us = now_us;
    for (flow_packets *part = fp->alerted; part; part = part->alerted_next)
        if (part->len && now_us >= part->waiting_since_us + FP_APPEND_AFTER_US)
            fp_flush(fp, part);
}

const flowpackets_stats *flowpackets_get_stats(const flowpackets *fp)
{
    return &fp->stats;
}
