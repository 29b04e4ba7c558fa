// The JSON the Action's shell scripts need, with nothing but Node (which impact needs anyway):
//   node json.mjs counts <result.json>          severity counts, impacted and worst as name=value lines
//   node json.mjs pr-number <event.json>        the pull request's number, or nothing
//   node json.mjs find-comment <page.json> <marker>   id of the first comment starting with marker
//   node json.mjs length <page.json>            how many items a page of the API's answer holds
//   node json.mjs body <file>                   {"body": <the file's text>}, for the API
import { readFileSync } from 'node:fs';

const [command, file, arg] = process.argv.slice(2);
const read = () => JSON.parse(readFileSync(file, 'utf8'));
const out = (text) => process.stdout.write(text);

switch (command) {
  case 'counts': {
    const { summary } = read();
    for (const [severity, n] of Object.entries(summary.bySeverity)) out(`${severity}=${n}\n`);
    out(`impacted=${summary.impacted}\nworst=${summary.worst ?? ''}\n`);
    break;
  }
  case 'pr-number': {
    const event = read();
    const number = event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
    if (Number.isInteger(number)) out(`${number}\n`);
    break;
  }
  case 'find-comment': {
    const found = read().find((c) => typeof c.body === 'string' && c.body.startsWith(arg));
    if (found) out(`${found.id}\n`);
    break;
  }
  case 'length':
    out(`${read().length}\n`);
    break;
  case 'body':
    out(JSON.stringify({ body: readFileSync(file, 'utf8') }));
    break;
  default:
    process.stderr.write(`json.mjs: unknown command ${command}\n`);
    process.exit(2);
}
