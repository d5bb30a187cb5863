# shellcheck shell=bash
# nginx serving one TLS certificate chain on many loopback ports, for part (c).

NGINX_PID=""

# pick_free_ports N BASE: prints N TCP ports >= BASE that nothing listens on. Stays below the kernel's
# ephemeral range so outgoing connections cannot take them between the check and nginx's bind.
pick_free_ports() {
  local n=$1 base=$2 top
  top=$(($(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range) - 1))
  ss -Htan | awk '{ n = split($4, a, ":"); print a[n] }' | sort -un >"$LOGS/ports-in-use.txt"
  awk -v n="$n" -v base="$base" -v top="$top" '
    NR == FNR { used[$1] = 1; next }
    END {
      c = 0
      for (p = base; p <= top && c < n; p++) if (!(p in used)) { print p; c++ }
      if (c < n) exit 1
    }' "$LOGS/ports-in-use.txt" /dev/null || {
    echo "fewer than $n free ports between $base and $top (try --port-base)" >&2
    return 1
  }
}

# write_nginx_conf DIR PORTS_FILE: one server block listening on every port, TLS 1.2 and 1.3, no session
# resumption (every connection is a full handshake, for wrk and for certwright alike).
write_nginx_conf() {
  local dir=$1 ports=$2
  mkdir -p "$dir/tmp"
  {
    cat <<CONF
worker_processes 2;
worker_rlimit_nofile 65536;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events {
    # nginx counts each listening socket as a connection: room for every port plus the clients.
    worker_connections 16384;
}
http {
    access_log off;
    default_type text/plain;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_certificate $dir/tls/server.crt;
    ssl_certificate_key $dir/tls/server.key;
    ssl_session_cache off;
    ssl_session_tickets off;
    server {
        server_name localhost;
CONF
    awk '{ printf "        listen 127.0.0.1:%s ssl;\n", $1 }' "$ports"
    cat <<CONF
        location / {
            return 200 "ok\n";
        }
    }
}
CONF
  } >"$dir/nginx.conf"
}

# start_nginx DIR PORTS_FILE: starts nginx in the foreground (as our child) and waits, bounded, until
# every port listens.
start_nginx() {
  local dir=$1 ports=$2
  run_logged nginx-test nginx -t -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log"
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' >"$LOGS/nginx.log" 2>&1 &
  NGINX_PID=$!
  local want listening deadline=$((SECONDS + 30))
  want=$(wc -l <"$ports")
  while :; do
    if ! kill -0 "$NGINX_PID" 2>/dev/null; then
      echo "nginx exited during start-up; $dir/error.log says:"
      tail -n 20 "$dir/error.log"
      NGINX_PID=""
      return 1
    fi
    listening=$(ss -Hltn | awk '{ n = split($4, a, ":"); print a[n] }' | sort -u | grep -cxFf "$ports" || true)
    [ "$listening" -ge "$want" ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "nginx listens on $listening of $want ports after 30 s; $dir/error.log says:"
      tail -n 20 "$dir/error.log"
      return 1
    fi
    sleep 0.2
  done
  log "nginx (pid $NGINX_PID) listens on $want loopback ports"
}

# stop_nginx: TERM to the master we started (it stops its workers), KILL after 10 s, workers too.
stop_nginx() {
  [ -n "$NGINX_PID" ] || return 0
  local workers
  workers=$(pgrep -P "$NGINX_PID" || true)
  kill -TERM "$NGINX_PID" 2>/dev/null || true
  local deadline=$((SECONDS + 10))
  while kill -0 "$NGINX_PID" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
  if kill -0 "$NGINX_PID" 2>/dev/null; then
    log "nginx did not stop on TERM; killing pid $NGINX_PID and its workers"
    # shellcheck disable=SC2086 # one pid per word
    kill -KILL "$NGINX_PID" $workers 2>/dev/null || true
  fi
  wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
}
