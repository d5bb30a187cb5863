# shellcheck shell=bash
# Part (f): issuance of EC P-256 leaves from N CSRs, each durably stored (issue 4). Three numbers from the same run:
# the signing floor (`openssl speed -seconds 3 ecdsap256`, sign/s), `openssl ca -batch -infiles` over the CSRs in
# one process (certs/s), and `certwright issue --ca bench --profile server --csr-dir DIR --out-dir OUT` (certs/s).
# Targets: certwright >= 50 % of the sign rate, and >= 20x openssl ca.

# make_csrs DIR N: N P-256 CSRs (distinct keys, CN and DNS SAN host-I.bench.test), cached until --rebuild.
make_csrs() {
  local dir=$1 n=$2
  if [ "$REBUILD" = 0 ] && [ -f "$dir/done" ] && [ "$(cat "$dir/done")" = "$n" ]; then
    log "issue: $n CSRs cached in $dir"
    return 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir/csr"
  log "issue: generating $n P-256 CSRs in $dir (once; cached)"
  seq -w 1 "$n" | xargs -P "$(nproc)" -I{} openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout /dev/null -subj "/CN=host-{}.bench.test" -addext "subjectAltName=DNS:host-{}.bench.test" \
    -out "$dir/csr/{}.csr" 2>"$LOGS/issue-csr.err"
  [ "$(find "$dir/csr" -name '*.csr' | wc -l)" = "$n" ] || {
    echo "expected $n CSRs in $dir/csr"
    return 1
  }
  printf '%s\n' "$n" >"$dir/done"
}

# openssl_ca_setup DIR: a P-256 issuing CA and the smallest `openssl ca` configuration that issues server leaves.
openssl_ca_setup() {
  local dir=$1
  rm -rf "$dir"
  mkdir -p "$dir/newcerts"
  : >"$dir/index.txt"
  run_logged issue-openssl-ca-key openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" -subj "/CN=Bench openssl Issuing CA" -days 3650 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
  cat >"$dir/ca.cnf" <<CONF
[ ca ]
default_ca = bench
[ bench ]
dir = $dir
database = $dir/index.txt
new_certs_dir = $dir/newcerts
certificate = $dir/ca.crt
private_key = $dir/ca.key
rand_serial = yes
default_md = sha256
default_days = 90
policy = policy_any
unique_subject = no
copy_extensions = copy
x509_extensions = server_ext
[ policy_any ]
commonName = supplied
[ server_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CONF
}

part_issue() {
  local n=$1
  local dir="$WORK/issue"
  log "part (f) issue: $n P-256 leaves from CSRs"
  require_tools openssl xargs seq
  mkdir -p "$dir"

  # (i) The signing floor, in the same run.
  run_logged issue-openssl-speed openssl speed -seconds 3 ecdsap256
  local sign_rate
  sign_rate=$(awk '/ecdsa \(nistp256\)/ { print $(NF - 1) }' "$LOGS/issue-openssl-speed.log" | tail -n 1)
  is_number "${sign_rate%.*}" || {
    echo "cannot read the sign/s of 'openssl speed ecdsap256' (see $LOGS/issue-openssl-speed.log)"
    return 1
  }
  result issue "openssl speed -seconds 3 ecdsap256 (sign)" "$(fmt_int "$sign_rate") signs/s" "" INFO
  # Issuing from a CSR is one verify (proof of possession) and one sign at the least: with every core doing nothing
  # else, nproc / (1/sign + 1/verify) certificates per second is the ceiling any issuer reaches on this machine.
  local verify_rate cores ceiling
  verify_rate=$(awk '/ecdsa \(nistp256\)/ { print $NF }' "$LOGS/issue-openssl-speed.log" | tail -n 1)
  cores=$(nproc)
  if is_number "${verify_rate%.*}"; then
    ceiling=$(calc "$cores / (1 / $sign_rate + 1 / $verify_rate)")
    result issue "openssl speed ecdsap256 (verify)" "$(fmt_int "$verify_rate") verifies/s" "" INFO
    result issue "ceiling: $cores cores x (verify + sign) per CSR, nothing else" \
      "$(fmt_int "$ceiling") certs/s = $(fmt_f 2 "$(calc "$ceiling / $sign_rate")") of the sign rate" "" INFO
  fi

  make_csrs "$dir/csrs-$n" "$n"
  local csrs="$dir/csrs-$n/csr"

  # (ii) openssl ca over the same CSRs in one process. Counted in new_certs_dir: with several -infiles, OpenSSL 3's
  # -out keeps only the last certificate.
  openssl_ca_setup "$dir/openssl-ca"
  local t0 t1 ossl_s ossl_rate
  t0=$(now_s)
  (cd "$csrs" && run_logged issue-openssl-ca openssl ca -batch -config "$dir/openssl-ca/ca.cnf" -notext \
    -out "$dir/openssl-ca/issued.pem" -infiles ./*.csr)
  t1=$(now_s)
  local issued
  issued=$(find "$dir/openssl-ca/newcerts" -name '*.pem' | wc -l)
  [ "$issued" = "$n" ] || {
    echo "openssl ca issued $issued certificates, expected $n"
    return 1
  }
  ossl_s=$(calc "$t1 - $t0")
  ossl_rate=$(calc "$n / $ossl_s")
  result issue "openssl ca -batch -infiles, $n CSRs, 1 process" "$(fmt_f 2 "$ossl_s") s = $(fmt_int "$ossl_rate") certs/s" "" INFO

  # (iii) certwright issue, batch form, same CSRs.
  local problem
  if ! problem=$(cli_require issue --csr-dir --out-dir) || ! problem=$(cli_require ca); then
    pending issue "certwright issue --csr-dir, $n CSRs" "" "$problem"
    pending issue "ratio certwright / openssl speed sign rate" ">= 0.50" "$problem"
    pending issue "ratio certwright / openssl ca" ">= 20x" "$problem"
    return 1
  fi
  local data="$dir/data" out="$dir/out"
  rm -rf "$data" "$out"
  mkdir -p "$out"
  export CERTWRIGHT_KEY_PASSPHRASE="bench passphrase, not a secret"
  run_logged issue-ca-init "$CLI" --data "$data" ca init bench --key-type ec-p256
  t0=$(now_s)
  run_logged issue-certwright "$CLI" --data "$data" issue --ca bench --profile server --csr-dir "$csrs" --out-dir "$out"
  t1=$(now_s)
  issued=$(find "$out" -type f \( -name '*.crt' -o -name '*.pem' \) | wc -l)
  [ "$issued" = "$n" ] || {
    echo "certwright issue wrote $issued certificate files to $out, expected $n"
    return 1
  }
  local cw_s cw_rate
  cw_s=$(calc "$t1 - $t0")
  cw_rate=$(calc "$n / $cw_s")
  result issue "certwright issue --csr-dir, $n CSRs (wall, incl. start)" "$(fmt_f 2 "$cw_s") s = $(fmt_int "$cw_rate") certs/s" "" INFO
  local r1 r2
  r1=$(calc "$cw_rate / $sign_rate")
  r2=$(calc "$cw_rate / $ossl_rate")
  result issue "ratio certwright / openssl speed sign rate" "$(fmt_f 2 "$r1")" ">= 0.50" "$(at_least "$r1" 0.5)"
  [ -n "${ceiling:-}" ] && result issue "ratio certwright / ceiling (verify + sign on every core)" "$(fmt_f 2 "$(calc "$cw_rate / $ceiling")")" "" INFO
  result issue "ratio certwright / openssl ca" "$(fmt_f 1 "$r2")x" ">= 20x" "$(at_least "$r2" 20)"
}
