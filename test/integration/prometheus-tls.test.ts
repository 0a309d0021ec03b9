// TLS to Prometheus through a self-signed HTTPS proxy: verification is on by default, caFile makes it
// pass, insecureSkipVerify is an explicit opt-out, and client certificates are presented when configured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheus } from '../../src/adapters/prometheus/index.js';
import type { PrometheusConfig } from '../../src/config/model.js';
import { makeCertificates, startAuthProxy, type AuthProxy, type TestCertificates } from '../support/auth-proxy.js';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus.js';

let prom: RunningPrometheus;
let certs: TestCertificates;
let https: AuthProxy;
let mtls: AuthProxy;

beforeAll(async () => {
  certs = makeCertificates();
  prom = await startPrometheus();
  https = await startAuthProxy({ upstream: prom.url, tls: { cert: certs.serverCert, key: certs.serverKey } });
  mtls = await startAuthProxy({ upstream: prom.url, tls: { cert: certs.serverCert, key: certs.serverKey, clientCa: certs.clientCert } });
});
afterAll(async () => {
  await https?.close();
  await mtls?.close();
  await prom?.stop();
  certs?.remove();
});

const cfg = (url: string, tls?: PrometheusConfig['tls']): PrometheusConfig => ({ url, headers: {}, timeoutMs: 5_000, tls });
const FORTY_TWO = { ok: true, series: [{ labels: {}, value: 42 }] };

describe('TLS', () => {
  it('verifies the server certificate by default and fails on a self-signed one, without retrying', async () => {
    const p = createPrometheus(cfg(https.url), {});
    const r = await p.query('vector(42)');
    expect(r).toMatchObject({ ok: false, errorType: 'tls' });
    expect(!r.ok && r.error).toMatch(/server certificate not trusted: self-signed certificate.*set prometheus\.tls\.caFile/);
    expect(!r.ok && r.error).not.toContain('attempts');
    expect(https.requests).toHaveLength(0);
  });

  it('trusts the server with caFile', async () => {
    const p = createPrometheus(cfg(https.url, { caFile: certs.files.serverCert }), {});
    expect(await p.query('vector(42)')).toEqual(FORTY_TWO);
    expect(p.describe()).toContain(`CA ${certs.files.serverCert}`);
  });

  it('skips verification only when insecureSkipVerify is set, and says so', async () => {
    const p = createPrometheus(cfg(https.url, { insecureSkipVerify: true }), {});
    expect(await p.query('vector(42)')).toEqual(FORTY_TWO);
    expect(p.describe()).toContain('TLS verification DISABLED');
  });

  it('presents a client certificate with certFile/keyFile, and is refused without one', async () => {
    const without = await createPrometheus(cfg(mtls.url, { caFile: certs.files.serverCert }), {}).query('vector(42)');
    expect(without).toMatchObject({ ok: false, errorType: 'tls' });
    expect(!without.ok && without.error).toMatch(/certificate required.*set prometheus\.tls\.certFile and keyFile/);
    const p = createPrometheus(
      cfg(mtls.url, { caFile: certs.files.serverCert, certFile: certs.files.clientCert, keyFile: certs.files.clientKey }),
      {},
    );
    expect(await p.query('vector(42)')).toEqual(FORTY_TWO);
    expect(p.describe()).toContain(`client certificate ${certs.files.clientCert}`);
  });

  it('uses the cluster CA and client certificate of the Kubernetes API proxy', async () => {
    const prefix = '/api/v1/namespaces/monitoring/services/prometheus:web/proxy';
    const apiserver = await startAuthProxy({
      upstream: prom.url,
      pathPrefix: prefix,
      tls: { cert: certs.serverCert, key: certs.serverKey, clientCa: certs.clientCert },
    });
    try {
      const service: PrometheusConfig = { service: 'monitoring/prometheus:web', headers: {}, timeoutMs: 5_000 };
      const base = { baseUrl: apiserver.url, headers: {}, cert: certs.clientCert, key: certs.clientKey };
      expect(await createPrometheus(service, {}, { proxy: { ...base, ca: certs.serverCert } }).query('vector(42)')).toEqual(FORTY_TWO);
      expect(await createPrometheus(service, {}, { proxy: base }).query('vector(42)')).toMatchObject({ ok: false, errorType: 'tls' });
    } finally {
      await apiserver.close();
    }
  });
});
