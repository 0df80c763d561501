#!/usr/bin/env bash
# Checks the deployment files under deploy/:
#   - every shell script parses (bash -n);
#   - the systemd units pass `systemd-analyze verify` (when systemd-analyze
#     exists and works here; otherwise that part is left out);
#   - deploy/dev-certs/make-dev-certs.sh makes a CA and certificates that
#     verify, with keys of mode 600, and keeps the CA on a second run (when
#     openssl exists);
#   - deploy/prometheus: prometheus.yml and valore-alerts.yml pass
#     `promtool check config` / `check rules`, and the alerts'
#     tests/deploy/alerts_test.yml passes `promtool test rules` (when
#     promtool exists; prometheus-k8s.yml needs an upstream promtool, left
#     out);
#   - `kubectl kustomize` renders deploy/k8s/base, overlays/dev and (with
#     generated certificates, in a copy) overlays/prod-example, and the
#     rendered objects are the expected ones.
#   tests/deploy/render_k8s_test.sh [SOURCE_DIR]
# Exit 0: pass; 1: fail; 77: skipped (no kubectl or no python3).
set -euo pipefail

root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
[ -d deploy ] || { echo "FAIL: no deploy/ folder in $root" >&2; exit 1; }

work=$(mktemp -d -t valore-deploy-test.XXXXXX)
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# ------------------------------------------------------------ shell syntax
shell_scripts=0
while IFS= read -r -d '' f; do
  first=$(head -n 1 "$f" 2>/dev/null || true)
  case "$f" in
    *.sh) ;;
    *) [[ "$first" =~ ^#!.*(/|[[:space:]])(ba)?sh([[:space:]]|$) ]] || continue ;;
  esac
  shell_scripts=$((shell_scripts + 1))
  bash -n "$f" || fail "bash -n $f"
done < <(find deploy -type f -not -path '*/certs/*' -print0)
[ "$shell_scripts" -ge 2 ] || fail "expected shell scripts under deploy/, found $shell_scripts"
echo "ok: bash -n on $shell_scripts shell scripts"

# ------------------------------------------------------------ systemd units
# Left out, silently, when systemd-analyze is missing or cannot verify a
# trivial unit here.
systemd_works() {
  command -v systemd-analyze >/dev/null 2>&1 || return 1
  mkdir -p "$work/probe"
  printf '[Unit]\nDescription=probe\n[Service]\nType=oneshot\nExecStart=/bin/true\n' \
    >"$work/probe/valore-probe.service"
  (cd "$work/probe" && systemd-analyze verify valore-probe.service) >/dev/null 2>&1
}
if systemd_works; then
  # The programs are not installed here: stand-ins take their place.
  mkdir -p "$work/bin" "$work/units"
  for b in valore valore-catalog valore-capture valore-aggregation valore-gateway; do
    printf '#!/bin/sh\nexit 0\n' >"$work/bin/$b"
    chmod +x "$work/bin/$b"
  done
  for f in deploy/systemd/*.service deploy/systemd/*.timer; do
    sed "s#/usr/local/bin/#$work/bin/#g" "$f" >"$work/units/$(basename "$f")"
  done
  if out=$(cd "$work/units" && systemd-analyze verify valore-catalog.service \
    valore-capture@carpi.service valore-aggregation.service valore-gateway.service \
    valore-snapshot.service valore-snapshot.timer 2>&1) && [ -z "$out" ]; then
    echo "ok: systemd-analyze verify"
  else
    fail "systemd-analyze verify: $out"
  fi
fi

# ------------------------------------------------------------ dev certificates
if command -v openssl >/dev/null 2>&1; then
  certs=$work/certs
  if deploy/dev-certs/make-dev-certs.sh "$certs" 'DNS:*.capture.valore.svc' 10.1.2.3 \
    >"$work/certs.log" 2>&1; then
    ca_before=$(sha256sum "$certs/ca.pem" "$certs/ca.key")
    for name in catalog capture aggregation gateway client; do
      openssl verify -CAfile "$certs/ca.pem" "$certs/$name.pem" >/dev/null 2>&1 ||
        fail "make-dev-certs: $name.pem does not verify against ca.pem"
      [ "$(stat -c %a "$certs/$name.key")" = 600 ] || fail "make-dev-certs: $name.key is not mode 600"
      sans=$(openssl x509 -in "$certs/$name.pem" -noout -ext subjectAltName 2>/dev/null)
      for want in "DNS:localhost" "IP Address:127.0.0.1" "DNS:\*.capture.valore.svc" "IP Address:10.1.2.3"; do
        grep -q "$want" <<<"$sans" || fail "make-dev-certs: $name.pem lacks SAN $want"
      done
    done
    openssl x509 -in "$certs/client.pem" -noout -subject | grep -q 'CN *= *valore-admin' ||
      fail "make-dev-certs: client.pem is not CN=valore-admin"
    openssl x509 -in "$certs/gateway.pem" -noout -subject | grep -q 'CN *= *valore-gateway' ||
      fail "make-dev-certs: gateway.pem is not CN=valore-gateway"
    [ "$(stat -c %a "$certs/ca.key")" = 600 ] || fail "make-dev-certs: ca.key is not mode 600"
    deploy/dev-certs/make-dev-certs.sh "$certs" 'DNS:*.capture.valore.svc' 10.1.2.3 >/dev/null 2>&1 ||
      fail "make-dev-certs: second run failed"
    [ "$(sha256sum "$certs/ca.pem" "$certs/ca.key")" = "$ca_before" ] ||
      fail "make-dev-certs: second run changed the CA"
    echo "ok: make-dev-certs.sh"
  else
    fail "make-dev-certs.sh: $(cat "$work/certs.log")"
  fi
fi

# ------------------------------------------------------------ Prometheus
if command -v promtool >/dev/null 2>&1; then
  # Checked in place: prometheus.yml names its rule file relative to itself.
  if out=$(promtool check config deploy/prometheus/prometheus.yml 2>&1 &&
    promtool check rules deploy/prometheus/valore-alerts.yml 2>&1); then
    echo "ok: promtool check config / check rules"
  else
    fail "promtool check: $out"
  fi
  if out=$(promtool test rules tests/deploy/alerts_test.yml 2>&1); then
    echo "ok: promtool test rules tests/deploy/alerts_test.yml"
  else
    fail "promtool test rules: $out"
  fi
  grep -q '127.0.0.1:9104' deploy/prometheus/prometheus.yml ||
    fail "prometheus.yml does not scrape the gateway (127.0.0.1:9104)"
  grep -q 'VALORE_GATEWAY_METRICS_LISTEN=127.0.0.1:9104' deploy/systemd/valore.env ||
    fail "valore.env: VALORE_GATEWAY_METRICS_LISTEN is not 127.0.0.1:9104 (prometheus.yml scrapes it)"
fi

# ------------------------------------------------------------ Kubernetes
if ! command -v kubectl >/dev/null 2>&1 || ! kubectl version --client >/dev/null 2>&1; then
  [ "$failures" -eq 0 ] || exit 1
  echo "SKIP: kubectl is not installed; the Kubernetes manifests were not rendered" >&2
  exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
  [ "$failures" -eq 0 ] || exit 1
  echo "SKIP: python3 is not installed; the rendered manifests were not checked" >&2
  exit 77
fi

# check_render MODE FILE: the checks of the rendered objects (python3,
# standard library only; a small YAML reader for kubectl's block-style output).
check_render() {
  python3 - "$1" "$2" <<'PY'
import base64
import json
import re
import sys

mode, path = sys.argv[1], sys.argv[2]


class Reader:
    """Reads the block-style YAML that kustomize prints: mappings, sequences,
    plain and quoted scalars, literal block scalars, empty flow collections."""

    KEY = re.compile(r'^("(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'|[^\s\'"#-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+(.*))?$')

    def __init__(self, lines):
        self.lines = lines

    @staticmethod
    def indent(line):
        return len(line) - len(line.lstrip(' '))

    def skip(self, i):
        while i < len(self.lines) and (not self.lines[i].strip() or self.lines[i].lstrip().startswith('#')):
            i += 1
        return i

    @staticmethod
    def scalar(text):
        text = text.strip()
        if text.startswith('"'):
            return json.loads(text)
        if text.startswith("'"):
            return text[1:-1].replace("''", "'")
        text = re.sub(r'\s+#.*$', '', text)
        if text == '{}':
            return {}
        if text == '[]':
            return []
        if text in ('null', '~'):
            return None
        if text in ('true', 'false'):
            return text == 'true'
        if re.fullmatch(r'-?[0-9]+', text):
            return int(text)
        return text

    @classmethod
    def key(cls, text):
        k = cls.scalar(text)
        return str(k)

    def node(self, i):
        i = self.skip(i)
        if i >= len(self.lines):
            return None, i
        stripped = self.lines[i].strip()
        if stripped == '-' or stripped.startswith('- '):
            return self.seq(i, self.indent(self.lines[i]))
        return self.mapping(i, self.indent(self.lines[i]))

    def block_scalar(self, i, parent_indent, style):
        body = []
        while i < len(self.lines):
            line = self.lines[i]
            if line.strip() and self.indent(line) <= parent_indent:
                break
            body.append(line)
            i += 1
        while body and not body[-1].strip():
            body.pop()
        width = min((self.indent(l) for l in body if l.strip()), default=0)
        text = '\n'.join(l[width:] for l in body)
        if not style.endswith('-'):
            text += '\n'
        return text, i

    def value(self, rest, i, ind):
        """The value after "key:" (rest) on the line before line i."""
        if rest is None or rest == '':
            j = self.skip(i)
            if j < len(self.lines):
                line = self.lines[j]
                deeper = self.indent(line) > ind
                same_seq = self.indent(line) == ind and line.strip().startswith('-')
                if deeper or same_seq:
                    return self.node(j)
            return None, i
        if rest.startswith('|') or rest.startswith('>'):
            return self.block_scalar(i, ind, rest)
        return self.scalar(rest), i

    def mapping(self, i, ind):
        result = {}
        while True:
            i = self.skip(i)
            if i >= len(self.lines):
                break
            line = self.lines[i]
            if self.indent(line) != ind or line.strip().startswith('- ') or line.strip() == '-':
                break
            m = self.KEY.match(line.strip())
            if not m:
                raise ValueError('line %d: not a mapping entry: %r' % (i + 1, line))
            result[self.key(m.group(1))], i = self.value(m.group(2), i + 1, ind)
        return result, i

    def seq(self, i, ind):
        items = []
        while True:
            i = self.skip(i)
            if i >= len(self.lines):
                break
            line = self.lines[i]
            stripped = line.strip()
            if self.indent(line) != ind or not (stripped == '-' or stripped.startswith('- ')):
                break
            content = stripped[1:].strip()
            if not content:
                item, i = self.node(i + 1)
            elif self.KEY.match(content):
                self.lines[i] = ' ' * (ind + 2) + content
                item, i = self.mapping(i, ind + 2)
            elif content.startswith('|') or content.startswith('>'):
                item, i = self.block_scalar(i + 1, ind, content)
            else:
                item, i = self.scalar(content), i + 1
            items.append(item)
        return items, i


def documents(text):
    docs, current = [], []
    for line in text.split('\n'):
        if line.rstrip() == '---':
            docs.append(current)
            current = []
        else:
            current.append(line)
    docs.append(current)
    out = []
    for lines in docs:
        if any(l.strip() and not l.lstrip().startswith('#') for l in lines):
            doc, _ = Reader(lines).node(0)
            out.append(doc)
    return out


failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def get(obj, *keys):
    for k in keys:
        if isinstance(obj, dict):
            obj = obj.get(k)
        elif isinstance(obj, list) and isinstance(k, int) and k < len(obj):
            obj = obj[k]
        else:
            return None
    return obj


with open(path, encoding='utf-8') as f:
    objects = documents(f.read())
by_kind_name = {}
for o in objects:
    by_kind_name[(o.get('kind'), get(o, 'metadata', 'name'))] = o


def find(kind, name):
    o = by_kind_name.get((kind, name))
    check(o is not None, '%s %s is missing' % (kind, name))
    return o or {}


check(('Namespace', 'valore') in by_kind_name, 'Namespace valore is missing')
for o in objects:
    if o.get('kind') != 'Namespace':
        check(get(o, 'metadata', 'namespace') == 'valore',
              '%s %s is not in namespace valore' % (o.get('kind'), get(o, 'metadata', 'name')))

entities = ['unione', 'campogalliano', 'carpi', 'novi-di-modena', 'soliera']
ports = {'catalog': 7001, 'capture': 7002, 'aggregation': 7003}
catalog = find('Deployment', 'catalog')
aggregation = find('Deployment', 'aggregation')
capture = find('StatefulSet', 'capture')
check(get(capture, 'spec', 'replicas') == 5, 'StatefulSet capture: replicas is not 5')
check(get(capture, 'spec', 'serviceName') == 'capture', 'StatefulSet capture: serviceName is not capture')
templates = get(capture, 'spec', 'volumeClaimTemplates') or []
check(len(templates) >= 1, 'StatefulSet capture has no volumeClaimTemplate')

for name, workload in (('catalog', catalog), ('capture', capture), ('aggregation', aggregation)):
    service = find('Service', name)
    check(get(service, 'spec', 'ports', 0, 'port') == ports[name],
          'Service %s: port is not %d' % (name, ports[name]))
    pod = get(workload, 'spec', 'template', 'spec') or {}
    check(get(pod, 'securityContext', 'runAsNonRoot') is True, '%s: runAsNonRoot is not set' % name)
    containers = pod.get('containers') or []
    check(len(containers) == 1, '%s: expected one container' % name)
    for c in containers:
        check(get(c, 'securityContext', 'readOnlyRootFilesystem') is True,
              '%s: readOnlyRootFilesystem is not set' % name)
        check(get(c, 'securityContext', 'allowPrivilegeEscalation') is False,
              '%s: allowPrivilegeEscalation is not false' % name)
        for kind in ('requests', 'limits'):
            check(get(c, 'resources', kind, 'memory') is not None, '%s: no memory %s' % (name, kind))
        for probe in ('readinessProbe', 'livenessProbe'):
            check(c.get(probe) is not None, '%s: no %s' % (name, probe))
        argv = ' '.join(str(a) for a in (c.get('command') or []) + (c.get('args') or []))
        check('valore-' + name in argv, '%s: the container does not run valore-%s' % (name, name))
        for flag in ('--listen=0.0.0.0:%d' % ports[name], '--data=', '--tls_cert=', '--tls_key=',
                     '--tls_ca=', '--auth_tokens='):
            check(flag in argv, '%s: the command lacks %s' % (name, flag))
        check('--insecure' not in argv, '%s: runs with --insecure' % name)
check(get(find('Service', 'capture'), 'spec', 'clusterIP') == 'None', 'Service capture is not headless')

# The gateway: stateless, HTTPS on 8443, no token file (it is no principal).
gateway = find('Deployment', 'gateway')
check((get(gateway, 'spec', 'replicas') or 0) >= 2, 'gateway: fewer than 2 replicas')
gateway_service = find('Service', 'gateway')
check(get(gateway_service, 'spec', 'ports', 0, 'port') == 8443, 'Service gateway: port is not 8443')
check(get(gateway_service, 'spec', 'ports', 0, 'name') == 'https', 'Service gateway: port is not named https')
gw_pod = get(gateway, 'spec', 'template', 'spec') or {}
check(get(gw_pod, 'securityContext', 'runAsNonRoot') is True, 'gateway: runAsNonRoot is not set')
check(get(gateway, 'spec', 'template', 'metadata', 'annotations', 'prometheus.io/port') == '9090',
      'gateway: no prometheus.io/port 9090 annotation')
gw = get(gw_pod, 'containers', 0) or {}
check(get(gw, 'securityContext', 'readOnlyRootFilesystem') is True, 'gateway: readOnlyRootFilesystem is not set')
check(get(gw, 'securityContext', 'allowPrivilegeEscalation') is False, 'gateway: allowPrivilegeEscalation is not false')
gw_argv = ' '.join(str(a) for a in (gw.get('command') or []) + (gw.get('args') or []))
check('valore-gateway' in gw_argv, 'gateway: the container does not run valore-gateway')
for flag in ('--listen=0.0.0.0:8443', '--catalog=', '--routing=', '--aggregation=', '--tls_cert=',
             '--tls_key=', '--tls_ca=', '--metrics_listen=0.0.0.0:9090'):
    check(flag in gw_argv, 'gateway: the command lacks %s' % flag)
check('--insecure' not in gw_argv, 'gateway: runs with --insecure')
check(any(get(v, 'configMap', 'name') == 'aggregation-routing' for v in (gw_pod.get('volumes') or [])),
      'gateway: does not mount the routing file of the captures (ConfigMap aggregation-routing)')
check('--auth_tokens' not in gw_argv, 'gateway: reads a token file')
ready = gw.get('readinessProbe') or {}
check(get(ready, 'httpGet', 'path') == '/rest/valore/v1/status' and get(ready, 'httpGet', 'scheme') == 'HTTPS',
      'gateway: readiness is not GET /rest/valore/v1/status over HTTPS')
check(gw.get('livenessProbe') is not None, 'gateway: no livenessProbe')
gw_tls = [v for v in (gw_pod.get('volumes') or []) if get(v, 'secret', 'secretName') == 'valore-tls']
check(sorted(i.get('key') for i in (get(gw_tls[0] if gw_tls else {}, 'secret', 'items') or []))
      == ['ca.pem', 'gateway.key', 'gateway.pem'], 'gateway: valore-tls items are not ca.pem, gateway.pem, gateway.key')
check(not any(get(v, 'secret', 'secretName') == 'valore-tokens' for v in (gw_pod.get('volumes') or [])),
      'gateway: mounts valore-tokens')


def ingress_components(policy):
    """The app.kubernetes.io/component values a policy lets in from pods."""
    out = set()
    for rule in get(policy, 'spec', 'ingress') or []:
        for peer in rule.get('from') or []:
            sel = peer.get('podSelector') or {}
            c = get(sel, 'matchLabels', 'app.kubernetes.io/component')
            if c:
                out.add(c)
            for e in sel.get('matchExpressions') or []:
                if e.get('key') == 'app.kubernetes.io/component' and e.get('operator') == 'In':
                    out.update(e.get('values') or [])
    return out


for name in ('catalog', 'capture', 'aggregation'):
    check('gateway' in ingress_components(find('NetworkPolicy', name + '-ingress')),
          'NetworkPolicy %s-ingress does not let the gateway in' % name)
gw_policy = find('NetworkPolicy', 'gateway-ingress')
gw_rules = get(gw_policy, 'spec', 'ingress') or []
check(any(get(peer, 'namespaceSelector', 'matchLabels', 'valore/gateway-client') == 'true'
          for rule in gw_rules for peer in rule.get('from') or [])
      and any(q.get('port') == 8443 for rule in gw_rules for q in rule.get('ports') or []),
      'NetworkPolicy gateway-ingress does not let valore/gateway-client namespaces in on 8443')

snapshot = find('CronJob', 'snapshot')
check(get(snapshot, 'spec', 'schedule') == '0 1 1 1,7 *',
      'CronJob snapshot: schedule is %r' % get(snapshot, 'spec', 'schedule'))
check(get(snapshot, 'spec', 'concurrencyPolicy') == 'Forbid', 'CronJob snapshot: concurrencyPolicy is not Forbid')
job = get(snapshot, 'spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0) or {}
job_argv = ' '.join(str(a) for a in (job.get('command') or []) + (job.get('args') or []))
check('valore snapshot take --period' in job_argv, 'CronJob snapshot does not run valore snapshot take --period')

policies = [o for o in objects if o.get('kind') == 'NetworkPolicy']
check(len(policies) >= 3, 'expected at least 3 NetworkPolicies, found %d' % len(policies))
check(any(get(p, 'spec', 'podSelector') == {} and 'Ingress' in (get(p, 'spec', 'policyTypes') or [])
          and not get(p, 'spec', 'ingress') for p in policies),
      'no default-deny ingress NetworkPolicy')
check(any(53 in [q.get('port') for rule in (get(p, 'spec', 'egress') or []) for q in (rule.get('ports') or [])]
          for p in policies), 'no NetworkPolicy allows DNS egress')

entity_map = get(find('ConfigMap', 'capture-entities'), 'data') or {}
check(entity_map == {str(i): e for i, e in enumerate(entities)},
      'ConfigMap capture-entities maps %r' % entity_map)
routing = get(find('ConfigMap', 'aggregation-routing'), 'data', 'routing.textproto') or ''
routes = dict(re.findall(r'route\s*\{\s*entity:\s*"([^"]+)"\s+capture:\s*"([^"]+)"\s*\}', routing))
check(routes == {e: 'capture-%d.capture.valore.svc:7002' % i for i, e in enumerate(entities)},
      'ConfigMap aggregation-routing routes %r' % routes)
agg_argv = ' '.join(str(a) for a in get(aggregation, 'spec', 'template', 'spec', 'containers', 0, 'command') or [])
check('--routing=' in agg_argv, 'aggregation does not use --routing')

secrets = {get(o, 'metadata', 'name'): o for o in objects if o.get('kind') == 'Secret'}
if mode == 'base':
    check(set(secrets) == {'valore-tls', 'valore-tokens'}, 'base Secrets are %r' % sorted(secrets))
elif mode == 'dev':
    check(not secrets, 'the dev overlay renders Secrets %r (they are created by create-secrets.sh)' % sorted(secrets))
elif mode == 'prod':
    tls = secrets.get('valore-tls') or {}
    data = tls.get('data') or {}
    for name in ('catalog', 'capture', 'aggregation', 'gateway', 'client'):
        for ext in ('pem', 'key'):
            value = base64.b64decode(data.get('%s.%s' % (name, ext), '') or b'')
            check(value.startswith(b'-----BEGIN'), 'prod valore-tls: %s.%s is not PEM' % (name, ext))
    check('ca.pem' in data and 'ca.key' not in data, 'prod valore-tls: wants ca.pem and not ca.key')
    check('auth_tokens' in (get(secrets.get('valore-tokens'), 'data') or {}), 'prod valore-tokens: no auth_tokens')

if failures:
    for m in failures:
        print('FAIL (%s): %s' % (mode, m), file=sys.stderr)
    sys.exit(1)
print('ok: %s renders %d objects as expected' % (mode, len(objects)))
PY
}

render() {
  local mode=$1 dir=$2
  if kubectl kustomize "$dir" >"$work/$mode.yaml" 2>"$work/$mode.err"; then
    check_render "$mode" "$work/$mode.yaml" || fail "$dir: rendered objects (see above)"
  else
    fail "kubectl kustomize $dir: $(cat "$work/$mode.err")"
  fi
}

render base deploy/k8s/base
render dev deploy/k8s/overlays/dev
if command -v openssl >/dev/null 2>&1; then
  # prod-example needs its secret files: a copy with generated ones.
  cp -r deploy "$work/deploy"
  prod=$work/deploy/k8s/overlays/prod-example
  rm -rf "$prod/certs"
  if deploy/dev-certs/make-dev-certs.sh "$prod/certs" >/dev/null 2>&1; then
    printf '# test tokens\n' >"$prod/certs/auth_tokens"
    printf 'test-token\n' >"$prod/certs/snapshot.token"
    render prod "$prod"
  else
    fail "make-dev-certs.sh into the prod-example copy"
  fi
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "PASS"
