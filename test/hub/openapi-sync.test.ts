// docs/openapi.yaml must describe exactly the hub's route table (both directions), be a
// structurally sound OpenAPI 3.1 document, and mirror the zod schemas' fields.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { HUB_ROUTES } from '../../server/http/routes.ts';
import {
  Artifact,
  Assignment,
  AuditEvent,
  AuditCheckpoint,
  AuditCheckpointsResponse,
  AuditPublicKey,
  AuditVerifyResponse,
  DecisionSummary,
  DecisionsResponse,
  Criterion,
  EvidenceNote,
  IntakeArtifactResponse,
  IntakeSubmissionRequest,
  IntakeSubmissionResponse,
  MicroCredential,
  Qualification,
  RecusalRequest,
  RecusalResponse,
  ReviewBody,
  Rubric,
  SignInRequest,
  SignInResponse,
  StoredReview,
  Submission,
  SyncResponse,
  UserSummary,
  CriterionResult,
  AdjudicationBody,
  StoredAdjudication,
  ReadsResponse,
  SelectionRecord,
  ConsensusState,
  AttemptAgreement,
  AttemptItem,
  AttemptResponse,
  AttemptsResponse,
  CalibrationAttempt,
  CalibrationSet,
  CalibrationSetCreateRequest,
  CalibrationSetResponse,
  CalibrationSetsResponse,
  MicroCredentialsResponse,
  ValidityRead,
  ValidityReadsResponse,
  CredentialResponse,
  IssuerJwks,
  DecisionHistoryResponse,
  AssignmentOpenedRequest,
  AssignmentOpenedResponse,
  HistoryRead,
  ReadStanding,
  ReliabilityReport,
  TurnaroundReport,
  ReassignRequest,
  ReassignResponse,
  AssessorReliability,
  Comparison,
  DriftPoint,
  ReliabilityFlag,
  OpenWorkItem,
} from '../../shared/index.ts';
import { ErrorCode } from '../../shared/protocol/errors.ts';
import { REPO_ROOT } from '../support/hub.ts';

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

const doc = parse(readFileSync(join(REPO_ROOT, 'docs/openapi.yaml'), 'utf8')) as Json;
const paths = doc.paths as Record<string, Json>;
const schemas = (doc.components as Json).schemas as Record<string, Json>;

const operations = Object.entries(paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m] !== undefined).map((m) => ({ key: `${m.toUpperCase()} ${path}`, path, op: item[m] as Json })),
);

/** Every `$ref` string anywhere in the document, with where it was found. */
function collectRefs(node: unknown, at: string, out: { ref: string; at: string }[] = []) {
  if (Array.isArray(node)) node.forEach((v, i) => collectRefs(v, `${at}/${i}`, out));
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push({ ref: v, at });
      else collectRefs(v, `${at}/${k}`, out);
    }
  }
  return out;
}

function resolvePointer(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Json)[key] : undefined), doc);
}

const deref = (node: Json): Json => (typeof node.$ref === 'string' ? deref(resolvePointer(node.$ref) as Json) : node);

/** Property names and required names of an OpenAPI object schema, through allOf. */
function objectShape(schema: Json): { properties: string[]; required: string[] } {
  const s = deref(schema);
  const parts = Array.isArray(s.allOf) ? (s.allOf as Json[]).map(objectShape) : [];
  const properties = [...Object.keys((s.properties as Json | undefined) ?? {}), ...parts.flatMap((p) => p.properties)];
  const required = [...((s.required as string[] | undefined) ?? []), ...parts.flatMap((p) => p.required)];
  return { properties: properties.sort(), required: required.sort() };
}

function zodShape(schema: z.ZodType): { properties: string[]; required: string[] } {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  const properties = Object.keys((json.properties as Json | undefined) ?? {}).sort();
  const required = ((json.required as string[] | undefined) ?? []).sort();
  return { properties, required };
}

describe('docs/openapi.yaml is a sound OpenAPI 3.1 document', () => {
  it('declares OpenAPI 3.1.x, an info block and the bearer security scheme', () => {
    expect(String(doc.openapi)).toMatch(/^3\.1\.\d+$/);
    expect((doc.info as Json).title).toEqual(expect.any(String));
    const scheme = ((doc.components as Json).securitySchemes as Record<string, Json>).bearerAuth;
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
  });

  it('gives every operation an id and at least one success and one error response', () => {
    const ids = new Set<string>();
    for (const { key, op } of operations) {
      const codes = Object.keys((op.responses as Json | undefined) ?? {});
      expect(codes.some((c) => c.startsWith('2')), `${key} has a 2xx response`).toBe(true);
      expect(codes.every((c) => /^[1-5]\d\d$/.test(c)), `${key} uses explicit status codes`).toBe(true);
      expect(typeof op.operationId, `${key} has an operationId`).toBe('string');
      expect(ids.has(op.operationId as string), `${key} operationId is unique`).toBe(false);
      ids.add(op.operationId as string);
    }
  });

  it('resolves every $ref inside the document', () => {
    const refs = collectRefs(doc, '#');
    expect(refs.length).toBeGreaterThan(50);
    const broken = refs.filter(({ ref }) => resolvePointer(ref) === undefined);
    expect(broken).toEqual([]);
  });

  it('declares each path template parameter as a required path parameter', () => {
    for (const { key, path, op } of operations) {
      const declared = ((op.parameters as Json[] | undefined) ?? [])
        .map(deref)
        .filter((p) => p.in === 'path')
        .map((p) => ({ name: p.name, required: p.required }));
      const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], required: true }));
      expect(declared.sort((a, b) => String(a.name).localeCompare(String(b.name))), key).toEqual(
        inTemplate.sort((a, b) => String(a.name).localeCompare(String(b.name))),
      );
    }
  });

  it('has request and response schemas that compile as strict JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    // The document's top-level OpenAPI fields are not JSON Schema keywords.
    for (const key of Object.keys(doc)) ajv.addKeyword(key);
    ajv.addSchema({ ...doc, $id: 'openapi.json' });
    const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
    const compiled: string[] = [];
    for (const name of Object.keys(schemas)) {
      ajv.getSchema(`openapi.json#/${pointer('components', 'schemas', name)}`);
      compiled.push(name);
    }
    for (const { path, key, op } of operations) {
      const method = key.split(' ')[0]!.toLowerCase();
      const bodies = Object.keys(((op.requestBody as Json | undefined)?.content as Json | undefined) ?? {}).map((type) => ['requestBody', 'content', type]);
      const answers = Object.entries((op.responses as Record<string, Json>) ?? {}).flatMap(([status, r]) =>
        Object.keys((r.content as Json | undefined) ?? {}).map((type) => ['responses', status, 'content', type]),
      );
      for (const parts of [...bodies, ...answers]) {
        expect(ajv.getSchema(`openapi.json#/${pointer('paths', path, method, ...parts, 'schema')}`), `${key} ${parts.join(' ')}`).toBeTypeOf('function');
        compiled.push(key);
      }
    }
    expect(compiled.length).toBeGreaterThan(Object.keys(schemas).length + operations.length);
  });

  it('lists exactly the protocol error codes in the error envelope', () => {
    const error = ((schemas.ErrorEnvelope as Json).properties as Json).error as Json;
    const codes = ((error.properties as Json).code as Json).enum as string[];
    expect([...codes].sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('answers every authenticated operation with 401 and every role-restricted one with 403', () => {
    for (const route of HUB_ROUTES) {
      const op = paths[route.path]?.[route.method.toLowerCase()] as Json | undefined;
      const codes = Object.keys((op?.responses as Json | undefined) ?? {});
      if (route.roles === 'public') expect(op?.security, `${route.method} ${route.path} is public`).toEqual([]);
      else expect(codes, `${route.method} ${route.path}`).toContain('401');
      if (Array.isArray(route.roles)) expect(codes, `${route.method} ${route.path}`).toContain('403');
    }
  });
});

describe('docs/openapi.yaml and the hub route table agree', () => {
  const documented = operations.map((o) => o.key).sort();
  const routed = HUB_ROUTES.map((r) => `${r.method} ${r.path}`).sort();

  it('documents every route the hub serves', () => {
    expect(routed.filter((k) => !documented.includes(k))).toEqual([]);
  });

  it('serves every operation the document describes', () => {
    expect(documented.filter((k) => !routed.includes(k))).toEqual([]);
  });

  it("states each route's callers (x-roles) as the route table enforces them", () => {
    const norm = (roles: unknown) => (Array.isArray(roles) ? [...(roles as string[])].sort() : roles);
    for (const route of HUB_ROUTES) {
      const op = paths[route.path]?.[route.method.toLowerCase()] as Json | undefined;
      expect(norm(op?.['x-roles']), `${route.method} ${route.path}`).toEqual(norm(route.roles));
    }
  });
});

describe('docs/openapi.yaml schemas mirror the zod schemas', () => {
  const mirrors: [string, z.ZodType][] = [
    ['SignInRequest', SignInRequest],
    ['SignInResponse', SignInResponse],
    ['UserSummary', UserSummary],
    ['Qualification', Qualification],
    ['Criterion', Criterion],
    ['Rubric', Rubric],
    ['MicroCredential', MicroCredential],
    ['Artifact', Artifact],
    ['Submission', Submission],
    ['EvidenceNote', EvidenceNote],
    ['ReviewBody', ReviewBody],
    ['StoredReview', StoredReview],
    ['Assignment', Assignment],
    ['SyncResponse', SyncResponse],
    ['RecusalRequest', RecusalRequest],
    ['RecusalResponse', RecusalResponse],
    ['IntakeArtifactResponse', IntakeArtifactResponse],
    ['IntakeSubmissionRequest', IntakeSubmissionRequest],
    ['IntakeSubmissionResponse', IntakeSubmissionResponse],
    ['CriterionResult', CriterionResult],
    ['AuditEvent', AuditEvent],
    ['AuditCheckpoint', AuditCheckpoint],
    ['AuditCheckpointPage', AuditCheckpointsResponse],
    ['AuditPublicKey', AuditPublicKey],
    ['DecisionSummary', DecisionSummary],
    ['DecisionPage', DecisionsResponse],
    ['AuditVerifyResponse', AuditVerifyResponse],
    ['AdjudicationBody', AdjudicationBody],
    ['StoredAdjudication', StoredAdjudication],
    ['ReadsResponse', ReadsResponse],
    ['SelectionRecord', SelectionRecord],
    ['ConsensusState', ConsensusState],
    ['MicroCredentialsResponse', MicroCredentialsResponse],
    ['CalibrationSet', CalibrationSet],
    ['CalibrationSetCreateRequest', CalibrationSetCreateRequest],
    ['CalibrationSetResponse', CalibrationSetResponse],
    ['CalibrationSetsResponse', CalibrationSetsResponse],
    ['AttemptAgreement', AttemptAgreement],
    ['AttemptItem', AttemptItem],
    ['CalibrationAttempt', CalibrationAttempt],
    ['AttemptResponse', AttemptResponse],
    ['AttemptsResponse', AttemptsResponse],
    ['ValidityRead', ValidityRead],
    ['ValidityReadsResponse', ValidityReadsResponse],
    ['CredentialResponse', CredentialResponse],
    ['IssuerJwks', IssuerJwks],
    ['DecisionHistory', DecisionHistoryResponse],
    ['HistoryRead', HistoryRead],
    ['ReadStanding', ReadStanding],
    ['AssignmentOpenedRequest', AssignmentOpenedRequest],
    ['AssignmentOpenedResponse', AssignmentOpenedResponse],
    ['ReliabilityReport', ReliabilityReport],
    ['AssessorReliability', AssessorReliability],
    ['Comparison', Comparison],
    ['DriftPoint', DriftPoint],
    ['ReliabilityFlag', ReliabilityFlag],
    ['TurnaroundReport', TurnaroundReport],
    ['OpenWorkItem', OpenWorkItem],
    ['ReassignRequest', ReassignRequest],
    ['ReassignResponse', ReassignResponse],
  ];

  it.each(mirrors)('%s has the same fields and required fields', (name, schema) => {
    expect(schemas[name], `components.schemas.${name}`).toBeDefined();
    expect(objectShape(schemas[name] as Json)).toEqual(zodShape(schema));
  });
});
