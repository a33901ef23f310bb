#!/usr/bin/env node
// Verifies credentials as an outside verifier does, with Digital Bazaar's implementation: the eddsa-jcs-2022
// Data Integrity proof (key from the issuer's did:web document), the validity period, and the revocation bit in
// the BitstringStatusList credential (itself verified with its own proof). Open Badges credentials are also
// checked against 1EdTech's AchievementCredential JSON schema when --schema names it.
//
//   node tests/verifier/verify.mjs --site http://127.0.0.1:8765 [--schema FILE] [--now ISO-DATE] SOURCE...
//
// A SOURCE is a JSON file, "-" (standard input), or a URL on a --site. The answer is one JSON document on
// standard output: {"results": [{"source", "verified", "errors", "status", "schema"}, ...]}. The exit code is 0
// when every credential verified, 1 when some did not, 2 when the command itself was used wrongly.

import {readFileSync, statSync} from 'node:fs';
import {parseArgs} from 'node:util';

import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import {checkStatus as checkBitstringStatus} from '@digitalbazaar/vc-bitstring-status-list';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

import {makeDocumentLoader, MAX_FETCH_BYTES} from './contexts.mjs';

const MAX_SOURCES = 1000;
const OPEN_BADGE_TYPES = ['OpenBadgeCredential', 'AchievementCredential'];

class UsageError extends Error {}

function readOptions(argv) {
  const {values, positionals} = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      site: {type: 'string', multiple: true},
      schema: {type: 'string'},
      now: {type: 'string'},
      help: {type: 'boolean', short: 'h'},
    },
  });
  if(values.help) {
    return {help: true};
  }
  const sites = values.site || [];
  if(sites.length === 0) {
    throw new UsageError('Name the site that issued the credentials: --site http://127.0.0.1:8765');
  }
  for(const site of sites) {
    let url;
    try {
      url = new URL(site);
    } catch {
      throw new UsageError(`--site "${site}" is not a URL.`);
    }
    if(!['http:', 'https:'].includes(url.protocol)) {
      throw new UsageError(`--site "${site}" must be an http or https URL.`);
    }
  }
  if(positionals.length === 0) {
    throw new UsageError('Give at least one credential: a .json file, "-" for standard input, or a URL.');
  }
  if(positionals.length > MAX_SOURCES) {
    throw new UsageError(`At most ${MAX_SOURCES} credentials per run, not ${positionals.length}.`);
  }
  let now;
  if(values.now !== undefined) {
    now = new Date(values.now);
    if(Number.isNaN(now.getTime())) {
      throw new UsageError(`--now "${values.now}" is not a date and time.`);
    }
  }
  return {sites, schemaPath: values.schema, now, sources: positionals};
}

function schemaValidator(schemaPath) {
  if(!schemaPath) {
    return null;
  }
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // strict: false because 1EdTech's schema uses draft 2019-09 tuple "items" with "additionalItems", which Ajv's
  // strict mode reports as a style warning; validation itself follows the draft.
  const ajv = new Ajv2019({allErrors: true, strict: false});
  addFormats(ajv);
  return ajv.compile(schema);
}

async function loadSource(source, documentLoader) {
  if(source === '-') {
    const text = readFileSync(0);
    if(text.byteLength > MAX_FETCH_BYTES) {
      throw new Error(`Standard input holds more than ${MAX_FETCH_BYTES} bytes; no credential is that large.`);
    }
    return JSON.parse(text.toString('utf8'));
  }
  if(/^https?:\/\//.test(source)) {
    const {document} = await documentLoader(source);
    return document;
  }
  if(statSync(source).size > MAX_FETCH_BYTES) {
    throw new Error(`${source} is larger than ${MAX_FETCH_BYTES} bytes; no credential is that large.`);
  }
  return JSON.parse(readFileSync(source, 'utf8'));
}

/** Every message in an error, its causes and (for aggregate or jsigs errors) the errors it carries. */
function messages(error, seen = new Set()) {
  if(!error || seen.has(error)) {
    return [];
  }
  seen.add(error);
  if(typeof error !== 'object') {
    return [String(error)];
  }
  const own = error.message ? [`${error.name || 'Error'}: ${error.message}`] : [];
  const nested = [...(Array.isArray(error.errors) ? error.errors : []), error.cause].filter(Boolean);
  return [...own, ...nested.flatMap(inner => messages(inner, seen))];
}

function errorsOf(result) {
  const found = [
    ...messages(result.error),
    ...(result.results || []).flatMap(proofResult => messages(proofResult.error)),
    ...messages(result.statusResult?.error),
    ...(result.statusResult?.results || []).flatMap(statusResult => messages(statusResult.error)),
  ];
  return [...new Set(found)];
}

function statusOf(credential, result) {
  if(!credential || !credential.credentialStatus) {
    return {checked: false, revoked: null};
  }
  const statuses = result.statusResult?.results || [];
  const revocation = statuses.find(entry => entry.credentialStatus?.statusPurpose === 'revocation');
  if(!result.statusResult?.verified || !revocation) {
    return {checked: false, revoked: null};
  }
  return {checked: true, revoked: revocation.status === true, index: revocation.credentialStatus.statusListIndex};
}

function isOpenBadge(credential) {
  const types = Array.isArray(credential?.type) ? credential.type : [credential?.type];
  return types.some(type => OPEN_BADGE_TYPES.includes(type));
}

async function verifyOne(source, {documentLoader, validateSchema, now}) {
  let credential;
  try {
    credential = await loadSource(source, documentLoader);
  } catch(error) {
    return {source, verified: false, errors: messages(error), status: {checked: false, revoked: null},
      schema: {checked: false}};
  }
  const suite = new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()});
  const result = await vc.verifyCredential({
    credential: structuredClone(credential),
    suite,
    documentLoader,
    now,
    checkStatus: options => checkBitstringStatus({...options, suite, documentLoader}),
  });
  let schema = {checked: false};
  if(validateSchema && isOpenBadge(credential)) {
    const valid = validateSchema(credential);
    schema = {checked: true, valid, errors: (validateSchema.errors || []).map(
      error => `${error.instancePath || '/'} ${error.message}`)};
  }
  return {
    source,
    id: typeof credential?.id === 'string' ? credential.id : null,
    verified: result.verified === true,
    errors: errorsOf(result),
    status: statusOf(credential, result),
    schema,
  };
}

async function main(argv) {
  let options;
  try {
    options = readOptions(argv);
  } catch(error) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if(options.help) {
    process.stdout.write('node verify.mjs --site URL [--schema FILE] [--now ISO-DATE] SOURCE...\n');
    return 0;
  }
  const documentLoader = makeDocumentLoader(options.sites);
  const validateSchema = schemaValidator(options.schemaPath);
  const results = [];
  // One at a time: the status list is fetched per credential as a verifier would, and the order is kept.
  for(const source of options.sources) {
    results.push(await verifyOne(source, {documentLoader, validateSchema, now: options.now}));
  }
  process.stdout.write(JSON.stringify({results}, null, 2) + '\n');
  return results.every(result => result.verified) ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
