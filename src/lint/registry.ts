import type { LintRule } from './rule.js';
import { columnTypeChange } from './rules/column-type-change.js';
import { constraintWithoutNotValid } from './rules/constraint-without-not-valid.js';
import { criticalWithoutDataTest } from './rules/critical-without-data-test.js';
import { criticalWithoutDown } from './rules/critical-without-down.js';
import { dropColumn } from './rules/drop-column.js';
import { dropTable } from './rules/drop-table.js';
import { indexWithoutConcurrently } from './rules/index-without-concurrently.js';
import { invalidIgnore } from './rules/invalid-ignore.js';
import { missingDependency } from './rules/missing-dependency.js';
import { missingLockTimeout } from './rules/missing-lock-timeout.js';
import { multipleHeavyLocks } from './rules/multiple-heavy-locks.js';
import { mysqlAlterCopy } from './rules/mysql-alter-copy.js';
import { notNullColumnWithoutDefault } from './rules/not-null-column-without-default.js';
import { preferBigintIdentity } from './rules/prefer-bigint-identity.js';
import { renameColumn } from './rules/rename-column.js';
import { renameTable } from './rules/rename-table.js';
import { revisionTexts } from './rules/revision-texts.js';
import { secretInScript } from './rules/secret-in-script.js';
import { setNotNull } from './rules/set-not-null.js';
import { sqliteTableRebuild } from './rules/sqlite-table-rebuild.js';
import { unclassifiedPersonalColumn } from './rules/unclassified-personal-column.js';
import { uniqueWithoutUsingIndex } from './rules/unique-without-using-index.js';
import { unparsableSql } from './rules/unparsable-sql.js';
import { unusedIgnore } from './rules/unused-ignore.js';
import { volatileDefaultRewrite } from './rules/volatile-default-rewrite.js';

/**
 * Every lint rule, in the order of their codes. Adding a rule is one file in rules/, one page in
 * docs/rules/ and one line here.
 */
export const RULES: readonly LintRule[] = [
  unparsableSql,
  unusedIgnore,
  invalidIgnore,
  notNullColumnWithoutDefault,
  volatileDefaultRewrite,
  columnTypeChange,
  renameColumn,
  renameTable,
  dropColumn,
  dropTable,
  indexWithoutConcurrently,
  constraintWithoutNotValid,
  setNotNull,
  uniqueWithoutUsingIndex,
  preferBigintIdentity,
  missingLockTimeout,
  multipleHeavyLocks,
  mysqlAlterCopy,
  sqliteTableRebuild,
  revisionTexts,
  criticalWithoutDown,
  criticalWithoutDataTest,
  missingDependency,
  secretInScript,
  unclassifiedPersonalColumn,
];
