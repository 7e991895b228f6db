/**
 * Prometheus metrics for `/metrics` (prom-client, text format): turns by channel and label,
 * reply latency, errors and corrections, beside Node's default process metrics (RSS, heap,
 * event-loop lag, open handles). Counters are per process, as Prometheus expects: with several
 * instances, the scraper sums them.
 *
 * The conversation service and the engine are observed from outside, without either knowing:
 * `instrumentEngine` notes each turn's classification and corrections, `instrumentService`
 * times each turn, counts it by channel and label, and knows how many are in flight (graceful
 * shutdown waits for them). An AsyncLocalStorage carries the turn between the two.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Engine } from '../dialogs/engine.ts';
import type { CoachService } from './service/coach-service.ts';

/** The `label` of a turn that classified no quote (a button press, a command, a step's answer). */
export const NO_LABEL = 'unclassified';

export interface Metrics {
  registry: Registry;
  turns: Counter<'channel' | 'label'>;
  latency: Histogram<'channel'>;
  errors: Counter<'channel' | 'stage'>;
  corrections: Counter<'from' | 'to'>;
  inFlight: Gauge;
}

/** What the engine saw during one turn, filled in by `instrumentEngine`. */
interface TurnNotes {
  label?: string;
}

const currentTurn = new AsyncLocalStorage<TurnNotes>();

/** A fresh registry with the project's metrics (prefix `objection_coach_`) and the default ones. */
export function createMetrics(info: { version: string; classifier: string }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'objection_coach_' });
  new Gauge({ name: 'objection_coach_build_info', help: 'The running version and classifier (always 1).', labelNames: ['version', 'classifier'], registers: [registry] }).set(info, 1);
  return {
    registry,
    turns: new Counter({
      name: 'objection_coach_turns_total',
      help: `Turns handled (one message, button press or command in, the replies out), by channel and by the label the quote was classified as (${NO_LABEL} when the turn classified nothing).`,
      labelNames: ['channel', 'label'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'objection_coach_reply_latency_seconds',
      help: 'Time from a turn reaching the service to its replies being ready (redaction, store, engine, commit).',
      labelNames: ['channel'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'objection_coach_errors_total',
      help: 'Failures: stage="turn" a turn the service could not complete; stage="http" a request answered with a 5xx.',
      labelNames: ['channel', 'stage'],
      registers: [registry],
    }),
    corrections: new Counter({
      name: 'objection_coach_corrections_total',
      help: "Reps' corrections of the classifier (Other type), from the predicted label to the rep's.",
      labelNames: ['from', 'to'],
      registers: [registry],
    }),
    inFlight: new Gauge({ name: 'objection_coach_turns_in_flight', help: 'Turns being handled right now.', registers: [registry] }),
  };
}

/** The engine, with each turn's classification and corrections noted for the metrics. */
export function instrumentEngine<E extends Engine>(engine: E, metrics: Metrics): E {
  const handle: Engine['handle'] = (state, input) => {
    const result = engine.handle(state, input);
    const notes = currentTurn.getStore();
    for (const event of result.events) {
      if (event.kind === 'classified' && notes) notes.label = event.label;
      if (event.kind === 'corrected') metrics.corrections.inc({ from: event.from, to: event.to });
    }
    return result;
  };
  return new Proxy(engine, { get: (target, key) => (key === 'handle' ? handle : Reflect.get(target, key)) });
}

/** What graceful shutdown needs from the instrumented service. */
export interface TurnTracker {
  /** Turns being handled now. */
  inFlight(): number;
  /** Resolves once no turn is in flight. */
  drained(): Promise<void>;
}

/**
 * Wraps `service.handle` in place (every channel and `continueFrom` go through it): each turn
 * is timed, counted by channel and label, and tracked while in flight.
 */
export function instrumentService(service: CoachService, metrics: Metrics): TurnTracker {
  const handle = service.handle.bind(service);
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  service.handle = async (inbound) => {
    const channel = inbound.channel;
    const notes: TurnNotes = {};
    const stopTimer = metrics.latency.startTimer({ channel });
    inFlight++;
    metrics.inFlight.inc();
    try {
      const replies = await currentTurn.run(notes, () => handle(inbound));
      stopTimer();
      return replies;
    } catch (err) {
      metrics.errors.inc({ channel, stage: 'turn' });
      throw err;
    } finally {
      metrics.turns.inc({ channel, label: notes.label ?? NO_LABEL });
      metrics.inFlight.dec();
      if (--inFlight === 0) {
        for (const wake of waiters) wake();
        waiters = [];
      }
    }
  };
  return {
    inFlight: () => inFlight,
    drained: () => (inFlight === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  };
}
