#!/usr/bin/env bash
# The GitHub Action (action.yml): `chaos run` with JUnit, markdown and JSON reports in $RUNNER_TEMP/chaos,
# the markdown report in the step summary (chaos appends it; a note when there is none), the report paths and the exit code as step outputs,
# and chaos's exit code as this step's. Uploads nothing: a later step decides (actions/upload-artifact).
# Inputs come as INPUT_FILES (whitespace-separated, globs expanded in $GITHUB_WORKSPACE), INPUT_CONFIG,
# INPUT_ARGS (whitespace-separated `chaos run` flags) and INPUT_VERSION (npm version; default: the
# action's own). CHAOS_BIN runs an installed chaos instead of the npm package (tests, self-hosted runners).
set -uo pipefail

: "${RUNNER_TEMP:?not set: run this as a GitHub Actions step}" "${GITHUB_OUTPUT:?not set}" "${GITHUB_STEP_SUMMARY:?not set}"
action_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$RUNNER_TEMP/chaos"
junit="$out/junit.xml"
report="$out/report.md"
json="$out/report.json"
mkdir -p "$out"
# Never a stale report from an earlier step in the same job.
rm -f "$junit" "$report" "$json"
cd "${GITHUB_WORKSPACE:-.}" || exit 2

if [ -n "${CHAOS_BIN:-}" ]; then
  chaos=("$CHAOS_BIN")
else
  version="${INPUT_VERSION:-$(node -p "require(process.argv[1]).version" "$action_dir/package.json")}"
  chaos=(npm exec --yes --package="chaos@$version" -- chaos)
fi

# Flags are split on whitespace but never globbed; files are split and globbed (a pattern matching
# nothing stays as written, so chaos reports it: file not found, exit 2).
set -f
# shellcheck disable=SC2206
args=(${INPUT_ARGS:-})
set +f
# shellcheck disable=SC2206
files=(${INPUT_FILES:-})
config=()
if [ -n "${INPUT_CONFIG:-}" ]; then config=(--config "$INPUT_CONFIG"); fi

# ${a[@]+"${a[@]}"}: an empty array under `set -u` on bash 3.2 (macOS runners).
"${chaos[@]}" run ${files[@]+"${files[@]}"} ${config[@]+"${config[@]}"} ${args[@]+"${args[@]}"} \
  --report "junit=$junit" --report "markdown=$report" --report "json=$json"
code=$?

# chaos appends its markdown report to $GITHUB_STEP_SUMMARY itself; when it wrote none (bad input,
# no cluster), the summary still says what happened.
if [ ! -s "$report" ]; then
  printf '### chaos run: exit %s\n\nNo report was written: see the log of this step.\n\n' "$code" >>"$GITHUB_STEP_SUMMARY"
fi

{
  echo "exit-code=$code"
  if [ -s "$junit" ]; then echo "junit=$junit"; fi
  if [ -s "$report" ]; then echo "report=$report"; fi
  if [ -s "$json" ]; then echo "json=$json"; fi
} >>"$GITHUB_OUTPUT"

exit "$code"
