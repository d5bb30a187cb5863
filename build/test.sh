#!/usr/bin/env bash
# Installs what the tests need, builds, publishes the CLI, runs every test and prints
# "N passed, N failed, N skipped" counted from the TRX results. Exit code is non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

command -v dotnet >/dev/null || { echo "dotnet SDK 10 is required (https://dot.net)"; exit 1; }

bash build/test-dependencies.sh

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build Certwright.slnx -c Release -warnaserror --nologo -v quiet
# The CLI tests run the published Native AOT executable, as users do.
dotnet publish src/Certwright.Cli -c Release -o "$root/artifacts/cli" --nologo -v quiet
export CERTWRIGHT_EXE="$root/artifacts/cli/certwright"

status=0
dotnet test Certwright.slnx -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" \
  -- RunConfiguration.TestSessionTimeout=1200000 || status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done

if [ "$passed" -eq 0 ] && [ "$status" -ne 0 ]; then
  # The run died before writing results (build break, crash): count it as a failure, never as green.
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
