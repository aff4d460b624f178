/**
 * Keeps secrets and bound values out of logs, messages and the audit trail.
 */

/** Removes the password from a connection URL: `postgres://u:secret@h/db` → `postgres://u:***@h/db`. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)([^@]*)@/i, '$1***@');
}

/**
 * Replaces every bound value that appears in a database message (PostgreSQL quotes the offending
 * input in some errors) so that no value reaches an error message or a log.
 */
export function redactValues(message: string, params: readonly unknown[] | undefined): string {
  if (!params || params.length === 0) return message;
  let out = message;
  for (const p of params) {
    if (p === null || p === undefined || typeof p === 'boolean') continue;
    const text = typeof p === 'object' ? JSON.stringify(p) : String(p);
    if (text.length < 2) continue;
    out = out.split(text).join('[redacted]');
  }
  return out;
}
