/* fuzz_dns.c — dns_parse_response on one message. */
#include "fuzz_util.h"
#include "inspect/dns.h"

static void on_answer(const char *qname, const lw_addr *addr, uint32_t ttl_s, void *user)
{
    (void)ttl_s, (void)user;
    fuzz_touch(qname, strlen(qname));
    fuzz_touch(addr, sizeof *addr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dns_parse_response(data, size, on_answer, NULL);
    return 0;
}
