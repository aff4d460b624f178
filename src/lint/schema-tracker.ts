import type { Change, ColumnFacts, LocatedChange, SchemaKnowledge } from './change.js';
import type { RawChange } from './revision-facts.js';

interface TableState {
  readonly columns: Map<string, ColumnFacts>;
  /** CHECK constraints by name: the column a `col IS NOT NULL` check covers, and whether it is validated. */
  readonly checks: Map<string, { column?: string; validated: boolean }>;
  /** Columns in keys and indexes, as far as the linter saw them. */
  readonly keyed: Set<string>;
  hasIndexes: boolean;
}

/** Lower-case, unquoted, without the `public.` schema: how names are compared. */
export function nameKey(name: string): string {
  return name.replace(/["`[\]]/g, '').replace(/^public\./i, '').toLowerCase();
}

/**
 * Follows the schema through the revisions, in graph order, so the rules know what existed before
 * a change: whether its table was created in the same revision (and so holds no rows), a column's
 * type before it is changed, which table an index belongs to, which NOT NULL checks are validated.
 */
export class SchemaTracker {
  readonly #tables = new Map<string, TableState>();
  readonly #indexTables = new Map<string, string>();

  /** Annotates the changes of one revision and applies them. */
  annotate(changes: readonly RawChange[]): LocatedChange[] {
    const created = new Set<string>();
    const indexesHere = new Set<string>();
    const constraintsHere = new Set<string>();
    return changes.map((raw) => {
      const known = this.#knowledge(raw.change, created, indexesHere, constraintsHere);
      this.#apply(raw.change, created, indexesHere, constraintsHere);
      return { ...raw, known };
    });
  }

  #knowledge(c: Change, created: Set<string>, indexesHere: Set<string>, constraintsHere: Set<string>): SchemaKnowledge {
    if (c.kind === 'dropIndex') {
      const indexTable = c.table ?? this.#indexTables.get(nameKey(c.name));
      const newTable = indexesHere.has(nameKey(c.name)) || (indexTable !== undefined && created.has(nameKey(indexTable)));
      return { newTable, ...(indexTable ? { indexTable } : {}) };
    }
    if (!('table' in c) || c.table === undefined) return { newTable: false };
    const key = nameKey(c.table);
    const table = this.#tables.get(key);
    const out: { -readonly [K in keyof SchemaKnowledge]: SchemaKnowledge[K] } = { newTable: created.has(key) };
    if ('column' in c && typeof c.column === 'string') {
      const before = table?.columns.get(nameKey(c.column));
      if (before) out.before = before;
      if (c.kind === 'setNotNull') out.notNullCheck = [...(table?.checks.values() ?? [])].some((k) => k.validated && k.column === nameKey(c.column));
      if (c.kind === 'dropColumn') out.columnInvolved = this.#involved(table, c.column);
    }
    if (c.kind === 'validateConstraint') out.addedInRevision = constraintsHere.has(nameKey(c.name));
    return out;
  }

  #involved(table: TableState | undefined, column: string): boolean {
    if (!table) return false;
    const col = table.columns.get(nameKey(column));
    return table.keyed.has(nameKey(column)) || table.checks.size > 0 || table.hasIndexes || Boolean(col?.primaryKey || col?.unique || col?.references);
  }

  #apply(c: Change, created: Set<string>, indexesHere: Set<string>, constraintsHere: Set<string>): void {
    const key = 'table' in c && c.table !== undefined ? nameKey(c.table) : '';
    // A table created outside the revisions is followed from its first change on.
    if (key && c.kind !== 'createTable' && c.kind !== 'dropTable' && !this.#tables.has(key)) {
      this.#tables.set(key, { columns: new Map(), checks: new Map(), keyed: new Set(), hasIndexes: false });
    }
    const table = this.#tables.get(key);
    switch (c.kind) {
      case 'createTable':
        this.#tables.set(key, {
          columns: new Map(c.columns.map((col) => [nameKey(col.name), col])),
          checks: new Map(),
          keyed: new Set(c.primaryKey.map(nameKey)),
          hasIndexes: false,
        });
        created.add(key);
        return;
      case 'dropTable':
        this.#tables.delete(key);
        return;
      case 'renameTable':
        if (table) this.#tables.set(nameKey(c.to), table);
        this.#tables.delete(key);
        if (created.has(key)) created.add(nameKey(c.to));
        return;
      case 'addColumn':
        table?.columns.set(nameKey(c.column.name), c.column);
        return;
      case 'dropColumn':
        table?.columns.delete(nameKey(c.column));
        return;
      case 'renameColumn': {
        const col = table?.columns.get(nameKey(c.column));
        table?.columns.delete(nameKey(c.column));
        if (col) table?.columns.set(nameKey(c.to), { ...col, name: c.to });
        return;
      }
      case 'alterColumnType':
      case 'setNotNull':
      case 'dropNotNull':
        this.#updateColumn(table, c);
        return;
      case 'createIndex':
        this.#indexTables.set(nameKey(c.name), c.table);
        indexesHere.add(nameKey(c.name));
        // An expression (`lower(email)`) counts every name in it; unknown columns count every column.
        if (c.columns) for (const col of c.columns) for (const word of col.match(/[A-Za-z_][\w$]*/g) ?? []) table?.keyed.add(nameKey(word));
        else if (table) table.hasIndexes = true;
        return;
      case 'dropIndex':
        this.#indexTables.delete(nameKey(c.name));
        return;
      case 'addConstraint':
        constraintsHere.add(nameKey(c.name));
        if (c.constraint === 'check') table?.checks.set(nameKey(c.name), { column: c.notNullColumn && nameKey(c.notNullColumn), validated: !c.notValid });
        for (const col of c.columns) table?.keyed.add(nameKey(col));
        return;
      case 'validateConstraint': {
        const check = table?.checks.get(nameKey(c.name));
        if (check) check.validated = true;
        return;
      }
      case 'dropConstraint':
        table?.checks.delete(nameKey(c.name));
        return;
      default:
        return;
    }
  }

  #updateColumn(table: TableState | undefined, c: Extract<Change, { kind: 'alterColumnType' | 'setNotNull' | 'dropNotNull' }>): void {
    const col = table?.columns.get(nameKey(c.column));
    if (!table || !col) return;
    const next = c.kind === 'alterColumnType' ? { ...col, type: c.type } : { ...col, notNull: c.kind === 'setNotNull' };
    table.columns.set(nameKey(c.column), next);
  }
}
