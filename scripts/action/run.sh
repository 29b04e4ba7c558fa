#!/usr/bin/env bash
# The GitHub Action's main step (action.yml): runs impact once with every format, writes the step's
# outputs, keeps one sticky comment on the pull request, and exits as impact did (0 nothing at or
# above fail-on, 1 something is, 2 nothing could be analysed). Inputs come as environment variables:
#   INPUT_PLANS     plan JSON files (terraform show -json), separated by spaces or new lines; globs
#                   (*, **, ?) are expanded; a glob that matches nothing is an error
#   INPUT_ESTATE    estate directory, snapshot or impact server URL (else $IMPACT_ESTATE)
#   INPUT_FAIL_ON   irrecoverable | breaks (default) | degraded | info | never
#   INPUT_COMMENT   true (default) | false: the sticky PR comment
#   INPUT_ARGS      more impact flags, split on spaces (e.g. --workspace app --now 2026-01-01T00:00:00Z)
#   INPUT_OUTPUT_DIR  where the reports go (default $RUNNER_TEMP/impact-report)
#   IMPACT_BIN      the impact binary (default: impact on PATH)
#   GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_API_URL   for the comment
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY   where outputs and the job summary go, when set
# The tests run it locally against the fixture plans, a fake GITHUB_OUTPUT and a fake API.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
impact=${IMPACT_BIN:-impact}
out_dir=${INPUT_OUTPUT_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/impact-report}
fail_on=${INPUT_FAIL_ON:-breaks}
comment=${INPUT_COMMENT:-true}

output() { # name value: a step output, and the log
  echo "$1=$2"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1=$2" >> "$GITHUB_OUTPUT"; fi
}
fail() { # message: cannot even start; exit 2 like impact would
  echo "::error title=impact::$1"
  output exit-code 2
  exit 2
}

case $comment in true | false) ;; *) fail "comment must be true or false, not '$comment'" ;; esac

# Plans: each word a path, or a glob expanded here (globstar for **).
plans=()
shopt -s nullglob globstar
set -f
for word in ${INPUT_PLANS:-}; do
  if [[ $word == *[*?[]* ]]; then
    set +f
    matched=($word)
    set -f
    [ ${#matched[@]} -gt 0 ] || fail "plans: $word matches no file"
    plans+=("${matched[@]}")
  else
    plans+=("$word")
  fi
done
extra=(${INPUT_ARGS:-})
set +f
[ ${#plans[@]} -gt 0 ] || fail 'plans: give at least one plan JSON file (terraform show -json plan.out > plan.json)'

mkdir -p "$out_dir" || fail "cannot create $out_dir"
markdown=$out_dir/impact.md
json=$out_dir/impact.json
sarif=$out_dir/impact.sarif
annotations=$out_dir/impact-annotations.txt
rm -f "$markdown" "$json" "$sarif" "$annotations"

estate=()
if [ -n "${INPUT_ESTATE:-}" ]; then estate=(--estate "$INPUT_ESTATE"); fi
"$impact" "${plans[@]}" "${estate[@]}" --fail-on "$fail_on" "${extra[@]}" \
  --format text --format "markdown=$markdown" --format "json=$json" --format "sarif=$sarif" \
  --format "github=$annotations"
code=$?
# Annotations are workflow commands: printed, the runner turns them into annotations on the diff.
if [ -f "$annotations" ]; then cat "$annotations"; fi

output exit-code "$code"
if [ -f "$json" ]; then
  while IFS= read -r line; do output "${line%%=*}" "${line#*=}"; done < <(node "$here/json.mjs" counts "$json")
  output markdown-file "$markdown"
  output json-file "$json"
  output sarif-file "$sarif"
  output annotations-file "$annotations"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$markdown" >> "$GITHUB_STEP_SUMMARY"; fi
fi

pr=''
if [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "$GITHUB_EVENT_PATH" ]; then
  pr=$(node "$here/json.mjs" pr-number "$GITHUB_EVENT_PATH")
fi
if [ "$comment" = true ] && [ -n "$pr" ]; then
  if [ -z "${GITHUB_TOKEN:-}" ]; then
    echo '::warning title=impact::no token to comment on the pull request with (input token)'
  elif [ -f "$markdown" ]; then
    if url=$(PR_NUMBER=$pr "$here/sticky-comment.sh" "$markdown"); then
      output comment-url "$url"
    else
      echo '::warning title=impact::could not post the PR comment (a pull request from a fork gets a read-only token); the report is in the job summary'
    fi
  else
    # Nothing was analysed: an earlier comment must not go on saying all is well.
    note=$out_dir/impact-failed.md
    run_url="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-}"
    printf '<!-- impact-report -->\n### ⚠️ impact could not analyse the latest plans (exit code %s)\n\nSee [the job log](%s) for why.\n' \
      "$code" "$run_url" > "$note"
    PR_NUMBER=$pr "$here/sticky-comment.sh" "$note" --update-only > /dev/null ||
      echo '::warning title=impact::could not update the PR comment'
  fi
fi

if [ "$code" -eq 1 ]; then
  echo "::error title=impact::the plan impacts something at or above --fail-on $fail_on"
elif [ "$code" -ne 0 ]; then
  echo "::error title=impact::impact could not analyse the plans (exit code $code): see above"
fi
exit "$code"
