# shellcheck shell=bash
# Part (a): import N one-certificate PEM files. certwright's rate against the in-process parse floor
# (same files, same parser, stores nothing) and openssl storeutl as an outside reference.

part_import() {
  local n=$1
  local dir="$WORK/import-$n" certs="$WORK/import-$n/certs" data="$WORK/import-$n/data"
  log "part (a) import: $(fmt_int "$n") one-certificate PEM files"
  ensure_leaves "$dir" "$n" 1 import

  log "warming the page cache (reading every file once)"
  find "$certs" -type f -print0 | xargs -0 cat >/dev/null || {
    echo "cannot read the files in $certs"
    return 1
  }

  # (i) The floor: parse only, in process, median of 3 runs after a warm-up.
  log "parse floor: Certwright.Benchmarks parse-floor"
  run_logged import-floor dotnet "$FLOOR_DLL" parse-floor "$certs" --iterations 3 --warmup 1
  local floor_line floor_s floor_certs stand_in floor_note=""
  floor_line=$(grep '^RESULT ' "$LOGS/import-floor.log")
  floor_s=$(sed -n 's/.* median_seconds=\([0-9.]*\).*/\1/p' <<<"$floor_line")
  floor_certs=$(sed -n 's/.* certificates=\([0-9]*\).*/\1/p' <<<"$floor_line")
  stand_in=$(sed -n 's/.* stand_in=\([01]\).*/\1/p' <<<"$floor_line")
  if [ "$stand_in" = 1 ]; then
    floor_note=" [STAND-IN parser]"
    note "the parse floor used a STAND-IN parser (platform X509CertificateLoader): src/Certwright/Certificates/CertificateContainerReader.cs was not in this tree"
  fi
  [ "$floor_certs" = "$n" ] || { echo "parse floor found $floor_certs certificates, expected $n"; return 1; }
  result import "parse floor, in-process, stores nothing" \
    "$(fmt_f 2 "$floor_s") s = $(fmt_int "$(calc "$n / $floor_s")") certs/s$floor_note" "" INFO

  # (ii) Outside reference: openssl storeutl, one process per 1,000-file subdirectory, two at a time.
  log "reference: openssl storeutl -r -noout -certs, xargs -P2"
  local t0 t1 ossl_s ossl_certs
  t0=$(now_s)
  # Each storeutl counts its own certificates: concurrent writers to one file could split lines.
  # shellcheck disable=SC2016 # $1 is expanded by the inner sh.
  if ! find "$certs" -mindepth 1 -maxdepth 1 -type d -print0 |
    xargs -0 -P 2 -n 1 sh -c 'openssl storeutl -r -noout -certs "file:$1/" | grep -cE "^ *[0-9]+: Certificate$"' _ \
      >"$LOGS/import-openssl.log" 2>&1; then
    echo "openssl storeutl failed; see $LOGS/import-openssl.log"
    return 1
  fi
  t1=$(now_s)
  ossl_s=$(calc "$t1 - $t0")
  ossl_certs=$(awk '{ s += $1 } END { print s + 0 }' "$LOGS/import-openssl.log")
  [ "$ossl_certs" = "$n" ] || { echo "openssl storeutl found $ossl_certs certificates, expected $n (see $LOGS/import-openssl.log)"; return 1; }
  result import "openssl storeutl -r (2 processes)" "$(fmt_f 2 "$ossl_s") s = $(fmt_int "$(calc "$n / $ossl_s")") certs/s" "" INFO

  # certwright itself.
  local problem
  if ! problem=$(cli_require import); then
    pending import "certwright import" ">= 30,000 certs/s" "$problem"
    pending import "ratio import time / parse-floor time" "<= 2.0" "$problem"
    return 1
  fi

  log "certwright import: one checked run"
  rm -rf "$data"
  run_logged import-check "$CLI" --data "$data" import "$certs" --json
  local imported
  run_logged import-check-list "$CLI" --data "$data" list --json
  imported=$(count_json_rows "$LOGS/import-check-list.log" '^(certificates|items|rows)$') || {
    echo "certwright printed no valid JSON document (see $LOGS/import-check-list.log)"
    return 1
  }
  if [ "$imported" != "$n" ]; then
    echo "after importing $n files, 'certwright list --json' shows $imported certificates (see $LOGS/import-check.log)"
    result import "certwright import: certificates stored" "$imported (expected $n)" "$n" FAIL
    return 1
  fi

  log "certwright import: hyperfine, $IMPORT_RUNS runs, fresh data dir each run"
  run_logged import-hyperfine hyperfine -N --style basic --runs "$IMPORT_RUNS" \
    --prepare "rm -rf $data" --export-json "$dir/hyperfine-import.json" \
    "$CLI --data $data import $certs"
  local import_s import_sd
  import_s=$(hyperfine_stat "$dir/hyperfine-import.json" mean)
  import_sd=$(hyperfine_stat "$dir/hyperfine-import.json" stddev)
  local rate
  rate=$(calc "$n / $import_s")
  result import "certwright import, $(fmt_int "$n") files (wall, incl. start)" \
    "$(fmt_f 2 "$import_s") s ± $(fmt_f 2 "$import_sd") = $(fmt_int "$rate") certs/s" ">= 30,000 certs/s" "$(at_least "$rate" 30000)"
  local ratio
  ratio=$(calc "$import_s / $floor_s")
  result import "ratio import time / parse-floor time" "$(fmt_f 2 "$ratio")x$floor_note" "<= 2.0" "$(at_most "$ratio" 2.0)"
  result import "ratio certwright / openssl storeutl rate" "$(fmt_f 2 "$(calc "$ossl_s / $import_s")")x" "" INFO

  # The same binary, parse only: shows the in-process floor (JIT, warm) is no softer than the shipped AOT parser.
  log "certwright import --dry-run: hyperfine, $IMPORT_RUNS runs"
  run_logged import-dry-run hyperfine -N --style basic --runs "$IMPORT_RUNS" \
    --export-json "$dir/hyperfine-dry-run.json" "$CLI import --dry-run $certs"
  local dry_s
  dry_s=$(hyperfine_stat "$dir/hyperfine-dry-run.json" mean)
  result import "certwright import --dry-run (AOT parse only, incl. start)" \
    "$(fmt_f 2 "$dry_s") s = $(fmt_int "$(calc "$n / $dry_s")") certs/s; import / dry-run $(fmt_f 2 "$(calc "$import_s / $dry_s")")x" "" INFO
}
