/**
 * How each table with personal data reaches the subject root: real foreign keys first, declared via
 * links where there is none, the shortest chain, the same answer every time; and what the map
 * problems say when it cannot.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildDataMap } from '../../../src/gdpr/data-map.js';
import { mapProblems } from '../../../src/gdpr/map-problems.js';
import type { DataMapConfig } from '../../../src/gdpr/personal-data.js';
import { subjectPaths, type SubjectPaths } from '../../../src/gdpr/subject-paths.js';
import { pathText } from '../../../src/gdpr/inventory.js';
import type { SchemaModel, TableModel } from '../../../src/schema/schema-model.js';

/** A live table: columns by name, foreign keys as `column → table.column`. */
function table(name: string, columns: string[], fks: string[] = []): TableModel {
  return {
    name,
    columns: columns.map((c) => ({ name: c, type: 'integer', notNull: false, default: null, identity: false, comment: null })),
    primaryKey: { name: `${name}_pkey`, columns: ['id'] },
    uniques: [],
    checks: [],
    indexes: [],
    comment: null,
    foreignKeys: fks.map((fk, i) => {
      const [, column, refTable, refColumn] = /^(\w+) → (\w+)\.(\w+)$/.exec(fk)!;
      return { name: `${name}_fk${i}`, columns: [column!], refTable: refTable!, refColumns: [refColumn!], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' };
    }),
  };
}

const personal = { category: 'user.content', strategy: 'delete' } as const;
const users = { personal: { subject: 'id' }, columns: { email: { category: 'user.contact.email', strategy: 'anonymize' } } } as const;

function paths(live: TableModel[], dataMap: DataMapConfig): { result: SubjectPaths; text: Record<string, string>; problems: string[] } {
  const model: SchemaModel = { tables: live };
  const map = buildDataMap(undefined, dataMap);
  const result = subjectPaths(map, model);
  return {
    result,
    text: Object.fromEntries(result.paths.map((p) => [p.table, pathText(p.steps)])),
    problems: mapProblems(map, model, result),
  };
}

describe('subjectPaths', () => {
  test('a chain of real foreign keys, followed from the referencing table to the referenced one', () => {
    const { result, text, problems } = paths(
      [
        table('users', ['id', 'email']),
        table('orders', ['id', 'user_id'], ['user_id → users.id']),
        table('order_lines', ['id', 'order_id', 'gift_message'], ['order_id → orders.id']),
      ],
      { tables: { users, order_lines: { columns: { gift_message: personal } } } },
    );
    assert.deepEqual(result.root, { table: 'users', column: 'id' });
    assert.deepEqual(text, { order_lines: 'order_lines.order_id → orders.id, orders.user_id → users.id', users: 'subject root' });
    assert.deepEqual(result.paths.find((p) => p.table === 'order_lines')!.steps.map((s) => s.source), ['foreign-key', 'foreign-key']);
    assert.deepEqual(problems, []);
  });

  test('a declared via links a table that has no foreign key, and may continue over real ones', () => {
    const { text, problems } = paths(
      [table('users', ['id', 'email']), table('orders', ['id', 'user_id'], ['user_id → users.id']), table('notes', ['id', 'order_ref', 'body'])],
      { tables: { users, notes: { personal: { via: { column: 'order_ref', references: { table: 'orders', column: 'id' } } }, columns: { body: personal } } } },
    );
    assert.equal(text.notes, 'notes.order_ref → orders.id (declared via), orders.user_id → users.id');
    assert.deepEqual(problems, []);
  });

  test('the shortest chain wins, and a real foreign key wins a tie with a declared via', () => {
    const { text } = paths(
      [
        table('users', ['id', 'email']),
        table('accounts', ['id', 'user_id'], ['user_id → users.id']),
        table('profiles', ['id', 'account_id'], ['account_id → accounts.id']),
        // Two ways out: through profiles and accounts (3 joins), or straight to users (1 join).
        table('messages', ['id', 'profile_id', 'owner_id', 'body'], ['profile_id → profiles.id', 'owner_id → users.id']),
      ],
      { tables: { users, messages: { personal: { via: { column: 'owner_id', references: { table: 'users', column: 'id' } } }, columns: { body: personal } } } },
    );
    assert.equal(text.messages, 'messages.owner_id → users.id');
  });

  test('a table nothing links to is unreachable and reported with what to add', () => {
    const { result, problems } = paths(
      [table('users', ['id', 'email']), table('audit_notes', ['id', 'author'])],
      { tables: { users, audit_notes: { columns: { author: { category: 'user.name', strategy: 'null' } } } } },
    );
    assert.deepEqual(result.unreachable, ['audit_notes']);
    assert.deepEqual(problems, [
      'table audit_notes holds personal data but no foreign key or declared via links it to the subject table users; add a foreign key or personal: { via: { column, references: { table, column } } } to audit_notes',
    ]);
  });

  test('cycles and self-references end, with the same shortest path each time', () => {
    const live = [
      table('users', ['id', 'email', 'referrer_id'], ['referrer_id → users.id']),
      table('teams', ['id', 'lead_id', 'parent_id'], ['lead_id → members.id', 'parent_id → teams.id']),
      table('members', ['id', 'team_id', 'user_id', 'nickname'], ['team_id → teams.id', 'user_id → users.id']),
      // a cycle that never reaches users
      table('a', ['id', 'b_id', 'secret'], ['b_id → b.id']),
      table('b', ['id', 'a_id'], ['a_id → a.id']),
    ];
    const dataMap: DataMapConfig = { tables: { users, teams: { personal: { strategy: 'delete' } }, members: { columns: { nickname: personal } }, a: { columns: { secret: personal } } } };
    const first = paths(live, dataMap);
    assert.deepEqual(first.text, { members: 'members.user_id → users.id', teams: 'teams.lead_id → members.id, members.user_id → users.id', users: 'subject root' });
    assert.deepEqual(first.result.unreachable, ['a']);
    assert.deepEqual(paths([...live].reverse(), dataMap).result, first.result);
  });

  test('no subject root, several, and names the database lacks are problems', () => {
    const none = paths([table('notes', ['id', 'body'])], { tables: { notes: { columns: { body: personal } } } });
    assert.equal(none.result.root, undefined);
    assert.match(none.problems[0]!, /^no table is marked as the subject root; annotate the table of the people the data is about with personal: \{ subject: '<id column>' \}$/);
    const two = paths([table('users', ['id']), table('staff', ['id'])], { tables: { users: { personal: { subject: 'id' } }, staff: { personal: { subject: 'id' } } } });
    assert.deepEqual(two.problems, ['tables staff, users are each marked as the subject root; keep personal.subject on exactly one of them']);
    const missing = paths([table('users', ['id'])], {
      tables: { users: { personal: { subject: 'id' }, columns: { mail: personal } }, ghosts: { columns: { body: personal } } },
    });
    assert.deepEqual(missing.problems, [
      'the personal data map names table ghosts, which the database lacks; fix the name or run `dihya upgrade`',
      'the personal data map names column users.mail, which the database lacks; fix the name or run `dihya upgrade`',
    ]);
  });
});
