#!/bin/bash
# Scan benchmark: nginx with COUNT TLS server blocks on 127.0.0.1 ports BASE.., one EC P-256 certificate;
# scans them all at CONCURRENCY, then runs wrk against one port for comparison. Loopback only.
# Usage: bench/ScanBench/run-scan-bench.sh [COUNT=1000] [CONCURRENCY=64] [ROUNDS=5] [BASE=30000]
set -euo pipefail
COUNT=${1:-1000}; CONCURRENCY=${2:-64}; ROUNDS=${3:-5}; BASE=${4:-30000}
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(mktemp -d /tmp/scan-bench.XXXXXX)
trap 'kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; rm -rf "$DIR"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$DIR/key.pem" -out "$DIR/cert.pem" \
  -subj /CN=bench.test -days 2 2>/dev/null
{
  echo "master_process off; worker_processes 1; worker_rlimit_nofile 16384; pid $DIR/nginx.pid; error_log $DIR/error.log warn;"
  echo "events { worker_connections 8192; }"
  echo "http { access_log off; client_body_temp_path $DIR/cb; proxy_temp_path $DIR/p; fastcgi_temp_path $DIR/f;"
  echo "  uwsgi_temp_path $DIR/u; scgi_temp_path $DIR/s; ssl_session_tickets off;"
  echo "  ssl_certificate $DIR/cert.pem; ssl_certificate_key $DIR/key.pem; ssl_protocols TLSv1.2 TLSv1.3;"
  for ((i = 0; i < COUNT; i++)); do echo "  server { listen 127.0.0.1:$((BASE + i)) ssl; return 200 \"ok\n\"; }"; done
  echo "}"
} > "$DIR/nginx.conf"
nginx -p "$DIR" -c "$DIR/nginx.conf" -e "$DIR/error.log" -g 'daemon off;' &
NGINX_PID=$!
for _ in $(seq 1 200); do
  [ "$(ss -ltnH "sport >= :$BASE and sport < :$((BASE + COUNT))" | wc -l)" -ge "$COUNT" ] && break
  sleep 0.1
done
dotnet build -c Release "$HERE/ScanBench.csproj" -o "$DIR/bin" -v quiet -nologo >/dev/null
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$DIR/bin/ScanBench.dll" "$BASE" "$COUNT" "$CONCURRENCY" "$ROUNDS"
if command -v wrk >/dev/null; then
  echo "wrk -t 2 -c $CONCURRENCY -d 5s -H 'Connection: close' https://127.0.0.1:$BASE/"
  wrk -t 2 -c "$CONCURRENCY" -d 5s -H 'Connection: close' "https://127.0.0.1:$BASE/" | grep -E 'requests in|Requests/sec'
fi
