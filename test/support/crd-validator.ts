// Validates objects against the real Chaos Mesh CRD schemas in crds/, with unknown fields rejected
// (the API server with fieldValidation=Strict). Shared by render tests and the fake API server.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { Ajv, type ValidateFunction } from 'ajv';

export const CRD_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'crds');

export interface CrdInfo {
  group: string;
  kind: string;
  plural: string;
  singular: string;
  listKind: string;
  version: string;
  scope: string;
  schema: Record<string, unknown>;
}

let crdCache: CrdInfo[] | undefined;

/** Every CRD shipped in crds/. */
export function loadCrds(): CrdInfo[] {
  if (crdCache) return crdCache;
  crdCache = [];
  for (const file of readdirSync(CRD_DIR).filter((f) => f.endsWith('.yaml'))) {
    for (const doc of parseAllDocuments(readFileSync(join(CRD_DIR, file), 'utf8'))) {
      const crd = doc.toJS() as any;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      const v = crd.spec.versions[0];
      crdCache.push({
        group: crd.spec.group,
        kind: crd.spec.names.kind,
        plural: crd.spec.names.plural,
        singular: crd.spec.names.singular,
        listKind: crd.spec.names.listKind,
        version: v.name,
        scope: crd.spec.scope,
        schema: v.schema.openAPIV3Schema,
      });
    }
  }
  return crdCache;
}

// Structural schemas let the server prune unknown fields; we reject them instead (Strict validation).
function closeObjects(node: any, path: string[]): any {
  if (Array.isArray(node)) return node.map((n) => closeObjects(n, path));
  if (!node || typeof node !== 'object') return node;
  const out: any = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(
        Object.entries(v as object).map(([pk, pv]) => [pk, closeObjects(pv, [...path, pk])]),
      );
    } else out[k] = closeObjects(v, path);
  }
  const isMetadata = path.length === 1 && path[0] === 'metadata';
  if (out.properties && out.additionalProperties === undefined && !isMetadata) out.additionalProperties = false;
  return out;
}

const validators = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

function validatorFor(kind: string): ValidateFunction | undefined {
  const hit = validators.get(kind);
  if (hit) return hit;
  const crd = loadCrds().find((c) => c.kind === kind);
  if (!crd) return undefined;
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: false });
    for (const f of ['int32', 'int64']) ajv.addFormat(f, { type: 'number', validate: Number.isInteger });
    ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  }
  const fn = ajv.compile(closeObjects(crd.schema, []));
  validators.set(kind, fn);
  return fn;
}

/** Returns schema errors as `path: message` strings; empty when the object is valid. */
export function validateAgainstCrd(obj: { kind?: string } & Record<string, unknown>): string[] {
  const fn = validatorFor(String(obj.kind));
  if (!fn) return [`no CRD for kind ${String(obj.kind)}`];
  if (fn(obj)) return [];
  return (fn.errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as any).additionalProperty)})` : '';
    return `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${extra}`;
  });
}
