/* plugins/fetch/netpolicy.h - which addresses a fetch plugin may connect to:
 * private, loopback, link-local and other non-public addresses are refused
 * unless allowed (all of them, or listed addresses and prefixes). */
#ifndef GALLEY_FETCH_NETPOLICY_H
#define GALLEY_FETCH_NETPOLICY_H

#include <stddef.h>
#include <sys/socket.h>

typedef struct fetch_net {
    int family;             /* AF_INET or AF_INET6 */
    unsigned char addr[16];
    int bits;               /* prefix length */
} fetch_net;

typedef struct fetch_netpolicy {
    int allow_private;      /* every address may be used */
    fetch_net *allow;       /* else these may, whatever their kind */
    size_t nallow;
} fetch_netpolicy;

/* Reads the allow list ("127.0.0.1", "10.0.0.0/8", "fd00::/8"); 0, or -1
 * with a message naming the bad entry. */
int fetch_netpolicy_init(fetch_netpolicy *p, int allow_private, const char *const *list,
                         size_t n, char *err, size_t len);
void fetch_netpolicy_free(fetch_netpolicy *p);

/* NULL if sa may be connected to; else what kind of address it is
 * ("loopback", "private", ...), with the address as text in shown */
const char *fetch_netpolicy_refuses(const fetch_netpolicy *p, const struct sockaddr *sa,
                                    char *shown, size_t len);

#endif
