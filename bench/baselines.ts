/**
 * The baselines the classifier is measured against in `npm run bench`, trained on the same
 * playbook utterances:
 * - natural's BayesClassifier, fed the project's word-level tokens (segmenter words for Chinese,
 *   guarded stems for English; it turns every text into a dense vector over its vocabulary, so
 *   the character features would make it far too slow);
 * - a plain multinomial naive Bayes over all the project's own features (Laplace smoothing),
 *   no keywords, no calibration: what the keyword lists, quote handling and calibration must beat.
 */
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { LABELS, type Label, type Utterance } from '../data/playbook.ts';
import { normalise } from '../intents/normalise.ts';
import { analyse } from '../intents/tokenise.ts';

export interface Baseline {
  name: string;
  train(utterances: Utterance[]): (text: string) => Label;
}

const features = (text: string) => analyse(normalise(text)).features;

export const naturalBayes: Baseline = {
  name: "natural's BayesClassifier (word tokens)",
  train(utterances) {
    const words = (text: string) => features(text).filter((f) => f.startsWith('w:') || f.startsWith('s:'));
    const bayes = new BayesClassifier();
    for (const u of utterances) bayes.addDocument(words(u.text), u.label);
    bayes.train();
    return (text) => bayes.classify(words(text)) as Label;
  },
};

export const plainNaiveBayes: Baseline = {
  name: 'plain multinomial NB (project features)',
  train(utterances) {
    const counts = LABELS.map(() => new Map<string, number>());
    const totals = LABELS.map(() => 0);
    const docs = LABELS.map(() => 0);
    const vocabulary = new Set<string>();
    for (const u of utterances) {
      const c = LABELS.indexOf(u.label);
      docs[c]!++;
      for (const f of features(u.text)) {
        counts[c]!.set(f, (counts[c]!.get(f) ?? 0) + 1);
        totals[c]!++;
        vocabulary.add(f);
      }
    }
    const v = vocabulary.size;
    const logPrior = docs.map((d) => Math.log(d / utterances.length));
    return (text) => {
      const known = features(text).filter((f) => vocabulary.has(f));
      let best = 0;
      let bestScore = -Infinity;
      LABELS.forEach((_, c) => {
        let score = logPrior[c]!;
        for (const f of known) score += Math.log(((counts[c]!.get(f) ?? 0) + 1) / (totals[c]! + v));
        if (score > bestScore) [best, bestScore] = [c, score];
      });
      return LABELS[best]!;
    };
  },
};
