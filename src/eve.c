/* eve.c — Community ID v1 and Suricata's app_proto names.
 *
 * Community ID: SHA-1 over seed . addr_a . addr_b . proto . 0 . port_a . port_b, all in
 * network byte order, the smaller (address, port) end first; "1:" + base64 of the digest.
 * SHA-1 comes from libgcrypt, which nDPI already loads into the process: libsodium has no
 * SHA-1, and nDPI 4.2's own ndpi_flowv4_flow_hash orders two ends with equal addresses by
 * their byte-swapped ports, so a flow between two ports of one host gets the wrong ID
 * (127.0.0.1:1 <-> 127.0.0.1:256 gives 1:pwU6…, the spec 1:9G06…; measured).
 *
 * app_proto: a fixed table of the protocols leakwatch or nDPI name that Suricata has a name
 * for (AppProtoToString in Suricata's app-layer-protos.c, plus websocket from 8.0); any other
 * name keeps nDPI's master protocol, lower-cased. */
#include "eve.h"

#include <ctype.h>
#include <gcrypt.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

lw_status eve_init(char *err, size_t errlen)
{
    if (gcry_control(GCRYCTL_INITIALIZATION_FINISHED_P))
        return LW_OK;
    if (!gcry_check_version(NULL)) {
        snprintf(err, errlen, "libgcrypt failed to initialise");
        return LW_ERR_RUNTIME;
    }
    gcry_control(GCRYCTL_DISABLE_SECMEM, 0); /* nothing secret is hashed here */
    gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
    return LW_OK;
}

static int eve_end_compare(const uint8_t *a, uint16_t a_port, const uint8_t *b, uint16_t b_port, size_t len)
{
    int c = memcmp(a, b, len);
    return c ? c : (a_port > b_port) - (a_port < b_port);
}

static size_t eve_put_be16(uint8_t *p, size_t n, uint16_t v)
{
    p[n] = (uint8_t)(v >> 8);
    p[n + 1] = (uint8_t)v;
    return n + 2;
}

const char *eve_community_id(const lw_addr *a, uint16_t a_port, const lw_addr *b, uint16_t b_port,
                             uint8_t l4proto, uint16_t seed, char out[EVE_COMMUNITY_ID_LEN])
{
    uint8_t in[2 + 16 + 16 + 2 + 4], digest[20];
    size_t len = a->family == 4 ? 4 : 16, n = 0;
    out[0] = '\0';
    if ((a->family != 4 && a->family != 6) || a->family != b->family)
        return out;
    if (eve_end_compare(a->bytes, a_port, b->bytes, b_port, len) > 0) {
        const lw_addr *t = a;
        uint16_t tp = a_port;
        a = b, a_port = b_port, b = t, b_port = tp;
    }
    n = eve_put_be16(in, n, seed);
    memcpy(in + n, a->bytes, len);
    memcpy(in + n + len, b->bytes, len);
    n += 2 * len;
    in[n++] = l4proto;
    in[n++] = 0;
    if (l4proto == 6 || l4proto == 17 || l4proto == 132)
        n = eve_put_be16(in, eve_put_be16(in, n, a_port), b_port);
    gcry_md_hash_buffer(GCRY_MD_SHA1, digest, in, n);
    out[0] = '1';
    out[1] = ':';
    sodium_bin2base64(out + 2, EVE_COMMUNITY_ID_LEN - 2, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);
    return out;
}

/* Leakwatch decoder names and nDPI labels (their master part) that Suricata names. */
static const struct {
    const char *name, *suricata;
} eve_names[] = {
    {"HTTP", "http"},          {"HTTP_Connect", "http"},  {"HTTP_Proxy", "http"},   {"HTTP2", "http2"},
    {"TLS", "tls"},            {"SMTPS", "tls"},          {"IMAPS", "tls"},         {"POPS", "tls"},
    {"SSH", "ssh"},            {"SMTP", "smtp"},          {"IMAP", "imap"},         {"POP3", "pop3"},
    {"IRC", "irc"},            {"XMPP", "jabber"},        {"Jabber", "jabber"},     {"MQTT", "mqtt"},
    {"WebSocket", "websocket"}, {"SIP", "sip"},           {"DNS", "dns"},           {"QUIC", "quic"},
    {"FTP_CONTROL", "ftp"},    {"FTP_DATA", "ftp-data"},  {"Telnet", "telnet"},     {"SMBv1", "smb"},
    {"SMBv23", "smb"},         {"DCE_RPC", "dcerpc"},     {"NTP", "ntp"},           {"TFTP", "tftp"},
    {"Kerberos", "krb5"},      {"DHCP", "dhcp"},          {"SNMP", "snmp"},         {"RDP", "rdp"},
    {"VNC", "rfb"},            {"PostgreSQL", "pgsql"},   {"Modbus", "modbus"},     {"DNP3", "dnp3"},
    {"NFS", "nfs"},            {"LDAP", "ldap"},
};

const char *eve_app_proto(const char *name, char *buf, size_t len)
{
    if (!name || !*name)
        name = "Unknown";
    size_t master = strcspn(name, ".");
    for (size_t i = 0; i < LW_ARRAY_LEN(eve_names); i++)
        if (strlen(eve_names[i].name) == master && strncasecmp(eve_names[i].name, name, master) == 0) {
            lw_strlcpy(buf, eve_names[i].suricata, len);
            return buf;
        }
    size_t n = 0;
    for (; n + 1 < len && n < master; n++)
        buf[n] = (char)tolower((unsigned char)name[n]);
    if (len)
        buf[n] = '\0';
    return buf;
}
