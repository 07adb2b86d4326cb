// The BullMQ side of the peer benchmark (bench/README.md, docs/BENCHMARKS.md).
//
//   node peer.mjs worker '<json>'   runs a Worker until stdin closes; answers "stats" with {"completed":n}
//   node peer.mjs drive  '<json>'   runs one workload with a Queue and a QueueEvents listener; prints one JSON line
//
// Both take {backend: "redis"|"postgres", redis: {host, port}, postgres: "<connection string>",
// schema, queue, ...}. The job shape matches Actors' bench_echo: a 1 KB payload, three progress
// reports, a small stored result.
import { Queue, Worker, QueueEvents, createPostgresBackend } from 'bullmq';
import { createInterface } from 'node:readline';

const [mode, raw] = process.argv.slice(2);
const config = JSON.parse(raw ?? '{}');

/** Constructor arguments after the name: the options, then the PostgreSQL backend when asked for. */
function connect(extra = {}) {
  if (config.backend === 'postgres') {
    // The schema is created on the first connection (migrate: true).
    return [{ ...extra, connection: { connectionString: config.postgres, schema: config.schema, migrate: true } }, createPostgresBackend];
  }
  return [{ ...extra, connection: { host: config.redis.host, port: config.redis.port, maxRetriesPerRequest: null } }];
}

let baseline = 0; // completed jobs already in the queue when this driver started
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function runWorker() {
  let completed = 0;
  const delay = config.delayMs ?? 0;
  const worker = new Worker(config.queue, async (job) => {
    for (let step = 1; step <= 3; step++) {
      if (delay > 0) await sleep(delay);
      await job.updateProgress(Math.round((95 * step) / 3));
    }
    return { summary: 'bench echo', bytes: job.data.csv.length };
  }, ...connect({ concurrency: config.concurrency ?? 1 }));
  worker.on('completed', () => { completed++; });
  worker.on('error', (err) => process.stderr.write(`worker error: ${err.message}\n`));
  await worker.waitUntilReady();
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim() === 'stats') process.stdout.write(JSON.stringify({ completed }) + '\n');
    if (line.trim() === 'exit') break;
  }
  await worker.close();
  process.exit(0);
}

/**
 * One listener for the whole queue (BullMQ's QueueEvents), recording by job id. Events may arrive
 * before queue.add returns, so what is seen is kept apart from when the job was submitted.
 */
class Listener {
  constructor(events) {
    this.jobs = new Map(); // id -> {submitted, progress, active, completed}
    this.progress = 0;
    this.completed = 0;
    this.added = 0;
    const seen = (id) => {
      let j = this.jobs.get(id);
      if (!j) { j = { progress: 0 }; this.jobs.set(id, j); }
      return j;
    };
    events.on('progress', ({ jobId }) => { this.progress++; seen(jobId).progress++; });
    events.on('active', ({ jobId }) => { const j = seen(jobId); j.active ??= performance.now(); });
    events.on('completed', ({ jobId }) => { this.completed++; const j = seen(jobId); j.completed ??= performance.now(); });
  }
  track(id, submitted) {
    const j = this.jobs.get(id) ?? { progress: 0 };
    j.submitted = submitted;
    this.added++;
    this.jobs.set(id, j);
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

function payload(i) {
  // 1 KB of CSV, deterministic per job (the Actors load generator sends the same bytes).
  let csv = 'region,units,unit_price,revenue\n';
  let row = 0;
  while (csv.length < 1000) {
    const units = ((i * 31 + row * 17) % 97) + 1;
    const price = ((i * 7 + row * 13) % 50) + 10;
    csv += `r${row % 5},${units},${price},${units * price}\n`;
    row++;
  }
  return { csv: csv.slice(0, csv.lastIndexOf('\n', 1000) + 1) };
}

/** Waits until the listener saw `count` completions, or the queue says they completed (the listener may miss some). */
async function waitCompleted(queue, listener, count, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  let countedAt = null;
  while (performance.now() < deadline) {
    if (listener.completed >= count) return true;
    const counts = await queue.getJobCounts('completed');
    if (counts.completed - baseline >= count) {
      // Every job is done; give straggling events a moment, then stop waiting for ones that never come.
      countedAt ??= performance.now();
      if (performance.now() - countedAt > 2000) return true;
    }
    await sleep(50);
  }
  return false;
}

function summary(listener, ids) {
  const latencies = [];
  let progress = 0;
  let completions = 0;
  for (const id of ids) {
    const j = listener.jobs.get(id);
    progress += j.progress;
    if (j.completed !== undefined) { completions++; latencies.push(j.completed - j.submitted); }
  }
  latencies.sort((a, b) => a - b);
  return {
    e2e_p50: percentile(latencies, 50), e2e_p99: percentile(latencies, 99), e2e_p999: percentile(latencies, 99.9),
    progress_seen: progress, completions_seen: completions, jobs: ids.length,
  };
}

async function drive() {
  const queue = new Queue(config.queue, ...connect());
  const events = new QueueEvents(config.queue, ...connect());
  await queue.waitUntilReady();
  await events.waitUntilReady();
  const listener = new Listener(events);
  baseline = (await queue.getJobCounts('completed')).completed;
  const w = config.workload;
  const timeoutMs = (config.timeoutSeconds ?? 300) * 1000;
  let result;
  let next = 0;
  const add = async (opts = {}) => {
    const i = next++;
    const submitted = performance.now();
    const job = await queue.add('bench_echo', payload(i), opts);
    listener.track(job.id, submitted);
    return { id: job.id, submitted, accepted: performance.now() };
  };

  if (w.kind === 'enqueue') {
    const submits = [];
    const ids = [];
    const start = performance.now();
    await Promise.all(Array.from({ length: w.concurrency }, async () => {
      while (next < w.jobs) {
        const s = await add();
        submits.push(s.accepted - s.submitted);
        ids.push(s.id);
      }
    }));
    const elapsed = (performance.now() - start) / 1000;
    await waitCompleted(queue, listener, ids.length, timeoutMs);
    submits.sort((a, b) => a - b);
    result = { jobs_per_s: ids.length / elapsed, submit_p50: percentile(submits, 50), submit_p99: percentile(submits, 99), ...summary(listener, ids) };
  } else if (w.kind === 'drain') {
    await queue.pause();
    const ids = [];
    for (let at = 0; at < w.jobs; at += 500) {
      const batch = Array.from({ length: Math.min(500, w.jobs - at) }, () => ({ name: 'bench_echo', data: payload(next++) }));
      const jobs = await queue.addBulk(batch);
      const now = performance.now();
      for (const job of jobs) { listener.track(job.id, now); ids.push(job.id); }
    }
    const start = performance.now();
    await queue.resume();
    const done = await waitCompleted(queue, listener, ids.length, timeoutMs);
    const counts = await queue.getJobCounts('completed');
    const end = listener.completed >= ids.length
      ? Math.max(...ids.map((id) => listener.jobs.get(id).completed))
      : performance.now() - (done ? 2000 : 0);
    result = { jobs_per_s: Math.min(counts.completed - baseline, ids.length) / ((end - start) / 1000), ...summary(listener, ids) };
  } else if (w.kind === 'openloop') {
    const steps = [];
    for (const rate of w.rates) {
      const count = Math.max(1, Math.round(rate * w.seconds));
      const ids = [];
      const start = performance.now();
      const pending = [];
      for (let k = 0; k < count; k++) {
        const due = start + (k * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        pending.push(add().then((s) => ids.push(s.id)));
      }
      await Promise.all(pending);
      const finished = await waitCompletedIds(queue, listener, ids, timeoutMs);
      const last = Math.max(...ids.map((id) => listener.jobs.get(id).completed ?? 0));
      const achieved = ids.length / ((last - start) / 1000);
      const s = summary(listener, ids);
      steps.push({ rate, achieved, finished, ...s });
      if (!finished || achieved < 0.9 * rate || (s.e2e_p99 ?? Infinity) > w.saturationP99Ms) break;
    }
    const ids = [...listener.jobs.keys()];
    result = { steps, ...summary(listener, ids) };
  } else if (w.kind === 'streams') {
    const ids = [];
    const start = performance.now();
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (next < w.jobs) {
        const s = await add();
        ids.push(s.id);
      }
    }));
    await waitCompletedIds(queue, listener, ids, timeoutMs);
    const last = Math.max(...ids.map((id) => listener.jobs.get(id).completed ?? 0));
    const s = summary(listener, ids);
    result = { events_per_s: (s.progress_seen + s.completions_seen) / ((last - start) / 1000), ...s };
  } else if (w.kind === 'priority') {
    const low = [];
    for (let k = 0; k < w.low; k++) low.push((await add({ priority: 10 })).id);
    const high = [];
    for (let k = 0; k < w.high; k++) {
      await sleep(w.highSpacingMs);
      high.push((await add({ priority: 1 })).id);
    }
    const all = [...low, ...high];
    await waitCompletedIds(queue, listener, all, timeoutMs);
    const waits = (ids) => ids.map((id) => listener.jobs.get(id)).filter((j) => j.active !== undefined).map((j) => j.active - j.submitted).sort((a, b) => a - b);
    const h = waits(high);
    const l = waits(low);
    result = { high_wait_p50: percentile(h, 50), high_wait_p99: percentile(h, 99), low_wait_p50: percentile(l, 50), low_wait_p99: percentile(l, 99), ...summary(listener, all) };
  } else {
    throw new Error(`unknown workload ${w.kind}`);
  }

  const counts = await queue.getJobCounts('completed', 'failed', 'active', 'wait', 'prioritized', 'paused');
  result.queue_counts = counts;
  process.stdout.write(JSON.stringify(result) + '\n');
  await events.close();
  await queue.close();
  process.exit(0);
}

/** Waits until every job of `ids` has a completion event, or the queue counts show them done (events missed). */
async function waitCompletedIds(queue, listener, ids, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  let countedAt = null;
  while (performance.now() < deadline) {
    if (ids.every((id) => listener.jobs.get(id)?.completed !== undefined)) return true;
    const counts = await queue.getJobCounts('completed');
    if (counts.completed - baseline >= listener.added) {
      countedAt ??= performance.now();
      if (performance.now() - countedAt > 2000) return true;
    }
    await sleep(50);
  }
  return false;
}

if (mode === 'worker') await runWorker();
else if (mode === 'drive') await drive();
else { process.stderr.write('usage: node peer.mjs worker|drive <json>\n'); process.exit(2); }
