/* plugins/fetch/warc_stream.c - the `warc` fetch plugin's byte stream: a
 * plain or gzip file (a member per record) read with push-back, and gzip
 * damage tracked so the reader can resynchronise on the next member. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "warc_stream.h"

/* Skips compressed input to the next gzip header after a data error. */
static void ws_resync_gzip(wstream *w)
{
    if (w->member_in && w->member_in + 1 < w->z.next_in) {
        w->z.next_in = (Bytef *)w->member_in + 1;
        w->z.avail_in = (uInt)(w->in + w->in_len - w->z.next_in);
    }
    w->member_in = NULL;
    for (;;) {
        while (w->z.avail_in >= 3) {
            if (w->z.next_in[0] == 0x1f && w->z.next_in[1] == 0x8b
                && w->z.next_in[2] == 8) {
                inflateReset(&w->z);
                w->member_in = w->z.next_in;
                return;
            }
            w->z.next_in++;
            w->z.avail_in--;
        }
        /* keep the last two bytes: a header may straddle the reads */
        size_t keep = w->z.avail_in;
        memmove(w->in, w->z.next_in, keep);
        ssize_t r = read(w->fd, w->in + keep, sizeof w->in - keep);
        w->z.next_in = w->in;
        w->z.avail_in = (uInt)(keep + (r > 0 ? (size_t)r : 0));
        w->in_len = w->z.avail_in;
        if (r <= 0) {
            w->z.avail_in = 0;
            w->eof = 1;
            return;
        }
    }
}

/* Marks what the current member gave as damaged and moves to the next
 * member.  What it gave is delivered, then reads stop (stalled) so its
 * partial last line never joins the next record's first. */
static void ws_damage(wstream *w)
{
    w->has_bad = 1;
    w->bad_from = w->member_start;
    w->bad_until = w->produced;
    w->in_member = 0;
    ws_resync_gzip(w);
    w->member_start = w->produced;
    w->stalled = 1;
}

/* Refills w->out; 0 at the end of the file. */
static size_t ws_fill(wstream *w)
{
    w->out_pos = w->out_len = 0;
    while (!w->eof && !w->stalled && w->out_len == 0) {
        if (!w->gz) {
            ssize_t r = read(w->fd, w->out, sizeof w->out);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0) {
                if (r < 0)
                    snprintf(w->zmsg, sizeof w->zmsg, "read error: %s", strerror(errno));
                w->eof = 1;
                break;
            }
            w->out_len = (size_t)r;
            break;
        }
        if (w->z.avail_in == 0) {
            /* keep the current member's bytes (up to half the buffer) so a
             * resync can start right after its beginning */
            size_t keep = 0;
            if (w->member_in) {
                keep = (size_t)(w->in + w->in_len - w->member_in);
                if (keep > sizeof w->in / 2)
                    keep = 0;
                else
                    memmove(w->in, w->member_in, keep);
            }
            w->member_in = keep || w->produced == w->member_start ? w->in : NULL;
            ssize_t r = read(w->fd, w->in + keep, sizeof w->in - keep);
            w->z.next_in = w->in + keep;
            w->z.avail_in = r > 0 ? (uInt)r : 0;
            w->in_len = keep + w->z.avail_in;
            if (r <= 0 && w->in_member) {
                /* the file ends inside a member: cut short, or damage made
                 * inflate read on through the members after it */
                snprintf(w->zmsg, sizeof w->zmsg, "truncated or corrupt gzip data "
                         "(a member runs to the end of the file)");
                ws_damage(w);
                break;
            }
            if (r <= 0) {
                w->eof = 1;
                break;
            }
        }
        w->z.next_out = w->out;
        w->z.avail_out = sizeof w->out;
        int rc = inflate(&w->z, Z_NO_FLUSH);    /* stops at a member's end */
        w->out_len = sizeof w->out - w->z.avail_out;
        w->produced += w->out_len;
        if (rc == Z_STREAM_END) {
            w->in_member = 0;
            inflateReset(&w->z);    /* the next member, if any */
            w->member_start = w->produced;
            w->member_in = w->z.next_in;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            snprintf(w->zmsg, sizeof w->zmsg, "corrupt gzip data (%s)",
                     w->z.msg ? w->z.msg : zError(rc));
            ws_damage(w);
        } else {
            w->in_member = 1;
        }
    }
    return w->out_len;
}

static int ws_getc(wstream *w)
{
    if (w->back_pos < w->back_len) {
        w->offset++;
        return (unsigned char)w->back[w->back_pos++];
    }
    if (w->out_pos == w->out_len && ws_fill(w) == 0)
        return EOF;
    w->offset++;
    return w->out[w->out_pos++];
}

/* Reads up to n bytes into buf (NULL: skips them); returns the count. */
size_t ws_read(wstream *w, char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        const char *src;
        size_t avail;
        if (w->back_pos < w->back_len) {
            src = w->back + w->back_pos;
            avail = w->back_len - w->back_pos;
        } else {
            if (w->out_pos == w->out_len && ws_fill(w) == 0)
                break;
            src = (const char *)w->out + w->out_pos;
            avail = w->out_len - w->out_pos;
        }
        size_t k = n - got < avail ? n - got : avail;
        if (buf)
            memcpy(buf + got, src, k);
        if (w->back_pos < w->back_len)
            w->back_pos += k;
        else
            w->out_pos += k;
        got += k;
        w->offset += k;
    }
    return got;
}

/* Puts bytes back in front of the stream (what a failed record swallowed of
 * the next one).  0, or -1 out of memory. */
int ws_unread(wstream *w, const char *b, size_t n)
{
    size_t left = w->back_len - w->back_pos;
    char *nb = malloc(n + left + 1);
    if (!nb)
        return -1;
    memcpy(nb, b, n);
    if (left)
        memcpy(nb + n, w->back + w->back_pos, left);
    free(w->back);
    w->back = nb;
    w->back_pos = 0;
    w->back_len = n + left;
    w->offset -= n;
    return 0;
}

/* One line with its end into *line (NUL-terminated, at most max bytes);
 * its length, 0 at the end of the file, or (size_t)-1 when too long (the
 * rest of the line is left unread). */
size_t ws_line(wstream *w, char *line, size_t max)
{
    size_t n = 0;
    int c;
    while ((c = ws_getc(w)) != EOF) {
        line[n++] = (char)c;
        if (c == '\n')
            break;
        if (n + 1 >= max) {
            line[n] = '\0';
            return (size_t)-1;
        }
    }
    line[n] = '\0';
    return n;
}

int ws_open(wstream *w, const char *path)
{
    memset(w, 0, sizeof *w);
    w->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (w->fd < 0)
        return errno;
    unsigned char magic[2];
    ssize_t r = pread(w->fd, magic, 2, 0);
    w->gz = r == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (w->gz) {
        if (inflateInit2(&w->z, 16 + MAX_WBITS) != Z_OK) {
            close(w->fd);
            return ENOMEM;
        }
        w->zinit = 1;
    }
    return 0;
}

void ws_close(wstream *w)
{
    if (w->zinit)
        inflateEnd(&w->z);
    if (w->fd >= 0)
        close(w->fd);
    free(w->back);
    memset(w, 0, sizeof *w);
    w->fd = -1;
}

/* Drops what is left of a damaged gzip member; reading goes on at the
 * next member. */
void ws_resume(wstream *w)
{
    w->stalled = 0;
    w->has_bad = 0;
    w->back_len = w->back_pos = 0;
    w->out_pos = w->out_len;
}

/* 1 if uncompressed bytes [from, to) came (partly) from a damaged member */
int ws_damaged(const wstream *w, unsigned long long from, unsigned long long to)
{
    return w->has_bad && from < w->bad_until && to > w->bad_from;
}
