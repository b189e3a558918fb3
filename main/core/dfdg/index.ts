// Every DFDG client from one configuration, sharing one TLS agent (keep-alive) and one axios instance.
//
// ASSUMED (wire-contract.md §2): the sandbox layout: SOAP at `<baseUrl>/pjaktass/1/<Service>.svc`
// with body namespace `http://service.bm.dk/<Service>/2024/01/01/`; REST paths under baseUrl. Every
// address and namespace can be overridden per service in DfdgConfig.services.

import { DFDG_REST_SERVICES, DFDG_SOAP_SERVICES } from '../../../shared/constants';
import { citizenMessageClient } from './citizenMessage';
import { codeListClient } from './codeList';
import { fravaerClient } from './fravaer';
import { DEFAULT_TIMEOUT_MS, buildHttpsAgent, createHttp } from './http';
import { indkaldelseClient } from './indkaldelse';
import { joblogClient } from './joblog';
import { personActivityStatusClient } from './personActivityStatus';
import { personStatusClient } from './personStatus';
import { RestService } from './rest';
import { SoapService, type SoapEndpoint } from './soap';
import type { DfdgClients, DfdgConfig, DfdgServiceName, ServiceEndpoint } from './types';
import { virksomhedskontoClient } from './virksomhedskonto';
import { wsrmClient } from './wsrm';

type SoapName = (typeof DFDG_SOAP_SERVICES)[number];

/** The sandbox layout under a base URL (wire-contract §2, §3). */
export function defaultEndpoints(baseUrl: string): Record<DfdgServiceName, Required<ServiceEndpoint>> {
  const base = baseUrl.replace(/\/+$/, '');
  const out = {} as Record<DfdgServiceName, Required<ServiceEndpoint>>;
  for (const s of DFDG_SOAP_SERVICES) {
    out[s] = {
      url: `${base}/pjaktass/1/${s}.svc`,
      namespace: `http://service.bm.dk/${s}/2024/01/01/`,
      soapActionBase: `http://service.bm.dk/pjaktass/1/${s}`,
    };
  }
  for (const s of DFDG_REST_SERVICES) out[s] = { url: base, namespace: '', soapActionBase: '' };
  return out;
}

/** The effective endpoint of a service: the sandbox default with the configured overrides on top. */
export function endpointFor(config: DfdgConfig, service: DfdgServiceName): Required<ServiceEndpoint> {
  const d = defaultEndpoints(config.baseUrl)[service];
  const o = config.services?.[service];
  return { url: o?.url ?? d.url, namespace: o?.namespace ?? d.namespace, soapActionBase: o?.soapActionBase ?? d.soapActionBase };
}

/** Builds every client. Throws IdentityError (Danish) when the TLS material cannot be used. */
export function createDfdgClients(config: DfdgConfig): DfdgClients {
  const agent = buildHttpsAgent(config.tls, config.proxyUrl ? { proxyUrl: config.proxyUrl } : {});
  const http = createHttp(config, agent);
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const soap = (s: SoapName) => new SoapService(http, s, endpointFor(config, s) as SoapEndpoint, timeout);
  const rest = (s: DfdgServiceName) => new RestService(http, s, endpointFor(config, s).url, timeout);
  return {
    citizenMessage: citizenMessageClient(soap('CitizenMessageService')),
    personStatus: personStatusClient(soap('PersonStatusService')),
    personActivityStatus: personActivityStatusClient(soap('PersonActivityStatusService')),
    codeList: codeListClient(soap('CodeListService')),
    wsrm: wsrmClient(soap('WsrmService'), soap('WsrmMessageService')),
    fravaer: fravaerClient(rest('FravaerService')),
    indkaldelse: indkaldelseClient(rest('IndkaldelseService')),
    joblog: joblogClient(rest('JoblogService')),
    virksomhedskonto: virksomhedskontoClient(rest('VirksomhedskontoService')),
    close() {
      agent.destroy();
    },
  };
}

export { DfdgError, isDfdgError, type DfdgErrorKind } from './errors';
export { buildHttpsAgent, createHttp } from './http';
export { identityFromTls, IdentityError, type IdentityErrorReason, type IdentityNames } from './identity';
export type * from './types';
