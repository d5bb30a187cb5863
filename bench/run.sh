#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Certwright end-to-end benchmarks for issue 2: import, list and scan, each against a floor or an
# outside reference, printed as a table with ratios and targets. See bench/README.md.
set -euo pipefail
export LC_ALL=C

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)

usage() {
  cat <<'USAGE'
usage: bench/run.sh [--import [N]] [--list [N]] [--scan [N]] [--monitor [N]] [--probe [RUNS]] [--issue [N]] [--ocsp [N]] [--renew [N]] [options]

Parts (none given: all eight at the issues' sizes):
  --import [N]       (a) import N one-certificate PEM files        (default 100000)
  --list [N]         (b) list --expiring-within 30d on N certs      (default 1000000)
  --scan [N]         (c) scan N TLS endpoints served by nginx       (default 1000)
  --monitor [N]      (d) monitor --once over N targets, peak RSS     (default 1000)
  --probe [RUNS]     (e) probe one nginx endpoint vs sslscan and testssl.sh -p (default 10 runs)
  --issue [N]        (f) issue N P-256 leaves from CSRs vs openssl speed and openssl ca (default 5000)
  --ocsp [N]         (g) OCSP responder over N issued leaves vs nginx (static DER) and openssl ocsp (default 1000)
  --renew [N]        (h) one renew run over N managed certificates deployed as files, vs openssl ca (default 1000)

Options:
  --cli PATH         use this certwright executable (default: publish src/Certwright.Cli, Release, AOT)
  --work DIR         work directory (default bench/work; certificates and inventories are cached there)
  --rebuild          regenerate cached certificates and inventories
  --bundle-size K    certificates per file for the list inventory (default 100)
  --concurrency N    scan concurrency, also for the openssl and wrk references, and ocsp's wrk/ab connections (default 64)
  --import-runs N    hyperfine runs for import (default 3)
  --list-runs N      hyperfine runs for list, --version and sqlite3 (default 10)
  --scan-runs N      hyperfine runs for scan (default 3)
  --wrk-seconds N    wrk duration, also ocsp's ab duration (default 10)
  --port-base P      first port tried for nginx (default 20000)
  --no-install       do not apt-get install missing Debian packages
  --strict           also exit non-zero when a target is missed
  -h, --help
Exit code: 0 when every step ran (targets met or not, unless --strict); 1 when a step failed or a
certwright measurement is pending because the CLI lacks a command.
USAGE
}

IMPORT_N="" LIST_N="" SCAN_N="" MONITOR_N="" PROBE_RUNS="" ISSUE_N="" OCSP_N="" RENEW_N=""
CLI_ARG="" WORK="$BENCH_DIR/work" REBUILD=0 INSTALL=1 STRICT=0
BUNDLE_SIZE=100 CONCURRENCY=64 IMPORT_RUNS=3 LIST_RUNS=10 SCAN_RUNS=3 WRK_SECONDS=10 PORT_BASE=20000

is_number() { [[ ${1:-} =~ ^[0-9]+$ ]]; }
need_number() { is_number "${2:-}" || die "$1 needs a number, got '${2:-}'"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --import | --list | --scan | --monitor | --probe | --issue | --ocsp | --renew)
      part=${1#--}
      value=""
      if is_number "${2:-}"; then
        value=$2
        shift
      fi
      case "$part" in
        import) IMPORT_N=${value:-100000} ;;
        list) LIST_N=${value:-1000000} ;;
        scan) SCAN_N=${value:-1000} ;;
        monitor) MONITOR_N=${value:-1000} ;;
        probe) PROBE_RUNS=${value:-10} ;;
        issue) ISSUE_N=${value:-5000} ;;
        ocsp) OCSP_N=${value:-1000} ;;
        renew) RENEW_N=${value:-1000} ;;
      esac
      ;;
    --cli) CLI_ARG=${2:?--cli needs a path}; shift ;;
    --work) WORK=${2:?--work needs a directory}; shift ;;
    --rebuild) REBUILD=1 ;;
    --no-install) INSTALL=0 ;;
    --strict) STRICT=1 ;;
    --bundle-size | --concurrency | --import-runs | --list-runs | --scan-runs | --wrk-seconds | --port-base)
      need_number "$1" "${2:-}"
      case "$1" in
        --bundle-size) BUNDLE_SIZE=$2 ;;
        --concurrency) CONCURRENCY=$2 ;;
        --import-runs) IMPORT_RUNS=$2 ;;
        --list-runs) LIST_RUNS=$2 ;;
        --scan-runs) SCAN_RUNS=$2 ;;
        --wrk-seconds) WRK_SECONDS=$2 ;;
        --port-base) PORT_BASE=$2 ;;
      esac
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; printf 'bench: unknown argument %s\n' "$1" >&2; exit 2 ;;
  esac
  shift
done

# shellcheck source=lib/common.sh
. "$BENCH_DIR/lib/common.sh"
# shellcheck source=lib/setup.sh
. "$BENCH_DIR/lib/setup.sh"
# shellcheck source=lib/gen.sh
. "$BENCH_DIR/lib/gen.sh"
# shellcheck source=lib/import.sh
. "$BENCH_DIR/lib/import.sh"
# shellcheck source=lib/list.sh
. "$BENCH_DIR/lib/list.sh"
# shellcheck source=lib/sqlite.sh
. "$BENCH_DIR/lib/sqlite.sh"
# shellcheck source=lib/nginx.sh
. "$BENCH_DIR/lib/nginx.sh"
# shellcheck source=lib/scan.sh
. "$BENCH_DIR/lib/scan.sh"
# shellcheck source=lib/monitor.sh
. "$BENCH_DIR/lib/monitor.sh"
# shellcheck source=lib/probe.sh
. "$BENCH_DIR/lib/probe.sh"
# shellcheck source=lib/issue.sh
. "$BENCH_DIR/lib/issue.sh"
# shellcheck source=lib/ocsp.sh
. "$BENCH_DIR/lib/ocsp.sh"
# shellcheck source=lib/renew.sh
. "$BENCH_DIR/lib/renew.sh"

if [ -z "$IMPORT_N$LIST_N$SCAN_N$MONITOR_N$PROBE_RUNS$ISSUE_N$OCSP_N$RENEW_N" ]; then
  IMPORT_N=100000 LIST_N=1000000 SCAN_N=1000 MONITOR_N=1000 PROBE_RUNS=10 ISSUE_N=5000 OCSP_N=1000 RENEW_N=1000
fi
for n in "$IMPORT_N" "$LIST_N" "$SCAN_N" "$MONITOR_N" "$ISSUE_N" "$OCSP_N" "$RENEW_N"; do
  [ -z "$n" ] || [ "$n" -gt 0 ] || die "sizes must be positive"
done

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
# hyperfine -N splits its command on whitespace: keep paths simple.
[[ $WORK =~ [[:space:]] ]] && die "the work directory must not contain whitespace: $WORK"
LOGS="$WORK/logs"
rm -rf "$LOGS"
mkdir -p "$LOGS" "$WORK/results"
RESULTS_TSV="$LOGS/results.tsv"
: >"$RESULTS_TSV"
NEED_FLOOR=0
[ -n "$IMPORT_N" ] && NEED_FLOOR=1

# 1,000 endpoints with 64 clients, nginx's listening sockets and hyperfine need more than 1,024 files.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

install_prereqs
require_tools jq hyperfine openssl awk find xargs
build_tools
run_logged certgen-ca "$CERTGEN" ca --ca "$WORK/ca" || die "cannot create the bench CA in $WORK/ca"
resolve_cli
if [ -n "$CLI_PROBLEM" ]; then
  log "certwright measurements will be PENDING: $CLI_PROBLEM"
fi

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
log "results so far are printed as they come; the table follows at the end"

# run_part NAME FUNCTION ARGS...: a part runs in a subshell with errexit, so a failed step ends that part
# (with its reason printed) and the next part still runs. It runs in the background so that a signal
# to this script can stop it (and, through its EXIT trap, the nginx it started) before exiting.
failed_parts=()
PART_PID=""
run_part() {
  local name=$1 rc=0
  shift
  (
    set -e
    trap 'exit 130' INT
    trap 'exit 143' TERM
    "$@"
  ) &
  PART_PID=$!
  wait "$PART_PID" || rc=$?
  PART_PID=""
  if [ "$rc" -ne 0 ]; then
    failed_parts+=("$name")
    # A part that stopped at a PENDING certwright step has said why already.
    if ! awk -F '\t' -v p="$name" '$1 == p && $5 == "PENDING" { f = 1 } END { exit !f }' "$RESULTS_TSV"; then
      result "$name" "part $name" "failed: see the messages above and $LOGS" "" FAIL
    fi
  fi
}

# shellcheck disable=SC2317 # called by the trap below
on_signal() {
  log "interrupted: stopping the running part"
  if [ -n "$PART_PID" ]; then
    # Its children first (hyperfine, xargs, nginx...), then the part itself, whose EXIT trap cleans up.
    pkill -TERM -P "$PART_PID" 2>/dev/null || true
    kill -TERM "$PART_PID" 2>/dev/null || true
    wait "$PART_PID" 2>/dev/null || true
  fi
  exit 130
}
trap on_signal INT TERM

[ -n "$IMPORT_N" ] && run_part import part_import "$IMPORT_N"
[ -n "$LIST_N" ] && run_part list part_list "$LIST_N"
[ -n "$SCAN_N" ] && run_part scan part_scan "$SCAN_N"
[ -n "$MONITOR_N" ] && run_part monitor part_monitor "$MONITOR_N"
[ -n "$PROBE_RUNS" ] && run_part probe part_probe "$PROBE_RUNS"
[ -n "$ISSUE_N" ] && run_part issue part_issue "$ISSUE_N"
[ -n "$OCSP_N" ] && run_part ocsp part_ocsp "$OCSP_N"
[ -n "$RENEW_N" ] && run_part renew part_renew "$RENEW_N"

commit=$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
header="Certwright benchmarks, $started, commit $commit, $(nproc) cores, load average at end: $(cut -d' ' -f1-3 /proc/loadavg), certwright: ${CLI:-none}"
md="$WORK/results/results-$(date -u +%Y%m%dT%H%M%SZ).md"
printf '\n%s\n' "$header"
print_results "$RESULTS_TSV" "$md.table"
notes=""
if [ -s "$LOGS/notes.txt" ]; then
  notes=$(sed 's/^/note: /' "$LOGS/notes.txt")
  printf '%s\n\n' "$notes"
fi
{
  printf '%s\n\n' "$header"
  cat "$md.table"
  [ -z "$notes" ] || printf '\n%s\n' "$notes"
} >"$md"
rm -f "$md.table"
cp "$md" "$WORK/results/latest.md"
log "table saved to $md (and $WORK/results/latest.md); logs in $LOGS"

status=0
if [ ${#failed_parts[@]} -gt 0 ]; then
  log "failed or pending: ${failed_parts[*]}"
  status=1
fi
if grep -qP '\tMISS$' "$RESULTS_TSV"; then
  log "some targets were missed (MISS rows above)"
  [ "$STRICT" = 1 ] && status=1
fi
exit "$status"
