/** The two databases the server speaks: one SQLite file (the default) or Postgres. */
export type DbKind = 'sqlite' | 'postgres';
