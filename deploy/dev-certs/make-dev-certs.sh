#!/usr/bin/env bash
# Makes a local certificate authority and the certificates of the valore
# services, for development and for test installations. A production
# installation should take its certificates from a real PKI instead.
#
#   deploy/dev-certs/make-dev-certs.sh OUT_DIR [EXTRA_SAN...]
#
# Writes into OUT_DIR:
#   ca.pem, ca.key                    the CA (EC P-256, 10 years); kept if present
#   catalog.pem, catalog.key          CN valore-catalog
#   capture.pem, capture.key          CN valore-capture
#   aggregation.pem, aggregation.key  CN valore-aggregation
#   gateway.pem, gateway.key          CN valore-gateway (HTTPS, and its TLS identity
#                                     towards the services: no principal of its own)
#   client.pem, client.key            CN valore-admin (the command line, the snapshot job)
# Every certificate: EC P-256 key, 825 days, serverAuth + clientAuth, SANs
# DNS:localhost, IP:127.0.0.1, DNS:valore-NAME (DNS:valore-admin for the
# client) and every EXTRA_SAN. An EXTRA_SAN is written as DNS:name or IP:address;
# a bare value is taken as an IP address when it looks like one, else as a DNS
# name. Examples:
#   make-dev-certs.sh /etc/valore/tls valore.example.org 10.0.0.5
#   make-dev-certs.sh deploy/k8s/overlays/dev/certs \
#     DNS:catalog.valore.svc DNS:aggregation.valore.svc 'DNS:*.capture.valore.svc'
#
# Idempotent: an existing CA is never overwritten; an existing certificate is
# kept when it was signed by that CA, matches its key, holds every requested
# SAN and is valid for 30 more days — otherwise it is issued again (with the
# same key when the key is there). Delete NAME.pem to force a new one.
# Private keys are written with mode 600.
set -euo pipefail

readonly CA_DAYS=3650
readonly LEAF_DAYS=825

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
  exit 2
}

die() {
  echo "make-dev-certs: $*" >&2
  exit 1
}

[ $# -ge 1 ] || usage
case "$1" in -h | --help) usage ;; esac
command -v openssl >/dev/null 2>&1 || die "openssl not found (apt-get install openssl)"

out_dir=$1
shift

# normalize_san VALUE: prints the SAN in openssl's config syntax (DNS:x, IP:x).
normalize_san() {
  local san=$1
  case "$san" in
    DNS:* | IP:* | URI:* | email:*) printf '%s\n' "$san" ;;
    *:*) printf 'IP:%s\n' "$san" ;; # a bare IPv6 address
    *)
      if [[ "$san" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]]; then
        printf 'IP:%s\n' "$san"
      else
        printf 'DNS:%s\n' "$san"
      fi
      ;;
  esac
}

extra_sans=()
for san in "$@"; do
  [ -n "$san" ] || continue
  extra_sans+=("$(normalize_san "$san")")
done

mkdir -p "$out_dir"
work=$(mktemp -d -t valore-certs.XXXXXX)
trap 'rm -rf "$work"' EXIT

# new_key FILE: writes a new EC P-256 private key, mode 600.
new_key() {
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -out "$1" 2>/dev/null)
  chmod 600 "$1"
}

random_serial() {
  printf '0x%s' "$(openssl rand -hex 16)"
}

# ---------------------------------------------------------------- the CA
ca_pem=$out_dir/ca.pem
ca_key=$out_dir/ca.key
if [ -e "$ca_pem" ] || [ -e "$ca_key" ]; then
  if [ ! -f "$ca_pem" ] || [ ! -f "$ca_key" ]; then
    die "found only one of $ca_pem and $ca_key; refusing to overwrite a CA (move it away first)"
  fi
  echo "make-dev-certs: keeping the CA in $ca_pem"
else
  cat >"$work/ca.cnf" <<'EOF'
[req]
distinguished_name = dn
prompt = no
x509_extensions = v3_ca
[dn]
O = valore
CN = valore development CA
[v3_ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
  new_key "$ca_key"
  openssl req -x509 -new -config "$work/ca.cnf" -key "$ca_key" -sha256 \
    -days "$CA_DAYS" -set_serial "$(random_serial)" -out "$ca_pem"
  chmod 644 "$ca_pem"
  echo "make-dev-certs: new CA in $ca_pem"
fi
chmod 600 "$ca_key"

# ------------------------------------------------------- the certificates
# san_present CERT SAN: true when CERT lists SAN (openssl's printed form).
san_present() {
  local cert=$1 san=$2 printed
  case "$san" in
    IP:*) printed="IP Address:${san#IP:}" ;;
    *) printed=$san ;;
  esac
  openssl x509 -in "$cert" -noout -ext subjectAltName 2>/dev/null |
    tr ',' '\n' | sed 's/^ *//' | grep -qixF -- "$printed"
}

# certificate_is_current CERT KEY SAN...: the certificate can be kept.
certificate_is_current() {
  local cert=$1 key=$2
  shift 2
  [ -f "$cert" ] && [ -f "$key" ] || return 1
  openssl verify -CAfile "$ca_pem" "$cert" >/dev/null 2>&1 || return 1
  openssl x509 -in "$cert" -noout -checkend $((30 * 24 * 3600)) >/dev/null 2>&1 || return 1
  [ "$(openssl x509 -in "$cert" -noout -pubkey 2>/dev/null)" = \
    "$(openssl pkey -in "$key" -pubout 2>/dev/null)" ] || return 1
  local san
  for san in "$@"; do
    san_present "$cert" "$san" || return 1
  done
}

# issue NAME CN: the certificate NAME.pem / NAME.key for common name CN.
issue() {
  local name=$1 cn=$2
  local cert=$out_dir/$name.pem key=$out_dir/$name.key
  local sans=("DNS:localhost" "IP:127.0.0.1" "DNS:$cn" ${extra_sans[@]+"${extra_sans[@]}"})

  if certificate_is_current "$cert" "$key" "${sans[@]}"; then
    chmod 600 "$key"
    echo "make-dev-certs: keeping $cert"
    return 0
  fi
  if [ -f "$key" ] && openssl pkey -in "$key" -noout 2>/dev/null; then
    chmod 600 "$key"
  else
    new_key "$key"
  fi

  local san_list
  san_list=$(
    IFS=,
    echo "${sans[*]}"
  )
  cat >"$work/$name.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
[dn]
O = valore
CN = $cn
[v3_leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
subjectAltName = $san_list
EOF
  openssl req -new -config "$work/$name.cnf" -key "$key" -out "$work/$name.csr"
  openssl x509 -req -in "$work/$name.csr" -CA "$ca_pem" -CAkey "$ca_key" \
    -set_serial "$(random_serial)" -days "$LEAF_DAYS" -sha256 \
    -extfile "$work/$name.cnf" -extensions v3_leaf -out "$cert" 2>/dev/null
  chmod 644 "$cert"
  echo "make-dev-certs: issued $cert (CN=$cn; $san_list)"
}

issue catalog valore-catalog
issue capture valore-capture
issue aggregation valore-aggregation
issue gateway valore-gateway
issue client valore-admin

echo "make-dev-certs: done. Keep ca.key out of any server or Secret; servers need only"
echo "  ca.pem and their own NAME.pem / NAME.key."
