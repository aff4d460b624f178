/**
 * The operation conformance suite: every operation kind applied on a real database of every
 * available dialect, introspected, inverted, and introspected again to the identical schema.
 * The suites live in ./operations/ and share one database per dialect.
 */
import { alterColumnOperations } from './operations/alter-column.js';
import { columnOperations } from './operations/columns.js';
import { commentOperations } from './operations/comments.js';
import { constraintOperations } from './operations/constraints.js';
import { dataOperations } from './operations/data.js';
import { indexOperations, schemaQualifiedNames } from './operations/indexes.js';
import { tableOptionOperations } from './operations/table-options.js';
import { tableOperations } from './operations/tables.js';
import { conformanceSuites } from './support/database-under-test.js';

conformanceSuites('operation conformance', [
  tableOperations,
  tableOptionOperations,
  columnOperations,
  alterColumnOperations,
  indexOperations,
  schemaQualifiedNames,
  constraintOperations,
  dataOperations,
  commentOperations,
]);
