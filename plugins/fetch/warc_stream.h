/* plugins/fetch/warc_stream.h - the `warc` fetch plugin's byte stream over a
 * plain or gzip WARC file (warc_stream.c); internal to the plugin. */
#ifndef GALLEY_FETCH_WARC_STREAM_H
#define GALLEY_FETCH_WARC_STREAM_H

#include <stddef.h>
#include <zlib.h>

#define BUF_BYTES 65536

typedef struct wstream {
    int fd, gz, zinit, eof;
    z_stream z;
    unsigned char in[BUF_BYTES];
    size_t in_len;              /* bytes of in[] filled by the last read */
    /* the current member's first compressed byte, while still in in[]: a
     * damaged member can make inflate run on into the next one, so the
     * search for the next member starts here, not where inflate stopped */
    const unsigned char *member_in;
    unsigned char out[BUF_BYTES];
    size_t out_pos, out_len;
    char *back;                 /* pushed-back bytes, read before the file */
    size_t back_pos, back_len;
    unsigned long long offset;  /* uncompressed bytes consumed */
    /* gzip damage: the uncompressed range [bad_from, bad_until) came from a
     * member that failed to inflate or to match its CRC.  Reads see EOF after
     * it (stalled) until the parser resumes at the next member. */
    unsigned long long produced;        /* uncompressed bytes made so far */
    unsigned long long member_start;    /* where the current member began */
    unsigned long long bad_from, bad_until;
    int has_bad, stalled;
    int in_member;              /* inflate is inside a member */
    char zmsg[160];
} wstream;

/* Reads up to n bytes into buf (NULL: skips them); returns the count. */
size_t ws_read(wstream *w, char *buf, size_t n);

/* Puts bytes back in front of the stream (what a failed record swallowed of
 * the next one).  0, or -1 out of memory. */
int ws_unread(wstream *w, const char *b, size_t n);

/* One line with its end into *line (NUL-terminated, at most max bytes);
 * its length, 0 at the end of the file, or (size_t)-1 when too long (the
 * rest of the line is left unread). */
size_t ws_line(wstream *w, char *line, size_t max);

/* Opens path (gzip when it starts with the gzip magic); 0 or an errno. */
int ws_open(wstream *w, const char *path);

void ws_close(wstream *w);

/* Drops what is left of a damaged gzip member; reading goes on at the
 * next member. */
void ws_resume(wstream *w);

/* 1 if uncompressed bytes [from, to) came (partly) from a damaged member */
int ws_damaged(const wstream *w, unsigned long long from, unsigned long long to);

#endif
