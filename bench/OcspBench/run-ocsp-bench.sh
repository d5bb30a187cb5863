#!/usr/bin/env bash
# OCSP responder benchmark (issue 4 target): wrk at 64 connections on loopback against
#   (1) certwright ocsp serve, POST and GET of a pre-signed answer,
#   (2) nginx (2 workers) serving the same DER response as a static file,
#   (3) openssl ocsp -index as a responder (one process), POST. openssl 3.0 answers HTTP/1.0 with the body ended by
#       closing the connection, which wrk does not count as a response: ab (apache2-utils, one connection per request)
#       measures it, and certwright too with the same ab command for a like-for-like ratio.
# Prints requests/s and the ratios certwright/nginx (target >= 0.6) and certwright/openssl (target >= 5).
# usage: bench/OcspBench/run-ocsp-bench.sh [--cli PATH] [--seconds 10] [--connections 64] [--work DIR]
set -euo pipefail
export LC_ALL=C
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CLI="" SECONDS_RUN=10 CONNECTIONS=64 WORK="$ROOT/bench/work/ocsp"
while [ $# -gt 0 ]; do
  case "$1" in
    --cli) CLI=$2; shift ;;
    --seconds) SECONDS_RUN=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --work) WORK=$2; shift ;;
    -h | --help) sed -n 2,8p "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
for tool in wrk ab nginx openssl curl dotnet ss; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "missing $tool (apt-get install wrk apache2-utils nginx openssl curl iproute2)" >&2; exit 1; }
done

rm -rf "$WORK" && mkdir -p "$WORK/data" "$WORK/pki" "$WORK/nginx" "$WORK/openssl"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

free_port() { local p=$1; while ss -ltn | awk '{print $4}' | grep -q ":$p\$"; do p=$((p + 1)); done; echo "$p"; }
wait_port() { for _ in $(seq 1 300); do ss -ltn | awk '{print $4}' | grep -q ":$1\$" && return 0; sleep 0.1; done; echo "port $1 never listened" >&2; return 1; }
rate() { awk '/Requests\/sec/ { print int($2) }' "$1"; }

if [ -z "$CLI" ]; then
  dotnet publish "$ROOT/src/Certwright.Cli" -c Release -o "$WORK/cli" >"$WORK/publish.log" 2>&1
  CLI="$WORK/cli/certwright"
fi
dotnet run --project "$HERE" -c Release -- setup "$WORK/data" "bench passphrase" "$WORK/pki" 1000 >"$WORK/setup.log" 2>&1
printf 'bench passphrase\n' >"$WORK/passphrase"

# (1) certwright
P1=$(free_port 21000)
"$CLI" --data "$WORK/data" ocsp serve --listen "http://127.0.0.1:$P1" --key-passphrase-file "$WORK/passphrase" >"$WORK/certwright.log" 2>&1 &
PIDS+=($!)
wait_port "$P1"
openssl ocsp -issuer "$WORK/pki/ca.pem" -cert "$WORK/pki/leaf.pem" -no_nonce -reqout "$WORK/req.der" >/dev/null 2>&1
curl -sf --data-binary @"$WORK/req.der" -H 'Content-Type: application/ocsp-request' "http://127.0.0.1:$P1/ocsp" -o "$WORK/resp.der"
openssl ocsp -respin "$WORK/resp.der" -issuer "$WORK/pki/ca.pem" -cert "$WORK/pki/leaf.pem" -CAfile "$WORK/pki/root.pem" 2>&1 | grep -q ': good' \
  || { echo "certwright's answer does not verify as good" >&2; exit 1; }
GET_PATH="/ocsp/$(base64 -w0 "$WORK/req.der" | sed 's/+/%2B/g; s#/#%2F#g; s/=/%3D/g')"
OCSP_REQUEST="$WORK/req.der" wrk -t 2 -c "$CONNECTIONS" -d "${SECONDS_RUN}s" -s "$HERE/post.lua" "http://127.0.0.1:$P1/ocsp" >"$WORK/wrk-certwright-post.txt"
wrk -t 2 -c "$CONNECTIONS" -d "${SECONDS_RUN}s" "http://127.0.0.1:$P1$GET_PATH" >"$WORK/wrk-certwright-get.txt"
ab -q -c "$CONNECTIONS" -t "$SECONDS_RUN" -n 100000000 -p "$WORK/req.der" -T application/ocsp-request "http://127.0.0.1:$P1/ocsp" >"$WORK/ab-certwright.txt" 2>&1
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true

# (2) nginx, 2 workers, the same DER as a static file
P2=$(free_port $((P1 + 1)))
cp "$WORK/resp.der" "$WORK/nginx/ocsp.der"
cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes 2;
error_log $WORK/nginx/error.log;
pid $WORK/nginx/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx; uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server {
    listen 127.0.0.1:$P2;
    root $WORK/nginx;
    location = /ocsp { default_type application/ocsp-response; try_files /ocsp.der =404; }
  }
}
NGINX
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_port "$P2"
curl -sf "http://127.0.0.1:$P2/ocsp" | cmp -s - "$WORK/resp.der" || { echo "nginx does not serve the DER response" >&2; exit 1; }
wrk -t 2 -c "$CONNECTIONS" -d "${SECONDS_RUN}s" "http://127.0.0.1:$P2/ocsp" >"$WORK/wrk-nginx.txt"

# (3) openssl ocsp -index, one process, its own CA (it needs the CA key in PEM)
cd "$WORK/openssl"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -subj /CN=openssl-bench-ca -days 3650 >/dev/null 2>&1
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key -out leaf.csr -subj /CN=leaf >/dev/null 2>&1
openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -set_serial 0x1234 -days 365 -out leaf.pem >/dev/null 2>&1
printf 'V\t%s\t\t1234\tunknown\t/CN=leaf\n' "$(date -u -d '+1 year' +%y%m%d%H%M%SZ)" >index.txt
openssl ocsp -issuer ca.pem -cert leaf.pem -no_nonce -reqout req.der >/dev/null 2>&1
P3=$(free_port $((P2 + 1)))
# openssl 3.0 takes only a port number here (it binds every address); wrk connects over loopback.
openssl ocsp -index index.txt -port "$P3" -rsigner ca.pem -rkey ca.key -CA ca.pem -nmin 60 >"$WORK/openssl.log" 2>&1 &
PIDS+=($!)
wait_port "$P3"
ab -q -c "$CONNECTIONS" -t "$SECONDS_RUN" -n 100000000 -p "$WORK/openssl/req.der" -T application/ocsp-request "http://127.0.0.1:$P3/" >"$WORK/ab-openssl.txt" 2>&1
cd "$ROOT"

post=$(rate "$WORK/wrk-certwright-post.txt") get=$(rate "$WORK/wrk-certwright-get.txt")
ngx=$(rate "$WORK/wrk-nginx.txt")
abrate() { awk '/Requests per second/ { print int($4) }' "$1"; }
abcw=$(abrate "$WORK/ab-certwright.txt") ossl=$(abrate "$WORK/ab-openssl.txt")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
printf '%-40s %10s\n' "responder (wrk -c $CONNECTIONS, ${SECONDS_RUN}s)" "requests/s"
printf '%-40s %10s\n' "certwright ocsp serve, POST (wrk)" "$post" "certwright ocsp serve, GET (wrk)" "$get" "nginx 2 workers, static DER (GET, wrk)" "$ngx" \
  "certwright ocsp serve, POST (ab)" "$abcw" "openssl ocsp -index, POST (ab)" "$ossl"
printf 'POST/nginx %s, GET/nginx %s (target >= 0.60); certwright/openssl %s with ab, wrk-POST/ab-openssl %s (target >= 5)\n' \
  "$(ratio "$post" "$ngx")" "$(ratio "$get" "$ngx")" "$(ratio "$abcw" "$ossl")" "$(ratio "$post" "$ossl")"
grep -h 'Non-2xx\|Socket errors' "$WORK"/wrk-*.txt || true
grep -h 'Non-2xx\|Exceptions' "$WORK"/ab-*.txt || true
