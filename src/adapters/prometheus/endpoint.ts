// Where and how to reach Prometheus: base URL (direct or through the Kubernetes API service proxy),
// auth headers from env vars, TLS material. Every secret is listed so errors can be redacted.
import { readFileSync } from 'node:fs';
import type { PrometheusConfig } from '../../config/model.js';
import { EnvironmentError } from '../../errors.js';
import type { TlsMaterial } from './transport.js';
import { headerSecrets } from '../../redact.js';

export interface ServiceProxy {
  /** Kubernetes API server URL. */
  baseUrl: string;
  headers: Record<string, string>;
  /** PEM contents (not file names), as client-node hands them out. */
  ca?: string | undefined;
  cert?: string | undefined;
  key?: string | undefined;
  insecureSkipVerify?: boolean | undefined;
}

export interface Endpoint {
  /** API root without credentials; `/api/v1/query` is appended. */
  base: URL;
  headers: Record<string, string>;
  tls: TlsMaterial;
  /** Values that must never be shown (tokens, passwords, Authorization values). */
  secrets: string[];
  /** Human description of auth/TLS, without secrets. */
  details: string[];
}

const SERVICE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-a-z0-9]*[a-z0-9])?):([A-Za-z0-9-]+)$/;

function fromEnv(env: Record<string, string | undefined>, name: string, field: string): string {
  const value = env[name];
  if (!value) {
    throw new EnvironmentError(`prometheus.${field} names the environment variable ${name}, but it is not set (or empty)`, {
      hint: `export ${name}=... before running chaos`,
    });
  }
  return value;
}

function readPem(path: string | undefined, field: string): Buffer | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path);
  } catch (e) {
    throw new EnvironmentError(`prometheus.tls.${field}: cannot read ${path}: ${(e as Error).message}`);
  }
}

function withoutTrailingSlash(u: URL): URL {
  const copy = new URL(u.href);
  copy.pathname = copy.pathname.replace(/\/+$/, '');
  copy.search = '';
  copy.hash = '';
  return copy;
}

function viaProxy(cfg: PrometheusConfig, proxy: ServiceProxy): Endpoint {
  const service = cfg.service ?? '';
  const m = SERVICE.exec(service);
  if (!m) throw new EnvironmentError(`prometheus.service must look like namespace/name:port, got "${service}"`);
  if (cfg.bearerTokenEnv || cfg.basicAuth) {
    throw new EnvironmentError(
      'prometheus.bearerTokenEnv/basicAuth cannot be combined with prometheus.service: the Kubernetes API proxy uses the Authorization header for the cluster credentials',
    );
  }
  const base = withoutTrailingSlash(new URL(proxy.baseUrl));
  base.username = '';
  base.password = '';
  base.pathname = `${base.pathname.replace(/\/+$/, '')}/api/v1/namespaces/${m[1]}/services/${m[3]}:${m[5]}/proxy`;
  const headers = { ...cfg.headers, ...proxy.headers };
  return {
    base,
    headers,
    tls: { ca: proxy.ca, cert: proxy.cert, key: proxy.key, rejectUnauthorized: proxy.insecureSkipVerify !== true },
    secrets: [...headerSecrets(headers), ...(proxy.key ? [proxy.key] : [])],
    details: [`service ${service} via the Kubernetes API service proxy`],
  };
}

function direct(cfg: PrometheusConfig, env: Record<string, string | undefined>): Endpoint {
  if (!cfg.url) {
    throw new EnvironmentError('no Prometheus URL configured', {
      hint: 'set prometheus.url in chaos.config.yml, CHAOS_PROMETHEUS_URL, or --prometheus-url',
    });
  }
  let parsed: URL;
  try {
    parsed = new URL(cfg.url);
  } catch {
    throw new EnvironmentError(`prometheus.url is not a valid URL: ${cfg.url.replace(/\/\/[^@/]*@/, '//***@')}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new EnvironmentError(`prometheus.url must be http:// or https://, got ${parsed.protocol}`);
  }
  const base = withoutTrailingSlash(parsed);
  const userinfo = { username: decodeURIComponent(base.username), password: decodeURIComponent(base.password) };
  base.username = '';
  base.password = '';
  const headers: Record<string, string> = { ...cfg.headers };
  const secrets: string[] = [];
  const details: string[] = [];
  const headerAuth = Object.keys(cfg.headers).some((k) => k.toLowerCase() === 'authorization') || undefined;
  const auths = [cfg.bearerTokenEnv, cfg.basicAuth, userinfo.username || undefined, headerAuth].filter((a) => a !== undefined);
  if (auths.length > 1) {
    throw new EnvironmentError(
      'prometheus: configure one of bearerTokenEnv, basicAuth, an Authorization header or credentials in the URL, not several',
    );
  }
  if (cfg.bearerTokenEnv) {
    const token = fromEnv(env, cfg.bearerTokenEnv, 'bearerTokenEnv');
    headers.authorization = `Bearer ${token}`;
    secrets.push(token);
    details.push(`bearer token from $${cfg.bearerTokenEnv}`);
  }
  const basic = cfg.basicAuth
    ? { username: cfg.basicAuth.username, password: fromEnv(env, cfg.basicAuth.passwordEnv, 'basicAuth.passwordEnv') }
    : userinfo.username
      ? userinfo
      : undefined;
  if (basic) {
    const encoded = Buffer.from(`${basic.username}:${basic.password}`).toString('base64');
    headers.authorization = `Basic ${encoded}`;
    if (basic.password) secrets.push(basic.password);
    secrets.push(encoded);
    details.push(`basic auth as ${basic.username}${cfg.basicAuth ? ` (password from $${cfg.basicAuth.passwordEnv})` : ''}`);
  }
  secrets.push(...headerSecrets(cfg.headers));
  const tlsCfg = cfg.tls ?? {};
  const usesTls = tlsCfg.caFile || tlsCfg.certFile || tlsCfg.keyFile || tlsCfg.insecureSkipVerify;
  if (usesTls && base.protocol !== 'https:') throw new EnvironmentError('prometheus.tls is set but prometheus.url is not https://');
  if (Boolean(tlsCfg.certFile) !== Boolean(tlsCfg.keyFile)) {
    throw new EnvironmentError('prometheus.tls: certFile and keyFile go together (client certificate and its key)');
  }
  const tls: TlsMaterial = {
    ca: readPem(tlsCfg.caFile, 'caFile'),
    cert: readPem(tlsCfg.certFile, 'certFile'),
    key: readPem(tlsCfg.keyFile, 'keyFile'),
    rejectUnauthorized: tlsCfg.insecureSkipVerify !== true,
  };
  if (tlsCfg.caFile) details.push(`CA ${tlsCfg.caFile}`);
  if (tlsCfg.certFile) details.push(`client certificate ${tlsCfg.certFile}`);
  if (tlsCfg.insecureSkipVerify) details.push('TLS verification DISABLED (insecureSkipVerify)');
  return { base, headers, tls, secrets, details };
}

/** A direct `url` wins over `service` (so --prometheus-url / CHAOS_PROMETHEUS_URL override a file's service). */
export function resolveEndpoint(cfg: PrometheusConfig, env: Record<string, string | undefined>, proxy?: ServiceProxy): Endpoint {
  if (!cfg.url && cfg.service && !proxy) {
    throw new EnvironmentError(`prometheus.service (${cfg.service}) needs a Kubernetes connection to reach it through the API proxy`);
  }
  const endpoint = !cfg.url && cfg.service && proxy ? viaProxy(cfg, proxy) : direct(cfg, env);
  const names = Object.keys(cfg.headers);
  if (names.length > 0) endpoint.details.push(`headers ${names.join(', ')}`);
  return endpoint;
}

