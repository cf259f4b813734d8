/**
 * Where the docs are for a CLI installed from npm, which has no docs/ folder: a help text that says
 * "docs/server.md" sends its reader to a file they do not have.
 */
const DOCS = 'https://github.com/cancelflow/cancelflow/blob/main/docs';

export const MAIN_HELP = `cancelflow: validate flow configs, print the JSON Schema, mint test tokens, run the server.

Usage:
  cancelflow validate <files...> [--profile <id>]   check flow configs (exit 0 valid, 1 invalid, 2 usage)
  cancelflow schema                                 print the flow config JSON Schema
  cancelflow token --secret S --site ID --sub C [options]   print a signed subscriber token (HS256 JWT)
  cancelflow serve [--port N] [--db FILE] [--sites FILE]   start the reference server
  cancelflow demo [--port N]                        a demo account page, server, flow and sample data
  cancelflow copy-db --from FILE --to URL           copy a SQLite database into Postgres (scaling out)

Options:
  -h, --help      show help (also: cancelflow <command> --help)
  -v, --version   print the version

Docs (the same as docs/ in a checkout of the repository):
  ${DOCS}/cli.md      the commands
  ${DOCS}/config.md   the flow config
`;

export const VALIDATE_HELP = `Usage: cancelflow validate <files...> [--profile <id>]...

Checks each flow config: JSON syntax, the schema, references between ids, translations,
step order, and the compliance profiles it declares ("compliance") plus those given here;
warns when "$schema" (for editors) reaches no file or another version's schema.
Each problem is printed as:  file:line:col path.to.field message

Options:
  -p, --profile <id>   also check a compliance profile: us-ftc, us-ca, us-mn, de, fr, eu
                       (repeat it, or separate ids with commas)
  -h, --help           show this help

Exit codes: 0 all valid (warnings allowed), 1 any invalid or unreadable, 2 usage error.
`;

export const SCHEMA_HELP = `Usage: cancelflow schema

Prints the JSON Schema of a flow config (draft 2020-12) to stdout, e.g.
  cancelflow schema > flow.schema.json
and point "$schema" in your flow at it for editor completion.
`;

export const TOKEN_HELP = `Usage: cancelflow token --secret <secret> --site <id> --sub <customer> [--claim key=value]... [--ttl <seconds>]

Prints a subscriber token: a JWT signed with HS256 and the shared secret, as your server
would mint it. Claims are checked against the token schema.

Options:
  --secret <secret>    the shared secret (at least 32 characters recommended); or set
                       CANCELFLOW_SECRET. One that starts with "-": --secret=-...
  --site <id>          the site id (claim "iss"), which the reference server requires
  --sub <id>           the customer id (claim "sub")
  --claim key=value    another claim; repeat for more. Numbers and true/false are typed
                       (mrr=49 is a number, trial=true a boolean); attrs.<name>=v sets a
                       custom attribute. Standard claims: sid, plan, mrr, currency, since,
                       country, region, trial, trialEnds, periodEnd, lastPaymentOn,
                       lastPaymentAmount, price, locale (not sub, iss, exp, iat: the options
                       set those)
  --ttl <seconds>      lifetime, 1 to 86400 (24 h); "exp" is now + ttl (default 3600)
  -h, --help           show this help

Example:
  cancelflow token --secret "$CANCELFLOW_SECRET" --site acme --sub cus_42 --claim plan=pro \\
    --claim mrr=49 --claim country=US --claim attrs.seats=5
`;

export const SERVE_HELP = `Usage: cancelflow serve [--port N] [--host H] [--db FILE] [--sites FILE] [--widget-dir DIR]

Starts the reference server (@cancelflow/server) in the foreground; Ctrl-C stops it gracefully.
Options win over the CANCELFLOW_* environment variables (all of them: the docs below), e.g.
CANCELFLOW_ADMIN_KEY.

Options:
  -p, --port <n>        port to listen on (default 8787; 0 picks a free one)
      --host <host>     interface to bind (default 127.0.0.1; 0.0.0.0 in a container)
      --db <file>       SQLite file or postgres:// URL (default .data/cancelflow.sqlite)
      --sites <file>    the sites file: secrets, origins, flows, billing (the docs below)
      --widget-dir <d>  serve the widget's built files from here (default: the built widget
                        next to this CLI, if any) at /cancelflow.js and /cancelflow-ui.js;
                        false: the widget is served from elsewhere (none served, no warning)
  -h, --help            show this help

Docs: ${DOCS}/server.md
`;

export const COPY_DB_HELP = `Usage: cancelflow copy-db --from <sqlite file> --to <postgres://… or file>

Copies everything the reference server stored in a SQLite file (sessions, events, decisions,
feedback, mail and webhook outboxes, flow versions, billing facts, the audit log) into a new,
empty database, usually Postgres when moving to several server processes.
Both are first brought to the current schema. The target is written in one transaction: a copy
that fails leaves it empty. Stop the server that uses the SQLite file first: a file a server
still holds is refused (to rehearse while it runs, copy a backup of the file instead).

Options:
  --from <file>   the SQLite file a server used (--db / CANCELFLOW_DB)
  --to <url>      postgres://user:password@host/db (or a new SQLite file)
  -h, --help      show this help

Exit codes: 0 copied, 1 the copy failed or a server holds the file (nothing written), 2 usage error.

Docs: ${DOCS}/scaling.md#from-sqlite-to-postgres
`;

export const DEMO_HELP = `Usage: cancelflow demo [--port N] [--server-port N] [--data DIR] [--sessions N] [--flow FILE] [--billing B]
                      [--stripe-port N]

Runs the demo: the reference server on a fresh SQLite file with a demo site (its secret and
admin key generated now and printed), a demo flow, demo subscribers and a SAMPLE history of past
sessions, and a demo account page with a subscriber switcher. Ctrl-C stops it.

Options:
  -p, --port <n>         the account page's port (default 5173; 0 picks a free one)
      --server-port <n>  the reference server's port (default 8787; 0 picks a free one)
      --data <dir>       where the demo's files go, emptied first (default .data/demo)
      --sessions <n>     how many SAMPLE past sessions to generate (default 3000; 0 for none)
      --flow <file>      the flow to run (default: the demo flow, examples/flows/demo.json in a
                         checkout, or the copy in @cancelflow/cli's dist/flows once installed)
      --billing <b>      demo (the server's own ledger, default) or stripe-sim (the stripe
                         plugin against a simulated Stripe on loopback; the docs below)
      --stripe-port <n>  the simulated Stripe's port with stripe-sim (default 0: a free one)
  -h, --help             show this help

Docs: ${DOCS}/getting-started.md, with stripe-sim ${DOCS}/billing.md
`;
