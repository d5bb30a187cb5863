# shellcheck shell=bash
# Part (h): one `certwright renew` run over N managed certificates from the private CA, each deployed as files in
# certbot's live/ layout (issue 5). The managed certificates are defined once (cached as a template data directory,
# copied fresh for every run), then three runs are timed: the first issuance and deployment of all N, a run with
# nothing due, and `renew --force` (N renewals replacing existing deployments). Reference from the same run:
# `openssl ca` signing N CSRs in one process (no key generation, no deployment). Target: each full run < 10 s.

# renew_template DIR N DEPLOY: a data directory with CA 'bench' and N managed certificates (never renewed) deploying
# to DEPLOY/hI, cached until --rebuild.
renew_template() {
  local dir=$1 n=$2 deploy=$3
  if [ "$REBUILD" = 0 ] && [ -f "$dir/done" ] && [ "$(cat "$dir/done")" = "$n" ]; then
    log "renew: $n managed certificates cached in $dir"
    return 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  log "renew: defining $n managed certificates in $dir (once; cached)"
  run_logged renew-ca-init "$CLI" --data "$dir/data" ca init bench --key-type ec-p256
  local i
  for i in $(seq -w 1 "$n"); do
    "$CLI" --data "$dir/data" managed add "h$i" --ca bench --profile server --domain "host-$i.bench.test" \
      --deploy-dir "$deploy/h$i" >>"$LOGS/renew-managed-add.log" 2>&1 || {
      echo "managed add h$i failed (see $LOGS/renew-managed-add.log)"
      return 1
    }
  done
  printf '%s\n' "$n" >"$dir/done"
}

part_renew() {
  local n=$1
  local dir="$WORK/renew"
  log "part (h) renew: $n managed certificates, each deployed as files"
  require_tools openssl xargs seq
  mkdir -p "$dir"

  # Reference: openssl ca over N CSRs in one process (the CSRs and CA of part (f)).
  make_csrs "$WORK/issue/csrs-$n" "$n"
  openssl_ca_setup "$dir/openssl-ca"
  local t0 t1 ossl_s
  t0=$(now_s)
  (cd "$WORK/issue/csrs-$n/csr" && run_logged renew-openssl-ca openssl ca -batch -config "$dir/openssl-ca/ca.cnf" -notext \
    -out "$dir/openssl-ca/issued.pem" -infiles ./*.csr)
  t1=$(now_s)
  ossl_s=$(calc "$t1 - $t0")
  result renew "openssl ca -batch -infiles, $n CSRs (reference)" "$(fmt_f 2 "$ossl_s") s" "" INFO

  local problem
  if ! problem=$(cli_require renew --force --dry-run) || ! problem=$(cli_require managed); then
    pending renew "certwright renew, $n managed, first issuance" "< 10 s" "$problem"
    pending renew "certwright renew --force, $n managed" "< 10 s" "$problem"
    return 1
  fi
  export CERTWRIGHT_KEY_PASSPHRASE="bench passphrase, not a secret"
  # The template's managed certificates deploy to $dir/deploy-N, emptied before every run.
  local deploy="$dir/deploy-$n" run="$dir/run"
  renew_template "$dir/template-$n" "$n" "$deploy"
  rm -rf "$run" "$deploy"
  mkdir -p "$run"
  cp -a "$dir/template-$n/data" "$run/data"

  local first_s idle_s force_s deployed
  t0=$(now_s)
  run_logged renew-first "$CLI" --data "$run/data" renew
  t1=$(now_s)
  first_s=$(calc "$t1 - $t0")
  deployed=$(find "$deploy" -maxdepth 2 -name cert.pem | wc -l)
  [ "$deployed" = "$n" ] || {
    echo "certwright renew deployed $deployed certificates, expected $n"
    return 1
  }
  t0=$(now_s)
  run_logged renew-idle "$CLI" --data "$run/data" renew
  t1=$(now_s)
  idle_s=$(calc "$t1 - $t0")
  t0=$(now_s)
  run_logged renew-force "$CLI" --data "$run/data" renew --force
  t1=$(now_s)
  force_s=$(calc "$t1 - $t0")
  grep -q "^renew: $n managed: $n renewed, 0 not due, 0 failed" "$LOGS/renew-force.log" || {
    echo "renew --force did not renew all $n (see $LOGS/renew-force.log)"
    return 1
  }
  result renew "certwright renew, $n managed, first issuance+deploy" "$(fmt_f 2 "$first_s") s" "< 10 s" "$(below "$first_s" 10)"
  result renew "certwright renew, $n managed, nothing due" "$(fmt_f 3 "$idle_s") s" "" INFO
  result renew "certwright renew --force, $n managed (replace deployed)" "$(fmt_f 2 "$force_s") s" "< 10 s" "$(below "$force_s" 10)"
  result renew "ratio renew --force / openssl ca (signing only)" "$(fmt_f 2 "$(calc "$force_s / $ossl_s")")x" "" INFO
}
