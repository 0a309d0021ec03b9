// Builds the generated API clients with two things client-node 1.4 lacks by default:
// a per-request timeout (a hung API server must not hang a revert) and per-call abort signals.
import {
  AuthorizationV1Api,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
  Observable,
  Watch,
  ServerConfiguration,
  createConfiguration,
} from '@kubernetes/client-node';
import type {
  ConfigurationOptions,
  KubeConfig,
  ObservableMiddleware,
  RequestContext,
  ResponseContext,
  V1APIResourceList,
} from '@kubernetes/client-node';
import type { ClusterInfo } from '../../ports.js';

/** No single API request may take longer than this; watches are not affected (they have their own deadlines). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** KubernetesObjectApi that exposes its discovery document. */
export class ChaosObjectApi extends KubernetesObjectApi {
  /**
   * Fresh discovery of apiVersion (also refreshing the cache the next patch uses).
   * Throws the library's error when the group/version is not served (404).
   */
  async resourceList(apiVersion: string, probeKind: string): Promise<V1APIResourceList> {
    delete this.apiVersionResourceCache[apiVersion];
    await this.resource(apiVersion, probeKind);
    return this.apiVersionResourceCache[apiVersion] ?? { groupVersion: apiVersion, resources: [] };
  }
}

export interface Clients {
  watch: Watch;
  core: CoreV1Api;
  custom: CustomObjectsApi;
  objects: ChaosObjectApi;
  authz: AuthorizationV1Api;
  coordination: CoordinationV1Api;
}

function middleware(pre: (ctx: RequestContext) => void): ObservableMiddleware {
  return {
    pre: (ctx: RequestContext) => {
      pre(ctx);
      return new Observable(Promise.resolve(ctx));
    },
    post: (res: ResponseContext) => new Observable(Promise.resolve(res)),
  };
}

export function makeClients(kc: KubeConfig, server: string, requestTimeoutMs = REQUEST_TIMEOUT_MS): Clients {
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(server, {}),
    authMethods: { default: kc },
    middleware: [
      middleware((ctx) => {
        if (!ctx.getSignal()) ctx.setSignal(AbortSignal.timeout(requestTimeoutMs));
      }),
    ],
  });
  return {
    watch: new Watch(kc),
    core: new CoreV1Api(configuration),
    custom: new CustomObjectsApi(configuration),
    objects: new ChaosObjectApi(configuration),
    authz: new AuthorizationV1Api(configuration),
    coordination: new CoordinationV1Api(configuration),
  };
}

/** What every operation needs: the clients, and who/where we are for messages. */
export interface Session {
  clients: Clients;
  info: ClusterInfo;
}

/** Per-call options that also abort the request when `signal` fires. */
export function withSignal(signal: AbortSignal | undefined): ConfigurationOptions | undefined {
  if (!signal) return undefined;
  return {
    middleware: [
      middleware((ctx) => {
        const base = ctx.getSignal();
        ctx.setSignal(base ? AbortSignal.any([base, signal]) : signal);
      }),
    ],
    middlewareMergeStrategy: 'append',
  };
}
