# shellcheck shell=bash
# Part (d): TLS probing of one nginx endpoint (TLS 1.0 to 1.3, OpenSSL's full cipher list at SECLEVEL 0).
# certwright probe (protocols + suites + groups) against sslscan, with the same result required; and
# certwright probe --protocols-only against testssl.sh -p.

part_probe() {
  local runs=$1
  local dir="$WORK/probe"
  log "part (d) probe: one nginx endpoint, $runs hyperfine runs"
  require_tools nginx sslscan testssl jq ss
  rm -rf "$dir"
  mkdir -p "$dir/tmp" "$dir/tls"
  run_logged probe-certgen "$CERTGEN" server --ca "$WORK/ca" --out "$dir/tls"
  pick_free_ports 1 "$PORT_BASE" >"$dir/ports.txt"
  local port
  port=$(head -n 1 "$dir/ports.txt")
  cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$port ssl;
        ssl_certificate $dir/tls/server.crt;
        ssl_certificate_key $dir/tls/server.key;
        ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
        ssl_ciphers 'ALL:@SECLEVEL=0';
        return 200 "ok\n";
    }
}
CONF
  trap stop_nginx EXIT
  start_nginx "$dir" "$dir/ports.txt"

  local problem
  if ! problem=$(cli_require probe --protocols-only --json); then
    pending probe "certwright probe vs sslscan" "< 0.5x" "$problem"
    pending probe "certwright probe --protocols-only vs testssl.sh -p" ">= 10x" "$problem"
    return 1
  fi

  # certwright exits 2 here (the site accepts anonymous suites: a critical finding), so hyperfine runs with -i.
  # Same result: accepted versions and, per version, the suite codes.
  run_logged probe-sslscan sslscan --no-colour "--xml=$dir/sslscan.xml" "127.0.0.1:$port"
  grep -o '<cipher [^>]*' "$dir/sslscan.xml" | sed -E 's/.*sslversion="([^"]+)".* id="([^"]+)".*/\1 \2/' | sort >"$dir/sslscan-suites.txt"
  "$CLI" probe "127.0.0.1:$port" --json >"$dir/probe.json" || true
  jq -r '.endpoints[0].protocols[] | select(.accepted) | .version as $v | .cipherSuites[] | "\($v) \(.code)"' "$dir/probe.json" | sort >"$dir/probe-suites.txt"
  if ! diff -u "$dir/sslscan-suites.txt" "$dir/probe-suites.txt" >"$LOGS/probe-diff.log"; then
    echo "certwright probe and sslscan disagree (see $LOGS/probe-diff.log)"
    return 1
  fi
  result probe "same suites as sslscan" "$(wc -l <"$dir/probe-suites.txt") version/suite pairs" "" INFO

  log "hyperfine: certwright probe vs sslscan, $runs runs"
  run_logged probe-hyperfine hyperfine -N -i --style basic --warmup 1 --runs "$runs" \
    --export-json "$dir/hyperfine-full.json" "$CLI probe 127.0.0.1:$port --json" "sslscan --no-colour 127.0.0.1:$port"
  local ours theirs ratio
  ours=$(jq -r '.results[0].mean' "$dir/hyperfine-full.json")
  theirs=$(jq -r '.results[1].mean' "$dir/hyperfine-full.json")
  ratio=$(calc "$ours / $theirs")
  result probe "certwright probe (full)" "$(fmt_ms "$ours")" "" INFO
  result probe "sslscan (full)" "$(fmt_ms "$theirs")" "" INFO
  result probe "ratio certwright / sslscan" "$(fmt_f 2 "$ratio")x" "< 0.5x" "$(below "$ratio" 0.5)"

  log "hyperfine: certwright probe --protocols-only vs testssl.sh -p (2 runs of testssl)"
  run_logged probe-hyperfine-p hyperfine -N -i --style basic --runs 2 \
    --export-json "$dir/hyperfine-p.json" "$CLI probe 127.0.0.1:$port --protocols-only --json" "testssl -p --warnings off --color 0 --quiet 127.0.0.1:$port"
  ours=$(jq -r '.results[0].mean' "$dir/hyperfine-p.json")
  theirs=$(jq -r '.results[1].mean' "$dir/hyperfine-p.json")
  ratio=$(calc "$theirs / $ours")
  result probe "certwright probe --protocols-only" "$(fmt_ms "$ours")" "" INFO
  result probe "testssl.sh -p" "$(fmt_ms "$theirs")" "" INFO
  result probe "speed-up over testssl.sh -p" "$(fmt_f 1 "$ratio")x" ">= 10x" "$(at_least "$ratio" 10)"
}
