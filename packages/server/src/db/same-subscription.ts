import { type Expression, type ExpressionBuilder, type SqlBool, type StringReference, sql } from 'kysely';

/**
 * "The same subscription" as `subscriptionId` (a session's), for a row's `subscription_id` column:
 * equal, or both null (a token without `sid`: the customer's only subscription). SQL's `=` is never
 * true for null, hence two forms (`IS NOT DISTINCT FROM` would be one, but keeps Postgres off the
 * column's index). `column` as the query names it, with its table's alias: `s.subscription_id`.
 */
export function sameSubscription<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: StringReference<DB, TB>,
  subscriptionId: string | null,
): Expression<SqlBool> {
  // Written with `sql` because Kysely cannot type the right-hand side of a comparison on a column of a
  // generic table; `eb.ref` still checks the column against the query's tables.
  const ref = eb.ref(column);
  return subscriptionId === null ? sql<SqlBool>`${ref} is null` : sql<SqlBool>`${ref} = ${subscriptionId}`;
}
