#!/usr/bin/env bash
# Installs the real components the tests drive (Debian packages). Quick when they are already there.
set -euo pipefail

packages=(
  openssl ca-certificates        # s_server, s_client, x509/pkcs12/crl2pkcs7 fixtures, verify oracle
  nginx                          # TLS endpoints with many server blocks; OCSP stapling and mTLS end to end
  curl                           # mTLS client and CRL downloads in the end-to-end tests
  sslscan                        # reference for the TLS prober (protocols, cipher suites)
  testssl.sh                     # reference for the TLS prober (protocols)
  default-jre-headless           # keytool: real JKS and PKCS#12 keystores
  clang zlib1g-dev               # Native AOT publish of the CLI
  iproute2 procps                # ss, process inspection in fixtures
  exim4-daemon-light             # STARTTLS: SMTP
  dovecot-imapd dovecot-pop3d    # STARTTLS: IMAP, POP3
  vsftpd                         # STARTTLS: FTP (AUTH TLS)
  slapd                          # STARTTLS: LDAP
  postgresql                     # STARTTLS: PostgreSQL SSLRequest
  softhsm2                       # PKCS#11 HSM: keys generated and signing in a token
  opensc                         # pkcs11-tool: independent view of the token objects
  pebble                         # ACME CA (and pebble-challtestsrv) for the ACME client end to end
  certbot lego                   # ACME clients of Certwright's ACME server
  mount                          # mount/umount a tiny tmpfs: the renewal disk-full test (needs root, as CI)
)

if [ "$(id -u)" -ne 0 ]; then
  sudo=sudo
else
  sudo=
fi

missing=()
for p in "${packages[@]}"; do
  case "$p" in \#*) continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  # Services from these packages must not start on install: tests start their own on free ports.
  created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
    created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [ "$created_policy" = 1 ]; then $sudo rm -f /usr/sbin/policy-rc.d; fi
fi
