/* plugins/fetch/netpolicy.c - which addresses a fetch may connect to (see
 * netpolicy.h): a page or a redirect must not steer galley into the local
 * network (server-side request forgery).  Checked on the resolved address at
 * connect time, so a DNS name that points inside is caught too. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netpolicy.h"

/* the kind of a non-public IPv4 address (host order), or NULL */
static const char *v4_kind(uint32_t a)
{
    static const struct { uint32_t net; int bits; const char *kind; } ranges[] = {
        { 0x00000000, 8, "unspecified ('this network')" },
        { 0x0A000000, 8, "private" },
        { 0x64400000, 10, "shared (carrier-grade NAT)" },
        { 0x7F000000, 8, "loopback" },
        { 0xA9FE0000, 16, "link-local" },
        { 0xAC100000, 12, "private" },
        { 0xC0000000, 24, "reserved (IETF protocol)" },
        { 0xC0A80000, 16, "private" },
        { 0xC6120000, 15, "reserved (benchmarking)" },
        { 0xE0000000, 4, "multicast" },
        { 0xF0000000, 4, "reserved" },
    };
    for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
        if ((a >> (32 - ranges[i].bits)) == (ranges[i].net >> (32 - ranges[i].bits)))
            return ranges[i].kind;
    return NULL;
}

/* an IPv6 address that carries an IPv4 one (mapped, NAT64, compatible):
 * 1 and the IPv4 address in *v4 */
static int v6_embeds_v4(const unsigned char *a, unsigned char *v4)
{
    static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
    static const unsigned char nat64[12] = { 0, 0x64, 0xff, 0x9b };
    static const unsigned char zero[12] = { 0 };
    if (memcmp(a, mapped, 12) && memcmp(a, nat64, 12)
        && (memcmp(a, zero, 12) || (a[12] | a[13]) == 0))    /* not ::, ::1 */
        return 0;
    memcpy(v4, a + 12, 4);
    return 1;
}

static const char *v6_kind(const unsigned char *a)
{
    static const unsigned char zero[16] = { 0 };
    if (!memcmp(a, zero, 15))
        return a[15] == 1 ? "loopback" : a[15] == 0 ? "unspecified" : "reserved";
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
        return "link-local";
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
        return "site-local (private)";
    if ((a[0] & 0xfe) == 0xfc)
        return "unique local (private)";
    if (a[0] == 0xff)
        return "multicast";
    return NULL;
}

static int in_net(const fetch_net *n, int family, const unsigned char *a)
{
    if (n->family != family)
        return 0;
    int full = n->bits / 8, rest = n->bits % 8;
    if (memcmp(n->addr, a, (size_t)full))
        return 0;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return rest == 0 || (n->addr[full] & mask) == (a[full] & mask);
}

int fetch_netpolicy_init(fetch_netpolicy *p, int allow_private, const char *const *list,
                         size_t n, char *err, size_t len)
{
    memset(p, 0, sizeof *p);
    p->allow_private = allow_private;
    p->allow = calloc(n ? n : 1, sizeof *p->allow);
    if (!p->allow) {
        snprintf(err, len, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        char text[128], *slash;
        snprintf(text, sizeof text, "%s", list[i]);
        fetch_net *net = &p->allow[p->nallow];
        int max = strchr(text, ':') ? 128 : 32;
        net->family = max == 128 ? AF_INET6 : AF_INET;
        net->bits = max;
        if ((slash = strchr(text, '/'))) {
            char *end;
            long b = strtol(slash + 1, &end, 10);
            if (*end || end == slash + 1 || b < 0 || b > max) {
                snprintf(err, len, "allow_addresses: '%s' has a bad prefix length "
                         "(0 to %d after the /)", list[i], max);
                return -1;
            }
            net->bits = (int)b;
            *slash = '\0';
        }
        if (inet_pton(net->family, text, net->addr) != 1) {
            snprintf(err, len, "allow_addresses: '%s' is not an IPv4 or IPv6 address "
                     "(or ADDRESS/BITS)", list[i]);
            return -1;
        }
        p->nallow++;
    }
    return 0;
}

void fetch_netpolicy_free(fetch_netpolicy *p)
{
    free(p->allow);
    memset(p, 0, sizeof *p);
}

const char *fetch_netpolicy_refuses(const fetch_netpolicy *p, const struct sockaddr *sa,
                                    char *shown, size_t len)
{
    unsigned char a[16], v4[4];
    int family = sa->sa_family;
    if (family == AF_INET)
        memcpy(a, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
    else if (family == AF_INET6)
        memcpy(a, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
    else {
        snprintf(shown, len, "(address family %d)", family);
        return "not an internet address";
    }
    if (!inet_ntop(family, a, shown, (socklen_t)len))
        snprintf(shown, len, "(unprintable)");
    if (family == AF_INET6 && v6_embeds_v4(a, v4)) {  /* judged as the IPv4 address */
        family = AF_INET;
        memcpy(a, v4, 4);
    }
    if (p->allow_private)
        return NULL;
    for (size_t i = 0; i < p->nallow; i++)
        if (in_net(&p->allow[i], family, a))
            return NULL;
    if (family == AF_INET)
        return v4_kind((uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3]);
    return v6_kind(a);
}
