import { sha256 } from '../core/hashing.js';
import type { Connection, Dialect, Statement } from '../dialects/dialect.js';

/** The newest row of the trail: where the next one chains on. */
export interface AuditTip {
  readonly id: number;
  readonly hash: string;
}

/** One row of `dihya_audit`. */
export interface AuditEvent {
  readonly id: number;
  readonly at: string;
  readonly event: string;
  readonly revision: string | null;
  readonly durationMs: number | null;
  readonly checksum: string | null;
  readonly actor: string;
  readonly details: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
}

export type NewAuditEvent = Pick<AuditEvent, 'event' | 'revision' | 'durationMs' | 'checksum' | 'actor' | 'details'>;

const GENESIS = '0'.repeat(64);
const COLUMNS = 'id, at, event, revision, duration_ms, checksum, actor, details, prev_hash, hash';
/** Rows per INSERT of {@link AuditTrail.appendAll}: ten bound values each, far below every parameter limit. */
const ROWS_PER_INSERT = 100;

/** The hash of a row covers every field and the previous row's hash: editing or removing any row breaks the chain. */
function rowHash(e: Omit<AuditEvent, 'hash'>): string {
  return sha256(JSON.stringify([e.id, e.at, e.event, e.revision, e.durationMs, e.checksum, e.actor, JSON.stringify(e.details), e.prevHash]));
}

/** The append-only, hash-chained audit trail. Callers hold the migration lock or a write transaction. */
export class AuditTrail {
  constructor(
    private readonly conn: Connection,
    private readonly dialect: Dialect,
  ) {}

  async append(e: NewAuditEvent): Promise<AuditEvent> {
    return (await this.appendAll([e]))[0]!;
  }

  /**
   * Appends several rows, chained one to the next, with one INSERT per hundred rows instead of one
   * each: a bulk request records each person's receipt without a round trip per person.
   */
  async appendAll(events: readonly NewAuditEvent[]): Promise<AuditEvent[]> {
    const out: AuditEvent[] = [];
    let tip = await this.last();
    for (let at = 0; at < events.length; at += ROWS_PER_INSERT) {
      const rows = events.slice(at, at + ROWS_PER_INSERT).map((e) => {
        const { event, statement } = this.prepare(e, tip);
        tip = { id: event.id, hash: event.hash };
        out.push(event);
        return statement.params;
      });
      const p = (n: number) => this.dialect.placeholder(n);
      const values = rows.map((_, r) => `(${Array.from({ length: 10 }, (_, i) => p(r * 10 + i + 1)).join(', ')})`);
      await this.conn.query(`INSERT INTO dihya_audit (${COLUMNS}) VALUES ${values.join(', ')}`, rows.flat());
    }
    return out;
  }

  /** The id and hash of the newest row, which the next row chains to. */
  async last(): Promise<AuditTip> {
    const [last] = await this.conn.query<{ id: number | string; hash: string }>('SELECT id, hash FROM dihya_audit ORDER BY id DESC LIMIT 1');
    return last ? { id: Number(last.id), hash: last.hash.trim() } : { id: 0, hash: GENESIS };
  }

  /** Builds the row that follows `tip`, and the INSERT that writes it. */
  prepare(e: NewAuditEvent, tip: AuditTip): { event: AuditEvent; statement: Statement } {
    const row: Omit<AuditEvent, 'hash'> = { id: tip.id + 1, at: new Date().toISOString(), ...e, prevHash: tip.hash };
    const hash = rowHash(row);
    const p = (n: number) => this.dialect.placeholder(n);
    return {
      event: { ...row, hash },
      statement: {
        sql: `INSERT INTO dihya_audit (${COLUMNS})
       VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(p).join(', ')})`,
        params: [row.id, row.at, row.event, row.revision, row.durationMs, row.checksum, row.actor, JSON.stringify(row.details), row.prevHash, hash],
      },
    };
  }

  async list(since?: Date): Promise<AuditEvent[]> {
    const rows = await this.conn.query<Record<string, unknown>>(
      'SELECT id, at, event, revision, duration_ms, checksum, actor, details, prev_hash, hash FROM dihya_audit ORDER BY id',
    );
    const events = rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at as string).toISOString(),
      event: String(r.event),
      revision: (r.revision as string | null) ?? null,
      durationMs: r.duration_ms === null || r.duration_ms === undefined ? null : Number(r.duration_ms),
      checksum: r.checksum === null || r.checksum === undefined ? null : String(r.checksum).trim(),
      actor: String(r.actor),
      details: parseDetails(r.details),
      prevHash: String(r.prev_hash).trim(),
      hash: String(r.hash).trim(),
    }));
    return since ? events.filter((e) => new Date(e.at) >= since) : events;
  }

  /** Recomputes the chain; each broken link is reported with the row id and why. */
  async verify(): Promise<{ count: number; lastHash: string; problems: Array<{ id: number; problem: string }> }> {
    const events = await this.list();
    const problems: Array<{ id: number; problem: string }> = [];
    let prev = GENESIS;
    let expectedId = 1;
    for (const e of events) {
      if (e.id !== expectedId) problems.push({ id: e.id, problem: `row ${expectedId}${e.id > expectedId + 1 ? `–${e.id - 1}` : ''} is missing` });
      if (e.prevHash !== prev) problems.push({ id: e.id, problem: 'does not follow the previous row (a row before it was changed or removed)' });
      const { hash, ...rest } = e;
      if (rowHash(rest) !== hash) problems.push({ id: e.id, problem: 'its content was changed after it was written' });
      prev = hash;
      expectedId = e.id + 1;
    }
    return { count: events.length, lastHash: prev, problems };
  }
}

function parseDetails(v: unknown): Record<string, unknown> {
  if (v && typeof v === 'object') return v as Record<string, unknown>;
  try {
    return JSON.parse(String(v)) as Record<string, unknown>;
  } catch {
    return { unreadable: String(v) };
  }
}
