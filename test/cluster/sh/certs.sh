# PKI and kubeconfigs for one control plane, made with openssl. Sourced by scripts/test-cluster.sh.

# make_pki DIR: CA, apiserver serving cert (127.0.0.1, localhost), client certs, service-account key.
make_pki() {
  local pki="$1/pki"
  mkdir -p "$pki"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj "/CN=chaos-test-ca" -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  sign "$pki" apiserver "/CN=kube-apiserver" \
    "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc
extendedKeyUsage=serverAuth"
  local who
  for who in "admin:/O=system:masters/CN=chaos-test-admin" \
             "controller-manager:/CN=system:kube-controller-manager" \
             "scheduler:/CN=system:kube-scheduler" \
             "pod-runner:/O=system:masters/CN=pod-runner" \
             "chaos-mesh-sim:/O=system:masters/CN=chaos-mesh-sim"; do
    sign "$pki" "${who%%:*}" "${who#*:}" "extendedKeyUsage=clientAuth"
  done
  # service-account tokens: kube-apiserver signs with the private key, verifies with the public one
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$pki/sa.key" 2>/dev/null
  openssl pkey -in "$pki/sa.key" -pubout -out "$pki/sa.pub"
  chmod 600 "$pki"/*.key
}

sign() {
  local pki=$1 name=$2 subj=$3 ext=$4
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "$subj" \
    -keyout "$pki/$name.key" -out "$pki/$name.csr" 2>/dev/null
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 3650 \
    -extfile <(printf '%s\n' "$ext") -out "$pki/$name.crt" 2>/dev/null
  rm -f "$pki/$name.csr"
}

# write_kubeconfig DIR NAME URL OUT: a kubeconfig with the CA and NAME's client cert embedded.
write_kubeconfig() {
  local pki="$1/pki" name=$2 url=$3 out=$4
  local b64='base64 -w0'
  cat >"$out" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: chaos-test
  cluster:
    server: $url
    certificate-authority-data: $($b64 <"$pki/ca.crt")
users:
- name: $name
  user:
    client-certificate-data: $($b64 <"$pki/$name.crt")
    client-key-data: $($b64 <"$pki/$name.key")
contexts:
- name: chaos-test
  context: { cluster: chaos-test, user: $name, namespace: materi-production }
current-context: chaos-test
YAML
  chmod 600 "$out"
}
