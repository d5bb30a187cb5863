# shellcheck shell=bash
# Part (g): the OCSP responder (issue 4). A CA made with `certwright ca init`, N leaves from `certwright issue --csr-dir`,
# then, in the same run, requests/s at C connections for S seconds against:
#   certwright ocsp serve, POST and GET (wrk, keep-alive) and POST with ab (a connection per request);
#   nginx, 2 workers, serving the same pre-signed DER answer as a static file (wrk, keep-alive);
#   openssl ocsp -index as a responder (ab: it answers HTTP/1.0 and closes the connection, which wrk cannot count).
# Targets: certwright (wrk) >= 0.60x nginx (wrk); certwright (wrk, keep-alive) >= 5x openssl ocsp (ab). See bench/README.md.

OCSP_PIDS=()

# shellcheck disable=SC2317 # called by the EXIT trap
ocsp_cleanup() {
  local pid
  for pid in "${OCSP_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${OCSP_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  OCSP_PIDS=()
  stop_nginx
}

# ocsp_stop PID: stops one responder this part started and forgets it.
ocsp_stop() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local kept=() pid
  for pid in "${OCSP_PIDS[@]}"; do
    [ "$pid" = "$1" ] || kept+=("$pid")
  done
  OCSP_PIDS=("${kept[@]}")
}

# wait_listening PORT PID WHAT: bounded (30 s) wait until PORT listens, failing early when PID exits.
wait_listening() {
  local port=$1 pid=$2 what=$3 deadline=$((SECONDS + 30))
  until ss -Hltn "sport = :$port" | grep -q .; do
    kill -0 "$pid" 2>/dev/null || {
      echo "$what exited before listening on $port"
      return 1
    }
    [ "$SECONDS" -lt "$deadline" ] || {
      echo "$what does not listen on $port after 30 s"
      return 1
    }
    sleep 0.1
  done
}

# wrk_rate FILE / ab_rate FILE: requests/s; wrk_errors FILE: non-2xx + socket errors; ab_failed FILE: connect, receive
# and exception failures + non-2xx. ab's "Length" failures are not errors here: openssl ocsp signs each answer anew and
# an ECDSA signature's DER length varies by a byte or two.
wrk_rate() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
ab_rate() { awk '/^Requests per second:/ { print $4 }' "$1"; }
ab_failed() {
  awk '/^ +\(Connect: / { gsub(/[(),]/, ""); f = $2 + $4 + $8 } /^Non-2xx responses:/ { n = $3 } END { print f + n }' "$1"
}
wrk_errors() {
  awk '/Non-2xx or 3xx responses:/ { e += $NF } /Socket errors:/ { gsub(",", ""); e += $4 + $6 + $8 + $10 } END { print e + 0 }' "$1"
}

# ocsp_wrk NAME URL [wrk args...]: wrk at C connections for S seconds; fails on errors or a zero rate.
ocsp_wrk() {
  local name=$1 url=$2
  shift 2
  run_logged "ocsp-wrk-$name" wrk -t 2 -c "$CONCURRENCY" -d "${WRK_SECONDS}s" "$@" "$url"
  local errors
  errors=$(wrk_errors "$LOGS/ocsp-wrk-$name.log")
  [ "$errors" = 0 ] || {
    echo "wrk against $name saw $errors errors (see $LOGS/ocsp-wrk-$name.log)"
    return 1
  }
}

# ocsp_ab NAME URL REQUEST: ab -c C -t S POSTing REQUEST; fails when any request failed.
ocsp_ab() {
  local name=$1 url=$2 request=$3
  run_logged "ocsp-ab-$name" ab -q -c "$CONCURRENCY" -t "$WRK_SECONDS" -n 100000000 -p "$request" -T application/ocsp-request "$url"
  local failed
  failed=$(ab_failed "$LOGS/ocsp-ab-$name.log")
  [ "$failed" = 0 ] || {
    echo "ab against $name saw $failed failed or non-2xx requests (see $LOGS/ocsp-ab-$name.log)"
    return 1
  }
}

part_ocsp() {
  local n=$1
  local dir="$WORK/ocsp"
  log "part (g) ocsp: responder over $n issued leaves, wrk/ab -c $CONCURRENCY for ${WRK_SECONDS}s each"
  require_tools wrk ab nginx openssl curl ss base64
  trap ocsp_cleanup EXIT
  local problem
  if ! problem=$(cli_require ca) || ! problem=$(cli_require issue --csr-dir --out-dir) || ! problem=$(cli_require ocsp); then
    pending ocsp "certwright ocsp serve POST/GET (wrk)" "" "$problem"
    return 1
  fi
  rm -rf "$dir"
  mkdir -p "$dir/out" "$dir/nginx/tmp" "$dir/openssl"

  # The CA and its N leaves, through the CLI as an operator would (the CSRs are part (f)'s, cached).
  make_csrs "$WORK/issue/csrs-$n" "$n"
  export CERTWRIGHT_KEY_PASSPHRASE="bench passphrase, not a secret"
  local data="$dir/data"
  run_logged ocsp-ca-init "$CLI" --data "$data" ca init bench --key-type ec-p256
  run_logged ocsp-issue "$CLI" --data "$data" issue --ca bench --profile server --csr-dir "$WORK/issue/csrs-$n/csr" --out-dir "$dir/out"
  local issued leaf
  issued=$(find "$dir/out" -name '*.crt' | wc -l)
  [ "$issued" = "$n" ] || {
    echo "certwright issue wrote $issued certificates, expected $n"
    return 1
  }
  # -quit, not `| head`: with pipefail a SIGPIPE to the writer would end the part.
  leaf=$(find "$dir/out" -name '*.crt' -print -quit)
  "$CLI" --data "$data" ca cert bench --root >"$dir/root.pem"
  "$CLI" --data "$data" ca cert bench >"$dir/ca.pem"
  openssl ocsp -issuer "$dir/ca.pem" -cert "$leaf" -no_nonce -reqout "$dir/req.der" >/dev/null 2>&1

  # (i) certwright ocsp serve: POST and GET with wrk (keep-alive), POST with ab (a connection per request).
  local port
  port=$(pick_free_ports 1 "$PORT_BASE")
  "$CLI" --data "$data" ocsp serve --listen "http://127.0.0.1:$port" >"$LOGS/ocsp-serve.log" 2>&1 &
  local serve_pid=$!
  OCSP_PIDS+=("$serve_pid")
  wait_listening "$port" "$serve_pid" "certwright ocsp serve"
  curl -sS --fail --max-time 10 --data-binary @"$dir/req.der" -H 'Content-Type: application/ocsp-request' \
    "http://127.0.0.1:$port/ocsp" -o "$dir/resp.der"
  openssl ocsp -respin "$dir/resp.der" -issuer "$dir/ca.pem" -cert "$leaf" -CAfile "$dir/root.pem" >"$LOGS/ocsp-check.log" 2>&1
  if ! grep -q ': good$' "$LOGS/ocsp-check.log" || ! grep -q 'Response verify OK' "$LOGS/ocsp-check.log"; then
    echo "certwright's answer does not verify as good (see $LOGS/ocsp-check.log)"
    return 1
  fi
  local get_path
  get_path="/ocsp/$(base64 -w0 "$dir/req.der" | sed 's/+/%2B/g; s#/#%2F#g; s/=/%3D/g')"
  OCSP_REQUEST="$dir/req.der" ocsp_wrk certwright-post "http://127.0.0.1:$port/ocsp" -s "$BENCH_DIR/OcspBench/post.lua"
  ocsp_wrk certwright-get "http://127.0.0.1:$port$get_path"
  ocsp_ab certwright "http://127.0.0.1:$port/ocsp" "$dir/req.der"
  ocsp_stop "$serve_pid"
  local post get ab_cw
  post=$(wrk_rate "$LOGS/ocsp-wrk-certwright-post.log")
  get=$(wrk_rate "$LOGS/ocsp-wrk-certwright-get.log")
  ab_cw=$(ab_rate "$LOGS/ocsp-ab-certwright.log")
  result ocsp "certwright ocsp serve POST (wrk, keep-alive)" "$(fmt_int "$post") req/s" "" INFO
  result ocsp "certwright ocsp serve GET (wrk, keep-alive)" "$(fmt_int "$get") req/s" "" INFO
  result ocsp "certwright ocsp serve POST (ab, conn/request)" "$(fmt_int "$ab_cw") req/s" "" INFO

  # (ii) nginx, 2 workers, the same DER answer as a static file.
  cp "$dir/resp.der" "$dir/nginx/ocsp.der"
  port=$(pick_free_ports 1 "$PORT_BASE")
  printf '%s\n' "$port" >"$dir/nginx/ports.txt"
  cat >"$dir/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $dir/nginx/tmp/body;
    proxy_temp_path $dir/nginx/tmp/proxy;
    fastcgi_temp_path $dir/nginx/tmp/fastcgi;
    uwsgi_temp_path $dir/nginx/tmp/uwsgi;
    scgi_temp_path $dir/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        root $dir/nginx;
        location = /ocsp {
            default_type application/ocsp-response;
            try_files /ocsp.der =404;
        }
    }
}
CONF
  start_nginx "$dir/nginx" "$dir/nginx/ports.txt"
  curl -sS --fail --max-time 10 "http://127.0.0.1:$port/ocsp" -o "$dir/nginx-resp.der"
  cmp -s "$dir/nginx-resp.der" "$dir/resp.der" || {
    echo "nginx does not serve the same DER answer"
    return 1
  }
  ocsp_wrk nginx "http://127.0.0.1:$port/ocsp"
  stop_nginx
  local ngx
  ngx=$(wrk_rate "$LOGS/ocsp-wrk-nginx.log")
  result ocsp "nginx 2 workers, static DER (wrk, keep-alive)" "$(fmt_int "$ngx") req/s" "" INFO

  # (iii) openssl ocsp -index: one process, its own P-256 CA (it needs the signing key as a plain PEM file), an index of
  # N valid entries like certwright's ledger, asked for one of them.
  local o="$dir/openssl"
  run_logged ocsp-openssl-ca openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$o/ca.key" \
    -out "$o/ca.pem" -subj /CN=openssl-bench-ca -days 3650
  run_logged ocsp-openssl-leaf openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$o/leaf.key" \
    -out "$o/leaf.pem" -subj /CN=leaf -CA "$o/ca.pem" -CAkey "$o/ca.key" -set_serial 0x1000 -days 365
  local expires
  expires=$(date -u -d '+1 year' +%y%m%d%H%M%SZ)
  awk -v n="$n" -v e="$expires" 'BEGIN { for (i = 0; i < n; i++) printf "V\t%s\t\t%X\tunknown\t/CN=leaf%d\n", e, 4096 + i, i }' >"$o/index.txt"
  openssl ocsp -issuer "$o/ca.pem" -cert "$o/leaf.pem" -no_nonce -reqout "$o/req.der" >/dev/null 2>&1
  port=$(pick_free_ports 1 "$PORT_BASE")
  # openssl 3.0 takes a port number only here (it binds every address); the clients connect over loopback.
  openssl ocsp -index "$o/index.txt" -port "$port" -rsigner "$o/ca.pem" -rkey "$o/ca.key" -CA "$o/ca.pem" -nmin 60 \
    >"$LOGS/ocsp-openssl.log" 2>&1 &
  local ossl_pid=$!
  OCSP_PIDS+=("$ossl_pid")
  wait_listening "$port" "$ossl_pid" "openssl ocsp"
  curl -sS --fail --max-time 10 --data-binary @"$o/req.der" -H 'Content-Type: application/ocsp-request' \
    "http://127.0.0.1:$port/" -o "$o/resp.der"
  openssl ocsp -respin "$o/resp.der" -issuer "$o/ca.pem" -cert "$o/leaf.pem" -CAfile "$o/ca.pem" 2>&1 | grep -q ': good$' || {
    echo "openssl ocsp's answer does not verify as good"
    return 1
  }
  ocsp_ab openssl "http://127.0.0.1:$port/" "$o/req.der"
  ocsp_stop "$ossl_pid"
  local ossl
  ossl=$(ab_rate "$LOGS/ocsp-ab-openssl.log")
  result ocsp "openssl ocsp -index, 1 process (ab, conn/request)" "$(fmt_int "$ossl") req/s" "" INFO

  local r_post r_get r_target r_like
  r_post=$(calc "$post / $ngx")
  r_get=$(calc "$get / $ngx")
  r_target=$(calc "($post < $get ? $post : $get) / $ossl")
  r_like=$(calc "$ab_cw / $ossl")
  result ocsp "ratio certwright POST / nginx (both wrk)" "$(fmt_f 2 "$r_post")" ">= 0.60" "$(at_least "$r_post" 0.6)"
  result ocsp "ratio certwright GET / nginx (both wrk)" "$(fmt_f 2 "$r_get")" ">= 0.60" "$(at_least "$r_get" 0.6)"
  result ocsp "ratio certwright min(POST,GET) wrk / openssl ab" "$(fmt_f 1 "$r_target")x" ">= 5x" "$(at_least "$r_target" 5)"
  result ocsp "ratio certwright / openssl, both ab (like for like)" "$(fmt_f 2 "$r_like")x" "" INFO
  note "ocsp: openssl ocsp answers HTTP/1.0 and closes each connection, so only ab (a connection per request) can measure it; the 5x target compares it with certwright's keep-alive rate (wrk), the like-for-like ab row is bound by ab and TCP set-up"
}
