// Reads Chaos Mesh status (conditions, record events) and Kubernetes Events into ChaosStatus.
import { isReallyInjected, type ChaosStatus, type FaultLoss } from '../../ports.js';

interface RecordEvent {
  type?: string;
  operation?: string;
  message?: string;
  timestamp?: string;
}
interface ChaosStatusBody {
  conditions?: { type?: string; status?: string }[];
  experiment?: {
    desiredPhase?: string;
    containerRecords?: { id?: string; phase?: string; events?: RecordEvent[] }[];
  };
}

/** The subset of core/v1 Event read here (timestamps may arrive as strings or Dates). */
export interface EventLike {
  type?: string | undefined;
  reason?: string | undefined;
  message?: string | undefined;
  count?: number | undefined;
  lastTimestamp?: unknown;
  eventTime?: unknown;
  firstTimestamp?: unknown;
}

const MAX_FAILURES = 10;

function time(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? 0 : t;
  }
  return 0;
}

interface Dated {
  t: number;
  text: string;
}

function newestLast(items: Dated[]): string[] {
  const texts = [...items].sort((a, b) => a.t - b.t).map((i) => i.text);
  const unique = texts.filter((t, i) => texts.lastIndexOf(t) === i);
  return unique.slice(-MAX_FAILURES);
}

function recordFailures(status: ChaosStatusBody | undefined): Dated[] {
  const out: Dated[] = [];
  for (const record of status?.experiment?.containerRecords ?? []) {
    for (const ev of record.events ?? []) {
      if (ev.type !== 'Failed') continue;
      const op = ev.operation ?? 'Apply';
      out.push({ t: time(ev.timestamp), text: `${op} failed on ${record.id ?? '?'}: ${ev.message ?? ''}`.trim() });
    }
  }
  return out;
}

export function chaosStatusOf(obj: object | undefined, events: EventLike[] = []): ChaosStatus {
  const status = (obj as { status?: ChaosStatusBody } | undefined)?.status;
  const condition = (type: string): boolean =>
    (status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
  const warnings: Dated[] = events
    .filter((e) => e.type === 'Warning')
    .map((e) => ({
      t: Math.max(time(e.lastTimestamp), time(e.eventTime), time(e.firstTimestamp)),
      text: `${e.reason ?? 'Warning'}: ${e.message ?? ''}${e.count && e.count > 1 ? ` (×${e.count})` : ''}`,
    }));
  return {
    selected: condition('Selected'),
    allInjected: condition('AllInjected'),
    allRecovered: condition('AllRecovered'),
    desiredPhase: status?.experiment?.desiredPhase,
    records: (status?.experiment?.containerRecords ?? []).map((r) => ({ id: r.id ?? '?', phase: r.phase ?? '' })),
    failures: newestLast([...recordFailures(status), ...warnings]),
  };
}

const PAUSE_ANNOTATION = 'experiment.chaos-mesh.org/pause';

/** Why an object that was injected no longer holds its fault, or undefined while it still does. */
export function faultLossOf(obj: object | undefined): FaultLoss | undefined {
  if (obj === undefined) return { reason: 'deleted', detail: 'the object was deleted by someone else' };
  const o = obj as { metadata?: { deletionTimestamp?: unknown; annotations?: Record<string, string> }; status?: ChaosStatusBody };
  if (o.metadata?.deletionTimestamp) return { reason: 'deleted', detail: 'the object is being deleted by someone else' };
  const paused = o.metadata?.annotations?.[PAUSE_ANNOTATION] === 'true' || (o.status?.conditions ?? []).some((c) => c.type === 'Paused' && c.status === 'True');
  if (paused) return { reason: 'paused', detail: `the object was paused (${PAUSE_ANNOTATION})` };
  const st = chaosStatusOf(obj);
  if (!isReallyInjected(st) || st.desiredPhase === 'Stop') {
    return { reason: 'not-injected', detail: `Chaos Mesh no longer reports it injected (AllInjected=${st.allInjected}, desiredPhase ${st.desiredPhase ?? 'unset'})` };
  }
  return undefined;
}
