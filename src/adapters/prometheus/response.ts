// Prometheus /api/v1/query answers → QueryResult. Shapes as measured against Prometheus 2.42:
// values are strings ("0.5", "NaN", "+Inf", "-Inf"), errors carry errorType + error.
import { z } from 'zod';

const SamplePair = z.tuple([z.number(), z.string()]);
const Labels = z.record(z.string(), z.string());

const Data = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: Labels, value: SamplePair })) }),
  z.object({ resultType: z.literal('scalar'), result: SamplePair }),
  z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: Labels, values: z.array(SamplePair) })) }),
  z.object({ resultType: z.literal('string'), result: SamplePair }),
]);

const Body = z.discriminatedUnion('status', [
  z.object({ status: z.literal('success'), data: Data, warnings: z.array(z.string()).optional() }),
  z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
]);

export type Parsed =
  | { ok: true; series: { labels: Record<string, string>; value: number }[] }
  | { ok: false; errorType: string; message: string };

/** Prometheus encodes special floats as Go does; Number("+Inf") would be NaN. */
export function parseSampleValue(text: string): number | undefined {
  if (text === 'NaN') return NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  const n = Number(text);
  return text.trim() === '' || Number.isNaN(n) ? undefined : n;
}

function snippet(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}

function httpError(status: number, statusText: string, body: string): { ok: false; errorType: string; message: string } {
  const hint =
    status === 401 || status === 403 ? ' (check prometheus.bearerTokenEnv, basicAuth and headers in chaos.config.yml)' : '';
  const text = snippet(body);
  return { ok: false, errorType: 'http', message: `HTTP ${status} ${statusText}${text ? `: ${text}` : ''}${hint}` };
}

export function parseQueryResponse(status: number, statusText: string, body: string): Parsed {
  const answer = parseBody(status, statusText, body);
  return answer.ok ? toSeries(answer.data) : answer;
}

/** The API envelope: success with its data, or why not (HTTP error, not JSON, unexpected shape, query error). */
function parseBody(status: number, statusText: string, body: string): { ok: true; data: z.infer<typeof Data> } | { ok: false; errorType: string; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    if (status >= 400) return httpError(status, statusText, body);
    return { ok: false, errorType: 'bad_response', message: `not a Prometheus API answer (HTTP ${status}): ${snippet(body)}` };
  }
  const parsed = Body.safeParse(json);
  if (!parsed.success) {
    if (status >= 400) return httpError(status, statusText, body);
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, errorType: 'bad_response', message: `unexpected answer shape${where}: ${issue?.message ?? 'invalid'}` };
  }
  const answer = parsed.data;
  if (answer.status === 'error') return { ok: false, errorType: answer.errorType, message: answer.error };
  return { ok: true, data: answer.data };
}

export type ParsedRange =
  | { ok: true; series: { labels: Record<string, string>; values: { t: number; value: number }[] }[] }
  | { ok: false; errorType: string; message: string };

/** /api/v1/query_range answers: a matrix of (seconds, "value") pairs per series → epoch ms and numbers. */
export function parseRangeResponse(status: number, statusText: string, body: string): ParsedRange {
  const answer = parseBody(status, statusText, body);
  if (!answer.ok) return answer;
  const data = answer.data;
  if (data.resultType !== 'matrix') return { ok: false, errorType: 'bad_data', message: `a range query answered ${data.resultType}, not a matrix` };
  const series: { labels: Record<string, string>; values: { t: number; value: number }[] }[] = [];
  for (const row of data.result) {
    const values: { t: number; value: number }[] = [];
    for (const [t, text] of row.values) {
      const value = parseSampleValue(text);
      if (value === undefined) return { ok: false, errorType: 'bad_response', message: `sample value ${JSON.stringify(text)} is not a number` };
      values.push({ t: Math.round(t * 1000), value });
    }
    series.push({ labels: row.metric, values });
  }
  return { ok: true, series };
}

function toSeries(data: z.infer<typeof Data>): Parsed {
  switch (data.resultType) {
    case 'vector':
      return collect(data.result.map((r) => ({ labels: r.metric, text: r.value[1] })));
    case 'scalar':
      return collect([{ labels: {}, text: data.result[1] }]);
    case 'matrix':
      // An instant query returning a range vector is a query mistake, not something to guess a number from.
      return {
        ok: false,
        errorType: 'bad_data',
        message: 'the query returns a range vector (matrix); wrap the range selector in a function such as rate() or max_over_time()',
      };
    case 'string':
      return { ok: false, errorType: 'bad_data', message: 'the query returns a string, not a number' };
  }
}

function collect(rows: { labels: Record<string, string>; text: string }[]): Parsed {
  const series: { labels: Record<string, string>; value: number }[] = [];
  for (const row of rows) {
    const value = parseSampleValue(row.text);
    if (value === undefined) return { ok: false, errorType: 'bad_response', message: `sample value ${JSON.stringify(row.text)} is not a number` };
    series.push({ labels: row.labels, value });
  }
  return { ok: true, series };
}
