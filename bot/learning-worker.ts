/**
 * The training worker of learning.ts: builds the classifier for a playbook plus the team's
 * corrections (from the snapshot cache when another process built the same one already), and
 * posts its snapshot back. Runs in a worker thread so the thread answering reps never waits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Playbook } from '../data/playbook.ts';
import type { LabelledText } from '../intents/classifier.ts';
import { loadClassifier } from '../intents/model-cache.ts';

const { playbook, extra } = workerData as { playbook: Playbook; extra: LabelledText[] };
parentPort!.postMessage(loadClassifier(playbook, { extra }).toSnapshot());
