# shellcheck shell=bash
# shellcheck disable=SC2034 # CERTGEN, FLOOR_DLL and CLI are read by the part scripts.
# Prerequisites (Debian packages), the bench tools (CertGen, parse floor) and the certwright executable.

BENCH_PACKAGES=(
  openssl    # reference parser and TLS client, storeutl
  nginx      # the 1,000 TLS endpoints
  wrk        # full-handshake rate reference; OCSP keep-alive rates
  apache2-utils # ab: a connection per request, the only client that can measure openssl ocsp
  curl       # OCSP answers fetched and compared before the timings
  hyperfine  # repeated timings with warm-up
  sqlite3    # reference query on the inventory
  jq         # reading hyperfine and certwright JSON
  iproute2   # ss: free ports and nginx readiness
  procps     # pgrep: nginx worker pids
  time       # /usr/bin/time -v: peak RSS of monitor --once
  clang      # Native AOT publish of the CLI
  zlib1g-dev # Native AOT publish of the CLI
)

install_prereqs() {
  local missing=() p
  for p in "${BENCH_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$INSTALL" != 1 ]; then
    die "missing Debian packages: ${missing[*]} (run without --no-install, or: apt-get install -y ${missing[*]})"
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  log "installing ${missing[*]}"
  # Do not let the nginx package start its own service: the benchmark starts nginx itself.
  local created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
    created_policy=1
  fi
  local rc=0
  {
    $sudo apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  } >"$LOGS/apt.log" 2>&1 || rc=$?
  [ "$created_policy" = 1 ] && $sudo rm -f /usr/sbin/policy-rc.d
  [ "$rc" -eq 0 ] || die "apt-get install ${missing[*]} failed (exit $rc); see $LOGS/apt.log"
}

require_tools() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null || die "$t is not installed (Debian package; run bench/run.sh without --no-install)"
  done
}

# Builds CertGen and the parse-floor console into $WORK/tools (Release).
build_tools() {
  command -v dotnet >/dev/null || die "dotnet SDK 10 is required (/usr/share/dotnet)"
  log "building bench/CertGen and bench/Certwright.Benchmarks (Release)"
  run_logged build-certgen dotnet build "$BENCH_DIR/CertGen" -c Release -o "$WORK/tools/certgen" --nologo -v quiet ||
    die "cannot build bench/CertGen"
  CERTGEN="$WORK/tools/certgen/certgen"
  if [ "$NEED_FLOOR" = 1 ]; then
    run_logged build-benchmarks dotnet build "$BENCH_DIR/Certwright.Benchmarks" -c Release -o "$WORK/tools/benchmarks" --nologo -v quiet ||
      die "cannot build bench/Certwright.Benchmarks"
    FLOOR_DLL="$WORK/tools/benchmarks/Certwright.Benchmarks.dll"
  fi
}

# Sets CLI (path) or CLI_PROBLEM (why there is none). Publishes src/Certwright.Cli (Release, Native AOT)
# unless --cli was given.
resolve_cli() {
  CLI_PROBLEM=""
  if [ -n "$CLI_ARG" ]; then
    CLI=$CLI_ARG
  else
    CLI="$WORK/cli/certwright"
    log "publishing src/Certwright.Cli (Release, Native AOT) to $WORK/cli"
    if ! run_logged publish-cli dotnet publish "$REPO_ROOT/src/Certwright.Cli" -c Release -o "$WORK/cli" --nologo -v quiet; then
      CLI_PROBLEM="publishing the CLI failed (see $LOGS/publish-cli.log)"
      return 0
    fi
  fi
  if [ ! -x "$CLI" ]; then
    CLI_PROBLEM="certwright executable not found at $CLI; build it with: dotnet publish src/Certwright.Cli -c Release -o out (then pass --cli out/certwright)"
  fi
}

# cli_require SUBCOMMAND [--flag...]: fails with a clear reason unless the CLI has SUBCOMMAND and every flag.
# Asking `SUBCOMMAND --help` keeps this independent of how the CLI is implemented.
cli_require() {
  local sub=$1 flag help
  shift
  if [ -n "$CLI_PROBLEM" ]; then
    printf '%s\n' "$CLI_PROBLEM"
    return 1
  fi
  help=$("$CLI" "$sub" --help 2>&1) || true
  # A CLI without the command prints the root help (usage "certwright [command]") or nothing at all.
  if ! grep -qE "^ *certwright $sub( |\$)" <<<"$help"; then
    printf "certwright at %s has no '%s' command yet ('certwright %s --help' shows no 'certwright %s' usage); merge main once it has landed\n" "$CLI" "$sub" "$sub" "$sub"
    return 1
  fi
  for flag in "$@"; do
    if ! grep -qF -- "$flag" <<<"$help"; then
      printf "certwright at %s: '%s' has no %s option (the benchmark needs it)\n" "$CLI" "$sub" "$flag"
      return 1
    fi
  done
}
