#!/usr/bin/env bash
# The run step of the GitHub Action (action.yml). Its inputs arrive as INPUT_* environment
# variables (never interpolated into this script, so no input can inject shell code), the runner's
# own as GITHUB_*. On a pull_request event (GITHUB_BASE_REF set) or with the `base` input it runs
# `privilege-guard diff` against the base branch, as the App would review the pull request;
# otherwise `privilege-guard scan`. The CLI is the action's own build when its checkout has one
# (lib/bin/privilege-guard.js, the bin), else the package of the action's version from the npm registry: no build
# step on the runner.
set -uo pipefail

action_path="${GITHUB_ACTION_PATH:?is not set: run this script as the step of action.yml}"
if [[ -f "$action_path/lib/bin/privilege-guard.js" ]]; then
  pg=(node "$action_path/lib/bin/privilege-guard.js")
else
  version="$(node -p 'require(process.argv[1]).version' "$action_path/package.json")" || exit 2
  pg=(npx --yes "privilege-guard@$version")
fi

# Whitespace-separated, line breaks included (a `paths: |` block lists one per line).
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
[[ ${#paths[@]} -gt 0 ]] || paths=(.)

base="${INPUT_BASE:-}"
if [[ -z "$base" && -n "${GITHUB_BASE_REF:-}" ]]; then
  base="origin/$GITHUB_BASE_REF"
fi
if [[ -n "$base" ]]; then
  command=(diff --base "$base" --head HEAD)
  scope="the changes compared with the base branch"
else
  command=(scan)
  scope="every file under the paths"
fi

options=()
if [[ -n "${INPUT_LEVEL:-}" ]]; then options+=(--level "$INPUT_LEVEL"); fi
if [[ -n "${INPUT_FAIL_ON:-}" ]]; then options+=(--fail-on "$INPUT_FAIL_ON"); fi
if [[ -n "${INPUT_CONFIG:-}" ]]; then options+=(--config "$INPUT_CONFIG"); fi
if [[ -n "${INPUT_ORG_POLICY:-}" ]]; then options+=(--org-policy "$INPUT_ORG_POLICY"); fi
format="${INPUT_FORMAT:-github}"

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
"${pg[@]}" "${command[@]}" "${options[@]}" --format "$format" -- "${paths[@]}" >"$report"
code=$?
cat "$report"

if [[ -n "${INPUT_SARIF_FILE:-}" && $code -ne 2 ]]; then
  "${pg[@]}" "${command[@]}" "${options[@]}" --format sarif --exit-zero -- "${paths[@]}" \
    >"$INPUT_SARIF_FILE" || code=2
fi

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  {
    echo "exit-code=$code"
    echo "sarif-file=${INPUT_SARIF_FILE:-}"
  } >>"$GITHUB_OUTPUT"
fi

# The job summary: the count line, which holds numbers and fixed words only (no text from the
# files), as the text, compact and github formats end with it.
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  {
    echo "### Privilege Guard"
    echo
    echo "Checked $scope."
    echo
    case "$format" in
      text | compact | github) tail -n 1 "$report" ;;
      *) echo "Exit code $code (0 passes, 1 fails, 2 could not run); the report is in the log." ;;
    esac
  } >>"$GITHUB_STEP_SUMMARY"
fi

exit "$code"
