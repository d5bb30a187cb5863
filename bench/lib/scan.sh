# shellcheck shell=bash
# Part (c): scan N TLS endpoints (one nginx, N loopback ports). certwright against a parallel
# `openssl s_client | openssl x509` loop and against wrk's full-handshake rate on one port.

part_scan() {
  local n=$1
  local dir="$WORK/scan-$n"
  log "part (c) scan: $(fmt_int "$n") TLS endpoints at concurrency $CONCURRENCY"
  require_tools nginx wrk openssl ss
  rm -rf "$dir"
  mkdir -p "$dir"
  run_logged scan-certgen "$CERTGEN" server --ca "$WORK/ca" --out "$dir/tls"

  pick_free_ports "$n" "$PORT_BASE" >"$dir/ports.txt"
  sed 's/^/127.0.0.1:/' "$dir/ports.txt" >"$dir/targets.txt"
  local first_port
  first_port=$(head -n 1 "$dir/ports.txt")
  write_nginx_conf "$dir" "$dir/ports.txt"
  trap stop_nginx EXIT
  start_nginx "$dir" "$dir/ports.txt"

  # The chain must verify against the bench CA, or every later number measures an error path.
  run_logged scan-verify openssl s_client -connect "127.0.0.1:$first_port" -servername localhost \
    -CAfile "$dir/tls/ca.pem" -verify_return_error </dev/null
  grep -q 'Verify return code: 0 (ok)' "$LOGS/scan-verify.log" || {
    echo "openssl s_client could not verify nginx's chain on port $first_port (see $LOGS/scan-verify.log)"
    return 1
  }

  # (ii) The reference: what a cron script does today, 64 at a time.
  log "reference: openssl s_client | openssl x509 over $(fmt_int "$n") ports, xargs -P $CONCURRENCY"
  local t0 t1 ossl_s got
  t0=$(now_s)
  # shellcheck disable=SC2016 # $1 is expanded by the inner sh, once per port.
  xargs -P "$CONCURRENCY" -n 1 sh -c \
    'echo | openssl s_client -connect "127.0.0.1:$1" -servername localhost 2>/dev/null | openssl x509 -noout -enddate' _ \
    <"$dir/ports.txt" >"$LOGS/scan-openssl.log" 2>&1 || true
  t1=$(now_s)
  ossl_s=$(calc "$t1 - $t0")
  got=$(grep -c '^notAfter=' "$LOGS/scan-openssl.log" || true)
  [ "$got" = "$n" ] || { echo "openssl loop read $got of $n certificates (see $LOGS/scan-openssl.log)"; return 1; }
  local ossl_rate
  ossl_rate=$(calc "$n / $ossl_s")
  result scan "openssl s_client|x509 loop, xargs -P $CONCURRENCY" "$(fmt_f 1 "$ossl_s") s = $(fmt_f 1 "$ossl_rate") endpoints/s" "" INFO

  # (iii) wrk: full TLS handshakes per second that this nginx sustains on this machine.
  log "reference: wrk -c $CONCURRENCY -t 2 -d ${WRK_SECONDS}s, Connection: close"
  run_logged scan-wrk wrk -c "$CONCURRENCY" -t 2 -d "${WRK_SECONDS}s" -H 'Connection: close' "https://127.0.0.1:$first_port/"
  local wrk_rate wrk_errors
  wrk_rate=$(awk '/^Requests\/sec:/ { print $2 }' "$LOGS/scan-wrk.log")
  wrk_errors=$(grep -E 'Socket errors|Non-2xx' "$LOGS/scan-wrk.log" | tr -s ' ' | paste -sd ';' - || true)
  [ -n "$wrk_rate" ] || { echo "wrk printed no Requests/sec (see $LOGS/scan-wrk.log)"; return 1; }
  result scan "wrk full handshakes, 1 port, Connection: close" "$(fmt_int "$wrk_rate") handshakes/s${wrk_errors:+ ($wrk_errors)}" "" INFO

  # (i) certwright.
  local problem
  if ! problem=$(cli_require scan --targets-file --concurrency --ca-file --json); then
    pending scan "certwright scan, $(fmt_int "$n") endpoints @$CONCURRENCY" "" "$problem"
    pending scan "ratio certwright / openssl loop" ">= 20x" "$problem"
    pending scan "ratio certwright / wrk" ">= 0.40" "$problem"
    return 1
  fi
  local data="$dir/data"
  local scan=("$CLI" --data "$data" scan --concurrency "$CONCURRENCY" --targets-file "$dir/targets.txt" --ca-file "$dir/tls/ca.pem" --json)
  log "certwright scan: one checked run"
  run_logged scan-check "${scan[@]}" || {
    echo "certwright scan exited non-zero: every endpoint serves a valid chain for --ca-file, expected 0 (OK)"
    return 1
  }
  local rows
  rows=$(count_json_rows "$LOGS/scan-check.log" '^(endpoints|targets|results)$') || {
    echo "certwright printed no valid JSON document (see $LOGS/scan-check.log)"
    return 1
  }
  [ "$rows" = "$n" ] || { echo "certwright scan --json reported $rows endpoints, expected $n (see $LOGS/scan-check.log)"; return 1; }

  log "certwright scan: hyperfine, warm-up 1, $SCAN_RUNS runs"
  run_logged scan-hyperfine hyperfine -N --style basic --warmup 1 --runs "$SCAN_RUNS" \
    --export-json "$dir/hyperfine-scan.json" "${scan[*]}"
  local scan_s scan_rate
  scan_s=$(hyperfine_stat "$dir/hyperfine-scan.json" mean)
  scan_rate=$(calc "$n / $scan_s")
  result scan "certwright scan, $(fmt_int "$n") endpoints @$CONCURRENCY" "$(fmt_f 2 "$scan_s") s = $(fmt_int "$scan_rate") endpoints/s" "" INFO
  local r1 r2
  r1=$(calc "$scan_rate / $ossl_rate")
  r2=$(calc "$scan_rate / $wrk_rate")
  result scan "ratio certwright / openssl loop" "$(fmt_f 1 "$r1")x" ">= 20x" "$(at_least "$r1" 20)"
  result scan "ratio certwright / wrk" "$(fmt_f 2 "$r2")" ">= 0.40" "$(at_least "$r2" 0.40)"
}
