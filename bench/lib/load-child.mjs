// Runs one autocannon load in a process of its own and sends back its result.
// The bench's own process holds datasets, sessions and prepared rows; a major
// garbage collection there delays reading responses and was measured to double
// the p99 of a plain node:http server (23 ms against 5-10 ms with a small heap).
// Plain JS so it runs under tsx and node alike.
import autocannon from 'autocannon';

process.once('message', async (options) => {
  const { pool, ...rest } = options;
  // A pool of ready requests, one picked at random for each request sent.
  const requests = pool ? [{ setupRequest: (request) => ({ ...request, ...pool[Math.floor(Math.random() * pool.length)] }) }] : rest.requests;
  const result = await autocannon({ ...rest, requests });
  process.send({
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    throughput: result.throughput.total,
  });
});
