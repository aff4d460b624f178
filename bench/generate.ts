/** Writes N generated revisions (each creates a table and an index) into a new project folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function revisionId(i: number): string {
  return (0xb00000000000 + i).toString(16);
}

/** The DDL of revision i, as the baseline runs it. */
export function baselineDdl(i: number): string[] {
  return [
    `CREATE TABLE "bench_${i}" ("id" bigint NOT NULL, "name" text NOT NULL, "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT "bench_${i}_pkey" PRIMARY KEY ("id"))`,
    `CREATE INDEX "bench_${i}_name_idx" ON "bench_${i}" ("name")`,
  ];
}

export function generateProject(dir: string, count: number): void {
  const versions = join(dir, 'migrations', 'versions');
  mkdirSync(versions, { recursive: true });
  for (let i = 0; i < count; i++) {
    const down = i === 0 ? 'null' : JSON.stringify(revisionId(i - 1));
    writeFileSync(
      join(versions, `${revisionId(i)}_bench_${i}.ts`),
      `import { defineMigration } from 'dihya-migrate';
export default defineMigration({
  revision: '${revisionId(i)}',
  downRevision: ${down},
  message: 'bench table ${i}',
  purpose: 'benchmark', impact: 'one table and one index', rollback: 'drops them',
  async up(op) {
    op.createTable('bench_${i}', {
      id: { type: 'bigint', primaryKey: true },
      name: { type: 'text', notNull: true },
      created_at: { type: 'timestamp', notNull: true, default: { sql: 'CURRENT_TIMESTAMP' } },
    });
    op.createIndex('bench_${i}', ['name']);
  },
  async down(op) { op.dropTable('bench_${i}'); },
});
`,
    );
  }
}
