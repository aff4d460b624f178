/**
 * Host names reserved for documentation and tests (RFC 2606, RFC 6761) and the loopback host: an
 * address there reaches no real person and a password for it guards no shared server.
 */
const RESERVED_DOMAINS = ['example.com', 'example.org', 'example.net'];
const RESERVED_TLDS = ['test', 'invalid', 'example', 'localhost'];
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);

/** True for `localhost`, loopback addresses, `example.com` (and subdomains) and the `.test`/`.invalid` TLDs. */
export function isReservedHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (LOOPBACK.has(name)) return true;
  if (RESERVED_DOMAINS.some((domain) => name === domain || name.endsWith(`.${domain}`))) return true;
  const tld = name.slice(name.lastIndexOf('.') + 1);
  return RESERVED_TLDS.includes(tld);
}
