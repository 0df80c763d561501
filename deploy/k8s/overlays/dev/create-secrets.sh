#!/usr/bin/env bash
# Creates (or updates) the Secrets valore-tls and valore-tokens of the
# development overlay in the namespace valore of the current kubectl context.
#   deploy/k8s/overlays/dev/create-secrets.sh
# 1. Makes the development CA and certificates in ./certs/ (kept if present),
#    with the in-cluster service names as SANs.
# 2. Reads the token files, also in ./certs/ (git-ignored):
#      certs/auth_tokens     hashed tokens, written by `valore token create`
#      certs/snapshot.token  the bearer token of the snapshot job's principal
#    and stops, saying how to make them, when they are missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
certs=$here/certs
namespace=valore

"$here/../../../dev-certs/make-dev-certs.sh" "$certs" \
  DNS:catalog.valore.svc DNS:capture.valore.svc 'DNS:*.capture.valore.svc' \
  DNS:aggregation.valore.svc DNS:gateway.valore.svc

for f in auth_tokens snapshot.token; do
  if [ ! -s "$certs/$f" ]; then
    cat >&2 <<MSG
create-secrets: $certs/$f is missing. Make the tokens with the valore command
line (see docs/operations.md, "Tokens"): the hashed tokens go to
$certs/auth_tokens, the bearer token printed for the snapshot principal
(role job) to $certs/snapshot.token. Then run this script again.
MSG
    exit 1
  fi
done

command -v kubectl >/dev/null 2>&1 || { echo "create-secrets: kubectl not found" >&2; exit 1; }

kubectl create namespace "$namespace" --dry-run=client -o yaml | kubectl apply -f -

# The CA key stays out of the cluster: only ca.pem and the programs' pairs.
tls_files=()
for f in ca.pem catalog.pem catalog.key capture.pem capture.key \
  aggregation.pem aggregation.key gateway.pem gateway.key client.pem client.key; do
  tls_files+=("--from-file=$f=$certs/$f")
done
kubectl -n "$namespace" create secret generic valore-tls "${tls_files[@]}" \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$namespace" create secret generic valore-tokens \
  "--from-file=auth_tokens=$certs/auth_tokens" \
  "--from-file=snapshot.token=$certs/snapshot.token" \
  --dry-run=client -o yaml | kubectl apply -f -
echo "create-secrets: valore-tls and valore-tokens are in namespace $namespace"
