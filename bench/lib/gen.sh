# shellcheck shell=bash
# Test certificates from bench/CertGen, cached between runs: a directory whose manifest.json matches the
# requested count and bundle size is reused (generation writes the manifest last).

# ensure_leaves DIR COUNT PER_FILE: makes DIR/certs unless a matching set is there; reports the generator's rate.
ensure_leaves() {
  local dir=$1 count=$2 per_file=$3 part=$4
  local manifest="$dir/manifest.json"
  if [ "$REBUILD" != 1 ] && [ -f "$manifest" ] &&
    [ "$(jq -r '.count' "$manifest")" = "$count" ] && [ "$(jq -r '.perFile' "$manifest")" = "$per_file" ]; then
    log "reusing $(fmt_int "$count") certificates in $dir (generated $(jq -r '.generatedAt' "$manifest"))"
    result "$part" "certgen (cached from an earlier run)" "$(gen_summary "$manifest")" "" INFO
    return 0
  fi
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  log "generating $(fmt_int "$count") certificates, $per_file per file, into $dir"
  run_logged "certgen-$(basename "$dir")" "$CERTGEN" leaves --ca "$WORK/ca" --out "$dir" \
    --count "$count" --per-file "$per_file" --files-per-dir 1000
  sed 's/^/    /' "$LOGS/certgen-$(basename "$dir").log" >&2
  result "$part" "certgen: $(fmt_int "$count") certs, $per_file per file" "$(gen_summary "$manifest")" "" INFO
}

gen_summary() {
  local seconds rate signing
  seconds=$(jq -r '.seconds' "$1")
  rate=$(jq -r '.certificatesPerSecond' "$1")
  signing=$(jq -r '.signingCertificatesPerSecond' "$1")
  printf '%s s = %s certs/s (encode+sign alone: %s certs/s)' "$(fmt_f 1 "$seconds")" "$(fmt_int "$rate")" "$(fmt_int "$signing")"
}
