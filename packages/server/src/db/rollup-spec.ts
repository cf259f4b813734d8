// The shape of a rollup, apart from db/rollup.ts (which reads the Database type): a table's schema
// module can declare its rollup without importing the module that imports its table types.

/**
 * A rolled-up table: `source` rows counted per `key` into `table` (with `table_delta` and the view
 * `view`), by appending triggers. `session_rollup` is one; `save_rollup` (saves verified against
 * billing, see `saves/schema.ts`) and the offers report's two (see `insights/offer-rollups.ts`) others.
 * Each counts `n` source rows per key; a rollup whose source has an `mrr` column also sums it
 * (`mrr_micros`, `mrr_count`).
 */
export interface RollupSpec {
  readonly source: string;
  readonly table: string;
  readonly view: string;
  readonly key: readonly string[];
  /** Key columns that may be NULL in the source: stored as `''`. */
  readonly nullable: ReadonlySet<string>;
  /** Key columns that are integers (all others are text). */
  readonly integers: ReadonlySet<string>;
  /**
   * Whether the source has an `mrr` column to sum into `mrr_micros` and `mrr_count`. Without one the
   * rollup has no such columns (rather than columns that are always 0).
   */
  readonly mrr: boolean;
  /** The Postgres advisory lock that lets one folder of this rollup run at a time. */
  readonly foldLock: number;
}
