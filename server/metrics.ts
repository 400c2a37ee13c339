/**
 * What Prometheus scrapes at `GET /metrics` (http/metrics.ts): how fast socket events are
 * answered, how many sockets are open, how many facts come in, how big commits are and how far
 * behind the change log a node is, and the process's own figures (CPU, memory, event loop, GC).
 *
 * Each application has its own registry, never prom-client's global one: tests start many
 * applications in one process. The process's figures are the process's, so they are collected
 * once, in a registry of their own, and served beside each application's.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Anything with a name and its connected sockets: a socket.io namespace. */
interface CountedNamespace {
  readonly name: string;
  readonly sockets: { readonly size: number };
}

export interface Metrics {
  readonly registry: Registry;
  /** Seconds from a socket event's arrival to its acknowledgement, per namespace and event. */
  readonly ackSeconds: Histogram<'namespace' | 'event'>;
  /** Facts accepted by the pipeline (duplicates not counted); its rate is facts per second. */
  readonly facts: Counter;
  /** Facts per commit: how well writes that arrive together share one commit. */
  readonly commitBatchSize: Histogram;
  /** Seconds this node is behind the shared change log, per node. */
  readonly changeLogLag: Gauge<'node'>;
  /** Records one socket event's answer, `seconds` after it arrived. */
  observeAck(namespace: string, event: string, seconds: number): void;
  /** Records one commit of `facts` facts (the storage layer calls it). */
  observeCommitBatch(facts: number): void;
  /** Records how far behind the change log `node` is. */
  setChangeLogLag(node: string, seconds: number): void;
  /** Counts the sockets of these namespaces on every scrape. */
  countSockets(namespaces: readonly unknown[]): void;
  /** The text Prometheus reads: this application's metrics and the process's. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

let processRegistry: Registry | null = null;

/** CPU, memory, event loop lag, GC and handles of this process, collected once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Socket acknowledgements take milliseconds, commits with a disk sync tens of them. */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const namespaces: CountedNamespace[] = [];

  const ackSeconds = new Histogram({
    name: 'peakend_socket_ack_seconds',
    help: 'Seconds from a socket event to its acknowledgement, by namespace and event.',
    labelNames: ['namespace', 'event'] as const,
    buckets: ACK_BUCKETS,
    registers,
  });
  const facts = new Counter({
    name: 'peakend_facts_total',
    help: 'Facts accepted by the pipeline (stored, not duplicates).',
    registers,
  });
  const commitBatchSize = new Histogram({
    name: 'peakend_commit_batch_facts',
    help: 'Facts per storage commit.',
    buckets: BATCH_BUCKETS,
    registers,
  });
  const changeLogLag = new Gauge({
    name: 'peakend_change_log_lag_seconds',
    help: 'Seconds a node is behind the shared change log, by node.',
    labelNames: ['node'] as const,
    registers,
  });
  new Gauge({
    name: 'peakend_sockets',
    help: 'Connected sockets, by namespace.',
    labelNames: ['namespace'] as const,
    registers,
    collect() {
      for (const namespace of namespaces) {
        this.set({ namespace: namespace.name }, namespace.sockets.size);
      }
    },
  });

  return {
    registry,
    ackSeconds,
    facts,
    commitBatchSize,
    changeLogLag,
    observeAck: (namespace, event, seconds) => ackSeconds.observe({ namespace, event }, seconds),
    observeCommitBatch: (count) => commitBatchSize.observe(count),
    setChangeLogLag: (node, seconds) => changeLogLag.set({ node }, seconds),
    countSockets(list) {
      namespaces.push(...(list as CountedNamespace[]));
    },
    async scrape() {
      const merged = Registry.merge([registry, processMetrics()]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}
