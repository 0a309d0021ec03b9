// meta.k8s.io/v1 Table responses, which kubectl asks for (Accept: ...;as=Table) in `get`.
import type { ResourceType } from './resources.js';
import type { KObj } from './store.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export function wantsTable(accept: string | undefined): boolean {
  return accept !== undefined && /as=Table/.test(accept);
}

function age(ts: string | undefined): string {
  if (!ts) return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

function jsonPath(obj: KObj, path: string): unknown {
  let cur: any = obj;
  for (const seg of path.replace(/^\./, '').split('.')) cur = cur?.[seg];
  return cur;
}

const NAME: Column = {
  name: 'Name', type: 'string', format: 'name', priority: 0,
  description: 'Name must be unique within a namespace.',
};
const AGE: Column = {
  name: 'Age', type: 'string', format: '', priority: 0,
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
};

function columnsFor(type: ResourceType): { columns: Column[]; cells: (o: KObj) => unknown[] } {
  if (type.chaos) {
    const extra = type.printerColumns ?? [];
    return {
      columns: [NAME, ...extra.map((c) => ({ name: c.name, type: c.type, format: '', description: c.description ?? '', priority: 0 }))],
      cells: (o) => [o.metadata.name, ...extra.map((c) => jsonPath(o, c.jsonPath) ?? null)],
    };
  }
  if (type.kind === 'Pod') {
    const col = (name: string, t: string, priority = 0): Column => ({ name, type: t, format: '', description: name, priority });
    return {
      columns: [NAME, col('Ready', 'string'), col('Status', 'string'), col('Restarts', 'string'), AGE,
        col('IP', 'string', 1), col('Node', 'string', 1)],
      cells: (o) => {
        const statuses: any[] = o.status?.containerStatuses ?? [];
        const ready = statuses.filter((c) => c.ready).length;
        const restarts = statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0);
        const phase = o.metadata.deletionTimestamp ? 'Terminating' : o.status?.phase ?? 'Unknown';
        return [o.metadata.name, `${ready}/${statuses.length}`, phase, String(restarts), age(o.metadata.creationTimestamp),
          o.status?.podIP ?? '<none>', o.spec?.nodeName ?? '<none>'];
      },
    };
  }
  const col = (name: string): Column => ({ name, type: 'string', format: '', description: name, priority: 0 });
  if (type.kind === 'Event') {
    return {
      columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Message'), { ...NAME, priority: 1 }],
      cells: (o) => [age(o.lastTimestamp ?? o.metadata.creationTimestamp), o.type, o.reason,
        `${String(o.involvedObject?.kind ?? '').toLowerCase()}/${o.involvedObject?.name ?? ''}`, o.message, o.metadata.name],
    };
  }
  if (type.kind === 'Namespace') {
    return { columns: [NAME, col('Status'), AGE], cells: (o) => [o.metadata.name, o.status?.phase ?? 'Active', age(o.metadata.creationTimestamp)] };
  }
  return { columns: [NAME, AGE], cells: (o) => [o.metadata.name, age(o.metadata.creationTimestamp)] };
}

function rowObject(o: KObj, include: IncludeObject): unknown {
  if (include === 'Object') return o;
  if (include === 'None') return undefined;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export function toTable(
  type: ResourceType,
  objects: KObj[],
  opts: { include: IncludeObject; resourceVersion?: string; withHeaders?: boolean },
): Record<string, unknown> {
  const { columns, cells } = columnsFor(type);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: opts.resourceVersion ? { resourceVersion: opts.resourceVersion } : {},
    columnDefinitions: opts.withHeaders === false ? null : columns,
    rows: objects.map((o) => {
      const obj = rowObject(o, opts.include);
      return obj === undefined ? { cells: cells(o) } : { cells: cells(o), object: obj };
    }),
  };
}
