import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  UnknownRow,
} from 'kysely';

/**
 * Holds one process's outbox read back until `release` is called, and reports its claims: the
 * interleaving of two processes where the other one sends and fails in between, made certain.
 * The first SELECT that finds rows is held (the sender's due query); `claims` gets the rows its
 * first UPDATE (the claim of what it read) changed.
 */
export function staleReader() {
  const kinds = new WeakMap<object, string>();
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let read!: () => void;
  const hasRead = new Promise<void>((resolve) => {
    read = resolve;
  });
  const claims: number[] = [];
  let held = false;
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs) {
      kinds.set(args.queryId, args.node.kind);
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const kind = kinds.get(args.queryId);
      if (kind === 'SelectQueryNode' && !held && args.result.rows.length > 0) {
        held = true;
        read();
        await released;
      }
      if (kind === 'UpdateQueryNode' && claims.length === 0) claims.push(Number(args.result.numAffectedRows ?? 0));
      return args.result;
    },
  };
  return { plugin, hasRead, release, claims };
}
