# shellcheck shell=bash
# Part (b): `certwright list --expiring-within 30d --json` on an inventory of N certificates, with process
# start included. The inventory is built once (bundles of certificates imported by certwright) and
# cached per size; references: `certwright --version` (start cost) and sqlite3 running the same query.

part_list() {
  local n=$1
  local dir="$WORK/list-$n" data="$WORK/list-$n/data"
  log "part (b) list: inventory of $(fmt_int "$n") certificates"
  ensure_leaves "$dir" "$n" "$BUNDLE_SIZE" list

  local problem
  if ! problem=$(cli_require list --expiring-within --json); then
    pending list "certwright list --expiring-within 30d --json" "< 100 ms" "$problem"
    return 1
  fi
  if ! problem=$(cli_require import); then
    pending list "certwright list --expiring-within 30d --json" "< 100 ms" "$problem"
    return 1
  fi

  build_inventory "$n" "$dir" "$data"

  # The generator recorded every notAfter: the expected row count is exact at any later time.
  local threshold expected
  threshold=$(($(date +%s) + 30 * 86400))
  expected=$(awk -v t="$threshold" '$1 <= t { c++ } END { print c + 0 }' "$dir/notafter.txt")
  run_logged list-check "$CLI" --data "$data" list --expiring-within 30d --json
  local rows
  rows=$(count_json_rows "$LOGS/list-check.log" '^(certificates|items|rows)$') || {
    echo "certwright printed no valid JSON document (see $LOGS/list-check.log)"
    return 1
  }
  local diff=$((rows - expected))
  if [ "${diff#-}" -gt 2 ]; then
    result list "matching rows (expired or expiring <= 30 d)" "$(fmt_int "$rows"), expected $(fmt_int "$expected")" "$(fmt_int "$expected")" FAIL
    echo "list returned $rows rows, the generator's manifest says $expected (a cached inventory from an older certwright? try --rebuild)"
    return 1
  fi
  result list "matching rows (expired or expiring <= 30 d)" \
    "$(fmt_int "$rows") of $(fmt_int "$n") ($(fmt_f 1 "$(calc "100 * $rows / $n")") %), expected $(fmt_int "$expected")" "" PASS

  log "certwright list: hyperfine, warm-up 3, $LIST_RUNS runs"
  run_logged list-hyperfine hyperfine -N --style basic --warmup 3 --runs "$LIST_RUNS" \
    --export-json "$dir/hyperfine-list.json" "$CLI --data $data list --expiring-within 30d --json"
  local list_s list_sd
  list_s=$(hyperfine_stat "$dir/hyperfine-list.json" mean)
  list_sd=$(hyperfine_stat "$dir/hyperfine-list.json" stddev)
  result list "certwright list --expiring-within 30d --json" \
    "$(fmt_ms "$list_s") ± $(fmt_ms "$list_sd") mean of $LIST_RUNS" "< 100 ms" "$(below "$list_s" 0.1)"

  run_logged list-version hyperfine -N --style basic --warmup 3 --runs "$LIST_RUNS" \
    --export-json "$dir/hyperfine-version.json" "$CLI --version"
  local version_s
  version_s=$(hyperfine_stat "$dir/hyperfine-version.json" mean)
  result list "certwright --version (process start)" "$(fmt_ms "$version_s")" "" INFO
  result list "ratio list / --version" "$(fmt_f 1 "$(calc "$list_s / $version_s")")x" "" INFO

  sqlite_reference "$dir" "$data" "$threshold" "$list_s"
}

# build_inventory N DIR DATA: imports the bundles once; a marker file records that the import finished.
build_inventory() {
  local n=$1 dir=$2 data=$3
  local marker="$data.complete"
  local version
  version=$("$CLI" --version 2>&1) || version="(--version failed)"
  version=${version%%$'\n'*}
  if [ "$REBUILD" != 1 ] && [ -f "$marker" ]; then
    log "reusing inventory $data ($(cat "$marker"))"
    grep -qF -- " by $version in " "$marker" ||
      note "the $n-certificate inventory was built by another certwright build than $version; rerun with --rebuild if its schema changed"
    result list "inventory of $(fmt_int "$n") (cached)" "$(cat "$marker")" "" INFO
    return 0
  fi
  rm -rf "$data" "$marker"
  log "building the inventory: certwright import of $(fmt_int "$n") certificates (once per size)"
  local t0 t1 seconds
  t0=$(now_s)
  run_logged list-build "$CLI" --data "$data" import "$dir/certs"
  t1=$(now_s)
  seconds=$(calc "$t1 - $t0")
  printf 'built %s by %s in %s s = %s certs/s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$version" \
    "$(fmt_f 1 "$seconds")" "$(fmt_int "$(calc "$n / $seconds")")" >"$marker"
  result list "inventory build: import $(fmt_int "$n") in bundles of $BUNDLE_SIZE" \
    "$(fmt_f 1 "$seconds") s = $(fmt_int "$(calc "$n / $seconds")") certs/s" "" INFO
}
