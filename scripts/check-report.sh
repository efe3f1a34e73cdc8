#!/usr/bin/env bash
# Builds a demo report and looks at it in headless Chromium, as a person would:
#   1. the suite plus one scenario that fails on purpose (tests/report_demo/),
#   2. a run whose database is down, merged into the same results,
#   3. the HTML report (npm run report), then scripts/check-report.mjs takes screenshots into
#      reports/screenshots/ and fails if the report misses what journeys promises.
# It writes to reports/ like any run. Needs: the Python dev install, npm, and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

expect_failure() {  # the demo runs fail on purpose; anything else is a real problem
    if "$@" > reports/check-report.log 2>&1; then
        echo "check-report: '$*' passed, but it was meant to fail" >&2; exit 1
    fi
}

expect_in_log() {
    grep -q "$1" reports/check-report.log || {
        cat reports/check-report.log
        echo "check-report: expected '$1' in the output above" >&2
        exit 1
    }
}

mkdir -p reports
expect_failure behave features/ tests/report_demo/
expect_in_log "1 failed"
# A test database (the guards accept its name) on a port where nothing listens.
JOURNEYS_DATABASE_URL="postgresql+psycopg://journeys@127.0.0.1:1/test" \
    expect_failure behave -D clean_results=false features/
expect_in_log "cannot reach the database"

[ -d node_modules/allure ] || npm ci --no-audit --no-fund
npm run --silent report
node scripts/check-report.mjs reports/allure-report reports/screenshots

# The one-file report: grouped by capability like the other, and not counted in the history
# a second time.
runs_before=$(wc -l < reports/history.jsonl)
npm run --silent report:single
runs_after=$(wc -l < reports/history.jsonl)
[ "$runs_before" = "$runs_after" ] || {
    echo "check-report: report:single added to the history ($runs_before -> $runs_after)" >&2
    exit 1
}
grep -q '"groupBy":\["epic","feature","story"\]' reports/allure-single-file/index.html || {
    echo "check-report: the single-file report is not grouped by capability" >&2
    exit 1
}
echo "check-report: the single-file report is grouped by capability; the history counts the run once"
