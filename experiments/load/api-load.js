// k6 load for experiments/k6-latency.yml, in the style of the platform's load tests
// (load-tests/api-load.js). chaos starts it at confirmed injection and stops it with SIGTERM at revert,
// so it runs longer than any fault window. Thresholds abort the run on failure: k6 then exits non-zero
// by itself (exit 99), which chaos records as a failed `during` hook.
//
//   k6 run --quiet experiments/load/api-load.js            # as chaos runs it
//   k6 run -e API_URL=http://localhost:8080 experiments/load/api-load.js
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Rate, Trend } from 'k6/metrics';

const errorRate = new Rate('errors');
const latencyTrend = new Trend('latency');

const BASE_URL = __ENV.API_URL || 'http://api.materi.dev';

export const options = {
  stages: [
    { duration: '30s', target: 50 }, // Ramp up
    { duration: '30m', target: 50 }, // Steady state until chaos stops it
  ],
  thresholds: {
    // 200ms of injected latency on top of a ~50ms p95: fail well past what the experiment tolerates.
    http_req_duration: [{ threshold: 'p(95)<600', abortOnFail: true, delayAbortEval: '1m' }],
    errors: [{ threshold: 'rate<0.01', abortOnFail: true, delayAbortEval: '1m' }],
  },
};

export default function () {
  const url = `${BASE_URL}/api/v1/documents`;
  const params = {
    headers: {
      Authorization: `Bearer ${__ENV.API_TOKEN}`,
      'Content-Type': 'application/json',
    },
  };

  const getRes = http.get(url, params);
  check(getRes, {
    'GET status is 200': (r) => r.status === 200,
    'GET latency < 600ms': (r) => r.timings.duration < 600,
  });
  errorRate.add(getRes.status !== 200);
  latencyTrend.add(getRes.timings.duration);

  sleep(1);
}
