#!/usr/bin/env bash
# Builds certwright and runs its main job on the embedded SQLite inventory (no server to install):
#   1. publish the CLI (Native AOT) to ./out/certwright
#   2. import every certificate under the given paths (default: /etc/ssl/certs)
#   3. start a throwaway TLS endpoint on 127.0.0.1 whose certificate expires in 20 days, and scan it
#   4. list what expires within 30 days
# The inventory lives in $CERTWRIGHT_DATA (default: ./quickstart-data), so your own stays untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

command -v dotnet >/dev/null || { echo "quickstart: the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }

# Native AOT links with clang; install it (Debian) when we can, else publish a framework-dependent build.
aot=true
if ! command -v clang >/dev/null || ! dpkg-query -W -f='${Status}' zlib1g-dev 2>/dev/null | grep -q "ok installed"; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev openssl >/dev/null
  else
    echo "quickstart: clang/zlib1g-dev missing and not root: building without Native AOT (slower start-up)" >&2
    aot=false
  fi
fi

echo "==> publishing certwright to out/ (Native AOT: $aot)"
dotnet publish src/Certwright.Cli -c Release -o "$root/out" -p:PublishAot=$aot --nologo -v quiet
cw="$root/out/certwright"
[ -x "$cw" ] || cw="$root/out/Certwright.Cli"

export CERTWRIGHT_DATA="${CERTWRIGHT_DATA:-$root/quickstart-data}"
echo "==> inventory: $CERTWRIGHT_DATA"

paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(/etc/ssl/certs)
echo "==> certwright import ${paths[*]}"
"$cw" import "${paths[@]}" || echo "(import reported problems above; what was readable is recorded)"

echo "==> starting a demo TLS endpoint on 127.0.0.1 with a certificate that expires in 20 days"
demo=$(mktemp -d)
trap 'kill "${server_pid:-0}" 2>/dev/null || true; rm -rf "$demo"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 20 \
  -subj "/CN=demo.certwright.test" -addext "subjectAltName=DNS:demo.certwright.test,DNS:localhost" \
  -keyout "$demo/key.pem" -out "$demo/cert.pem" 2>/dev/null
port=$(( 40000 + RANDOM % 20000 ))
openssl s_server -quiet -www -accept "127.0.0.1:$port" -cert "$demo/cert.pem" -key "$demo/key.pem" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q ":$(printf '%04X' "$port") 00000000:0000 0A" /proc/net/tcp 2>/dev/null && break
  sleep 0.05
done

echo "==> certwright scan localhost:$port --ca-file cert.pem   (exit code follows Nagios: 1 = WARNING)"
"$cw" scan "localhost:$port" --ca-file "$demo/cert.pem" || echo "(scan exit code $?)"

echo "==> certwright list --expiring-within 30d"
"$cw" list --expiring-within 30d
