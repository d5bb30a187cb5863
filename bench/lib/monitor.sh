# shellcheck shell=bash
# Part (d): memory of one monitor run. `certwright monitor --once` over N loopback targets (one nginx, N
# ports, as in part (c)) listed in a certwright.yaml, peak RSS from /usr/bin/time -v; target under 200 MB.

part_monitor() {
  local n=$1
  local dir="$WORK/monitor-$n"
  log "part (d) monitor: $(fmt_int "$n") targets, monitor --once, peak RSS"
  require_tools nginx openssl ss /usr/bin/time
  rm -rf "$dir"
  mkdir -p "$dir"
  run_logged monitor-certgen "$CERTGEN" server --ca "$WORK/ca" --out "$dir/tls"
  pick_free_ports "$n" "$PORT_BASE" >"$dir/ports.txt"
  write_nginx_conf "$dir" "$dir/ports.txt"
  trap stop_nginx EXIT
  start_nginx "$dir" "$dir/ports.txt"

  local problem
  if ! problem=$(cli_require monitor --once --config); then
    pending monitor "certwright monitor --once, peak RSS" "< 200 MB" "$problem"
    return 1
  fi

  # Every target on the bench CA's chain: a clean run exits 0 (OK), so the number is not an error path.
  {
    printf 'defaults:\n  every: 6h\n  concurrency: %s\n  ca-file: %s\ntargets:\n' "$CONCURRENCY" "$dir/tls/ca.pem"
    awk '{ printf "  - host: 127.0.0.1:%s\n    sni: localhost\n    owner: team-%d\n    namespace: bench\n", $1, NR % 10 }' "$dir/ports.txt"
  } >"$dir/certwright.yaml"

  local data="$dir/data" run
  for run in 1 2; do
    # Run 1 records every chain into a new inventory; run 2 finds them there (the steady state of a monitor).
    log "certwright monitor --once, run $run of 2, under /usr/bin/time -v"
    run_logged "monitor-run$run" /usr/bin/time -v "$CLI" --data "$data" monitor --once --config "$dir/certwright.yaml" || {
      echo "certwright monitor --once exited non-zero (run $run): every target serves a valid chain, expected 0 (see $LOGS/monitor-run$run.log)"
      return 1
    }
    local line
    line=$(grep -E '^monitor: [0-9]+ checks' "$LOGS/monitor-run$run.log" || true)
    [ "$line" = "monitor: $n checks: $n ok, 0 warning, 0 critical, 0 failed; exit 0" ] ||
      { echo "unexpected summary in run $run: '$line' (see $LOGS/monitor-run$run.log)"; return 1; }
    local rss_kb elapsed rss_mb
    rss_kb=$(awk -F": " "/Maximum resident set size/ { print \$2 }" "$LOGS/monitor-run$run.err")
    elapsed=$(awk -F": " "/Elapsed \\(wall clock\\)/ { print \$NF }" "$LOGS/monitor-run$run.err")
    rss_mb=$(calc "$rss_kb / 1024")
    local label
    label="certwright monitor --once, $(fmt_int "$n") targets, peak RSS"
    [ "$run" = 1 ] && label="$label (new inventory)"
    [ "$run" = 2 ] && label="$label (second run)"
    result monitor "$label" "$(fmt_f 1 "$rss_mb") MB ($elapsed wall)" "< 200 MB" "$(below "$rss_mb" 200)"
  done

  # The history has every check, and target list sees them.
  run_logged monitor-list "$CLI" --data "$data" target list --config "$dir/certwright.yaml" --json
  local checked
  checked=$(jq '[.targets[] | select(.lastCheck.status == "ok")] | length' "$LOGS/monitor-list.log")
  [ "$checked" = "$n" ] || { echo "target list shows $checked of $n targets checked ok (see $LOGS/monitor-list.log)"; return 1; }
}
