import type { SchemaModel } from '../schema/schema-model.js';
import { Bookkeeping } from '../runner/bookkeeping.js';
import type { Project } from './project.js';

/** The database's schema (bookkeeping tables left out) and the revisions it is at, in one session. */
export async function readLiveSchema(project: Project): Promise<{ model: SchemaModel; heads: string[] }> {
  const dialect = await project.dialect();
  const conn = await project.connect({ readOnly: true });
  if (!conn) return { model: { tables: [] }, heads: [] };
  try {
    const books = new Bookkeeping(conn, dialect);
    const heads = (await books.exists()) ? await books.heads() : [];
    return { model: await dialect.introspect(conn), heads };
  } finally {
    await conn.close();
  }
}
