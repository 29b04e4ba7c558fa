#!/usr/bin/env bash
# Posts a file as the pull request's one impact comment, or updates the comment already there: the
# one whose body starts with the marker the Markdown report starts with. GitHub REST API, curl.
#   sticky-comment.sh <body-file> [--update-only]   (--update-only: post nothing when there is none yet)
# Needs GITHUB_TOKEN, GITHUB_REPOSITORY, PR_NUMBER; GITHUB_API_URL defaults to https://api.github.com.
# Prints the comment's URL. Exit 1 when the API refuses (the caller warns; a fork's token is read-only).
set -euo pipefail

body_file=$1
update_only=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
api=${GITHUB_API_URL:-https://api.github.com}
marker='<!-- impact-report -->'
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

call() { # method url [payload-file] → the answer in $scratch/answer; fails on HTTP >= 400
  local method=$1 url=$2 status
  local args=(-sS -X "$method" -o "$scratch/answer" -w '%{http_code}'
    -H "Authorization: Bearer $GITHUB_TOKEN" -H 'Accept: application/vnd.github+json'
    -H 'X-GitHub-Api-Version: 2022-11-28')
  if [ $# -ge 3 ]; then args+=(-H 'Content-Type: application/json' --data-binary "@$3"); fi
  status=$(curl "${args[@]}" "$url") || { echo "impact: $method $url: curl failed" >&2; return 1; }
  if [ "$status" -ge 400 ]; then
    echo "impact: $method $url: HTTP $status $(head -c 300 "$scratch/answer")" >&2
    return 1
  fi
}

# The comment already there, if any: issue comments, 100 a page, oldest first.
id=''
page=1
while :; do
  call GET "$api/repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments?per_page=100&page=$page"
  id=$(node "$here/json.mjs" find-comment "$scratch/answer" "$marker")
  [ -n "$id" ] && break
  [ "$(node "$here/json.mjs" length "$scratch/answer")" -lt 100 ] && break
  page=$((page + 1))
done

node "$here/json.mjs" body "$body_file" > "$scratch/payload.json"
if [ -z "$id" ] && [ "$update_only" = --update-only ]; then exit 0; fi
if [ -n "$id" ]; then
  call PATCH "$api/repos/$GITHUB_REPOSITORY/issues/comments/$id" "$scratch/payload.json"
else
  call POST "$api/repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" "$scratch/payload.json"
fi
node -e 'const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(c.html_url ?? "")' \
  "$scratch/answer"
