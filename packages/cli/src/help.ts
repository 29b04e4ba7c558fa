export const HELP = `impact — what breaks, where and when, if this Terraform change lands

Usage
  impact <plan.json> [more.json …] --estate <dir|snapshot> [options]   same as \`impact plan\`
  impact plan <plan.json> [more.json …] --estate <dir|snapshot|url> [options]
  impact query <node-id|name|address|ARN> --estate <dir|snapshot|url> [--action delete|replace]
  impact ingest <estate-dir|source-url> [--out snapshot.json] [--bucket <name>] [--store <dir|url>]
  impact findings --estate <dir|snapshot|url> [--rule <id>=off|warn|error|info …]
  impact serve [--estate <dir|snapshot|source-url>] [--watch 30s] [--host 127.0.0.1] [--port 7300]
               [--allowed-host <name> …] [--store <dir|url> | --no-store] [--alert-webhook <url> …]
  impact diff <old> <new> [--format text|markdown|json[=<file>]] [--fail-on-change]

Commands
  plan     What a plan (\`terraform show -json plan.out > plan.json\`) breaks across the estate.
  query    Blast radius of deleting or replacing one node: a node id
           (<workspace>::<address>, e.g. platform/secrets::aws_secretsmanager_secret.orders_db),
           a secret or parameter name (prod/orders/db), an ARN, an address or its last part
           (orders_db), or a piece of a name; --workspace narrows a name several share.
  ingest   Read an estate (impact.yaml, or every *.tfstate below the directory) and report what
           was ingested, linked and left unresolved; --out writes a snapshot for --estate;
           --store records it as a version of the history a server keeps (and raises its alerts).
  findings Secret hygiene findings across the estate (rotation, values in state, hard-coded
           values, shared values, recovery windows vs schedules, wildcard and cross-account
           access, …); each rule is documented in docs/rules/<id>.md. Exit 1 on an error finding.
  serve    The REST API and the web dashboard at http://127.0.0.1:7300 (without --estate: the
           fixture estate in a checkout of the repository; the installed package needs one).
           Binding beyond loopback needs $IMPACT_TOKEN (bearer token);
           $IMPACT_RATE_LIMIT sets requests per minute per client (default 600).
           Keeps the estate's history and, with --watch (or at each POST /api/ingest), alerts
           on deleted secrets (see --store).
  diff     What changed between two estates, each a snapshot file or an estate directory:
           secrets, parameters and KMS keys created, deleted (with the old recovery window and
           consumers), replaced, their recovery window, rotation and consumers; then workspaces,
           resources and edges added, removed or changed. Never a value. Exit 0 when compared
           (1 with --fail-on-change when anything differs).

Options
  --estate <path|url>    Estate directory, snapshot file, or the URL of a running impact server
                         (default: $IMPACT_ESTATE; $IMPACT_TOKEN is sent as a bearer token); or
                         where the states live: s3://bucket[/prefix], gs://bucket[/prefix],
                         azblob://account/container[/prefix], tfc://organization[/glob],
                         tfe://host/organization[/glob] (credentials as each cloud's own tools
                         read them; HCP Terraform: $TF_TOKEN_<host>). impact.yaml may list several
                         under sources:. Nothing fetched is written to disk.
  --bucket <name>        A directory without impact.yaml mirrors this S3 bucket (aws s3 sync): s3
                         remote-state readers of it resolve by key (default: the directory's name,
                         when a reader names it).
  --watch <interval>     serve: poll every source this often (30s, 5m; default off); a change is
                         re-ingested incrementally and the new graph swapped in (GET /api/events).
  --store <dir|url>      serve, ingest: where the history is kept: a directory (an embedded
                         PostgreSQL, created if missing; serve's default is .impact/ here) or a
                         postgres:// URL several servers share ($IMPACT_STORE). Each change becomes a
                         version; a secret gone from a state raises an alert with its restore deadline.
  --no-store             serve: keep no history.
  --alert-webhook <url>  serve, ingest: POST each deletion alert here once, as JSON with a Slack-compatible
                         text (repeatable; $IMPACT_ALERT_WEBHOOK, comma-separated).
  --workspace <name>     Workspace the plan belongs to (default: inferred from its prior_state); a
                         workspace the estate does not know is analysed from the plan's prior state.
                         query: only nodes of this workspace.
  --action <a>           query: delete (default) or replace.
  --recovery-window <d>  query: assume this recovery window (0, or 7 to 30 days) instead of the secret's.
  --now <ISO time>       Reference time for schedules and recovery windows (default: now).
  --format <f>[=<file>]  text (default), markdown (md), json, sarif or github; repeat with =<file> to
                         write several formats in one run (the text summary then stays on stdout).
  --output <file>        Write the report without =<file> to this file instead of stdout.
  --fail-on <s>          irrecoverable | breaks (default) | degraded | info | never.
  --limit <n>            Impacts listed at most, worst first (1–5000; default all; as the API's
                         limit); the summary still counts every one.
  --depth <n>            Hops at most (1–100; default: unlimited).
  --rule <id>=<level>    findings: off, info, warn or error for one rule (repeatable).
  --host <h>, --port <p> serve: where to listen (default 127.0.0.1:7300).
  --allowed-host <name>  serve: also answer requests for this Host (name, or name:port), e.g. a
                         reverse proxy's name; repeatable, or $IMPACT_ALLOWED_HOSTS (comma-separated).
                         Other Host names are refused (DNS rebinding).
  --fail-on-change       diff: exit 1 when the two estates differ.
  --quiet                No progress on stderr.
  --workers <n>          Worker threads that parse and link state files of an estate directory
                         (default 0). Measured slower on 2 cores; try it where there are more.
  -h, --help             This help.   -v, --version   The version.

Exit codes
  0  nothing at or above --fail-on is impacted; diff: the estates were compared
  1  something at or above --fail-on is impacted; diff --fail-on-change: the estates differ
  2  nothing was analysed: unreadable or binary plan, unknown format, estate missing or empty, a broken
     impact.yaml, a source that cannot be read (unreachable, denied, throttled, a partial listing),
     a --workspace that holds none of the plan's resources, bad flags

Examples
  impact plan plan.json --estate fixtures/estate --now 2026-12-02T00:00:00Z
  impact query prod/orders/db --estate fixtures/estate --action replace
  impact ingest fixtures/estate --out estate.json && impact plan.json --estate estate.json --format json
  impact plan.json --estate estate.json --format markdown=comment.md --format sarif=impact.sarif
  impact plan.json --estate s3://acme-tfstate        # every state in the bucket, read in memory
  impact ingest fixtures/terragrunt                  # a Terragrunt tree: each unit is a workspace
  impact serve --estate s3://acme-tfstate --watch 1m # stay current; /api/events says when
  impact serve --watch 1m --alert-webhook https://hooks.slack.com/services/…   # warn of deleted secrets
  impact ingest s3://acme-tfstate --store postgres://impact@db/impact        # a CI run feeds the history
  impact diff estate.json fixtures/estate --format markdown=diff.md
`;
