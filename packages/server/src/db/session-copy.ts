import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import type { DbKind } from './kind.ts';

/**
 * A table of a child table's rows (events, accepted offers) with the columns of their session copied
 * beside them, so that a rollup (db/rollup.ts) can count them by the session's site, flow and day
 * without a join. Triggers keep it equal, in the writer's transaction, to
 *
 *   select distinct c.session_id, c.<childColumns>, s.<sessionColumns>
 *   from <child> c join sessions s on s.id = c.session_id where <when c>
 *
 * whoever writes the child or `sessions` (the routes, the demo's history, erasure, hand-written SQL):
 * a child row stored adds its row (`on conflict do nothing`: a second child row with the same values
 * adds nothing), a child row deleted removes it unless another child row still gives it, a session
 * deleted removes its rows, and a session stored, or changed in a copied column, takes them from its
 * child rows. The copy's primary key is the session and the child columns, so the copied session
 * columns are the only ones that can change, and they change with the session.
 *
 * A writer reads the session row without locking it, and waits on another only when both store the
 * same copy row at once (two storing two such rows in opposite orders can deadlock: Postgres aborts
 * one, and ingest's group commit retries its writes one at a time). The one race it does not close
 * (Postgres; SQLite has one writer at a time): a child row stored by a transaction that overlaps the
 * deletion of its session stays, with its copy.
 */
export interface SessionCopySpec {
  readonly table: string;
  readonly child: string;
  /** Copied from the child row; with `session_id`, the primary key. */
  readonly childColumns: readonly string[];
  /** Copied from the session. */
  readonly sessionColumns: readonly string[];
  /** The condition on a child row (`row` is `new`, `old` or an alias) for it to be copied. */
  readonly when: (row: string) => string;
}

const columns = (spec: SessionCopySpec) => ['session_id', ...spec.childColumns, ...spec.sessionColumns].join(', ');
const sameChild = (spec: SessionCopySpec, left: string, right: string) =>
  ['session_id', ...spec.childColumns].map((c) => `${left}.${c} = ${right}.${c}`).join(' and ');

/** The copy of a child row just stored (`new`), if its session exists. */
const addChild = (spec: SessionCopySpec, condition = 'true') =>
  `insert into ${spec.table} (${columns(spec)})
   select s.id, ${spec.childColumns.map((c) => `new.${c}`).join(', ')}, ${spec.sessionColumns.map((c) => `s.${c}`).join(', ')}
   from sessions s where s.id = new.session_id and ${condition}
   on conflict do nothing;`;

/** The copy of a child row just deleted (`old`), unless another child row gives the same copy. */
const dropChild = (spec: SessionCopySpec, condition = 'true') =>
  `delete from ${spec.table} where ${sameChild(spec, spec.table, 'old')} and ${condition}
   and not exists (select 1 from ${spec.child} c where ${sameChild(spec, 'c', 'old')} and ${spec.when('c')});`;

/** Every copy of a session (`new`), from the child rows stored before it (or before it changed). */
const addSession = (spec: SessionCopySpec) =>
  `insert into ${spec.table} (${columns(spec)})
   select distinct new.id, ${spec.childColumns.map((c) => `c.${c}`).join(', ')}, ${spec.sessionColumns.map((c) => `new.${c}`).join(', ')}
   from ${spec.child} c where c.session_id = new.id and ${spec.when('c')}
   on conflict do nothing;`;
const dropSession = (spec: SessionCopySpec) => `delete from ${spec.table} where session_id = old.id;`;

function triggers(spec: SessionCopySpec, kind: DbKind): readonly string[] {
  const { table, child } = spec;
  const sessionColumns = ['id', ...spec.sessionColumns];
  // `is not` is SQLite's null-safe inequality.
  const changed = (differs: string) => sessionColumns.map((c) => `old.${c} ${differs} new.${c}`).join(' or ');
  if (kind === 'sqlite') {
    return [
      `create trigger ${table}_child_insert after insert on ${child} when ${spec.when('new')}
        begin ${addChild(spec)} end`,
      `create trigger ${table}_child_delete after delete on ${child} when ${spec.when('old')}
        begin ${dropChild(spec)} end`,
      // Any column the condition reads may change: no `update of`, only the condition.
      `create trigger ${table}_child_update after update on ${child} when ${spec.when('old')} or ${spec.when('new')}
        begin ${dropChild(spec, spec.when('old'))} ${addChild(spec, spec.when('new'))} end`,
      `create trigger ${table}_session_insert after insert on sessions begin ${addSession(spec)} end`,
      `create trigger ${table}_session_delete after delete on sessions begin ${dropSession(spec)} end`,
      `create trigger ${table}_session_update after update of ${sessionColumns.join(', ')} on sessions
        when ${changed('is not')} begin ${dropSession(spec)} ${addSession(spec)} end`,
    ];
  }
  return [
    `create function ${table}_from_child() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and ${spec.when('old')} then ${dropChild(spec)} end if;
        if tg_op in ('INSERT', 'UPDATE') and ${spec.when('new')} then ${addChild(spec)} end if;
        return null;
      end $$`,
    // The WHEN clauses keep the child rows that are never copied from calling the function at all.
    `create trigger ${table}_child_insert after insert on ${child}
      for each row when (${spec.when('new')}) execute function ${table}_from_child()`,
    `create trigger ${table}_child_delete after delete on ${child}
      for each row when (${spec.when('old')}) execute function ${table}_from_child()`,
    `create trigger ${table}_child_update after update on ${child}
      for each row when ((${spec.when('old')}) or (${spec.when('new')})) execute function ${table}_from_child()`,
    `create function ${table}_from_session() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then ${dropSession(spec)} end if;
        if tg_op in ('INSERT', 'UPDATE') then ${addSession(spec)} end if;
        return null;
      end $$`,
    `create trigger ${table}_session_insert_delete after insert or delete on sessions
      for each row execute function ${table}_from_session()`,
    `create trigger ${table}_session_update after update of ${sessionColumns.join(', ')} on sessions
      for each row when (${changed('is distinct from')}) execute function ${table}_from_session()`,
  ];
}

/**
 * Creates the copy table (`types` gives each column's type; text if absent), fills it from the rows
 * already stored, and adds its triggers. Its rollup is created by the caller (db/rollup.ts).
 */
export async function createSessionCopy(
  db: Kysely<unknown>,
  kind: DbKind,
  spec: SessionCopySpec,
  types: Readonly<Record<string, 'double precision'>> = {},
): Promise<void> {
  const key = ['session_id', ...spec.childColumns];
  let table: CreateTableBuilder<string, string> = db.schema.createTable(spec.table);
  for (const column of key) table = table.addColumn(column, 'text', (c) => c.notNull());
  for (const column of spec.sessionColumns) table = table.addColumn(column, types[column] ?? 'text');
  await table
    .addPrimaryKeyConstraint(`${spec.table}_pk`, key)
    // The primary key is the only way rows are found: SQLite stores the table in it.
    .$call((t) => (kind === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
  await sql
    .raw(
      `insert into ${spec.table} (${columns(spec)})
       select distinct c.session_id, ${spec.childColumns.map((c) => `c.${c}`).join(', ')}, ${spec.sessionColumns.map((c) => `s.${c}`).join(', ')}
       from ${spec.child} c join sessions s on s.id = c.session_id where ${spec.when('c')}`,
    )
    .execute(db);
  for (const statement of triggers(spec, kind)) await sql.raw(statement).execute(db);
}

/** Removes a copy: its triggers (and, on Postgres, their functions) and its table. */
export async function dropSessionCopy(db: Kysely<unknown>, kind: DbKind, { table, child }: SessionCopySpec) {
  const statements =
    kind === 'sqlite'
      ? ['child_insert', 'child_delete', 'child_update', 'session_insert', 'session_delete', 'session_update'].map(
          (name) => `drop trigger if exists ${table}_${name}`,
        )
      : [
          ...['child_insert', 'child_delete', 'child_update'].map(
            (name) => `drop trigger if exists ${table}_${name} on ${child}`,
          ),
          ...['session_insert_delete', 'session_update'].map(
            (name) => `drop trigger if exists ${table}_${name} on sessions`,
          ),
          `drop function if exists ${table}_from_child()`,
          `drop function if exists ${table}_from_session()`,
        ];
  for (const statement of statements) await sql.raw(statement).execute(db);
  await db.schema.dropTable(table).ifExists().execute();
}
