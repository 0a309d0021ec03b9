// JSON merge patch (RFC 7386) and JSON patch (RFC 6902) as the apiserver applies them to custom resources.
import type { ResourceType } from './resources.js';
import { failure } from './status.js';
import { clone, type KObj } from './store.js';

export function mergePatch(target: any, patch: any): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return clone(patch);
  const out = target !== null && typeof target === 'object' && !Array.isArray(target) ? target : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function pointer(path: string): string[] {
  return path === '' ? [] : path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function rejected(type: ResourceType, message: string): never {
  throw failure(422, 'Invalid', `the server rejected our request due to an error in our request: ${message}`, { kind: type.plural });
}

export function jsonPatch(live: KObj, ops: unknown, type: ResourceType): KObj {
  if (!Array.isArray(ops)) rejected(type, 'json patch must be an array of operations');
  const doc: any = clone(live);
  for (const op of ops as { op: string; path: string; value?: unknown }[]) {
    const segs = pointer(op.path);
    const last = segs.pop();
    let parent = doc;
    for (const s of segs) parent = parent?.[s];
    if (parent === undefined || last === undefined) rejected(type, `doc is missing path: "${op.path}"`);
    const isArr = Array.isArray(parent);
    const idx = isArr ? (last === '-' ? parent.length : Number(last)) : -1;
    switch (op.op) {
      case 'add':
        if (isArr) parent.splice(idx, 0, clone(op.value));
        else parent[last] = clone(op.value);
        break;
      case 'replace':
        if (!(last in parent)) rejected(type, `replace operation does not apply: doc is missing key: ${op.path}`);
        parent[last] = clone(op.value);
        break;
      case 'remove':
        if (!(last in parent)) rejected(type, `remove operation does not apply: doc is missing path: "${op.path}"`);
        if (isArr) parent.splice(idx, 1);
        else delete parent[last];
        break;
      case 'test':
        if (JSON.stringify(parent[last]) !== JSON.stringify(op.value)) rejected(type, `testing value ${op.path} failed: test failed`);
        break;
      default:
        rejected(type, `Unexpected kind: ${op.op}`);
    }
  }
  return doc as KObj;
}
