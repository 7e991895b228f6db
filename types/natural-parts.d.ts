// Type declarations for the few deep modules of `natural` this project imports. The package
// root pulls in database drivers and dotenv, so we import only these files, which its own
// typings do not describe by path.

declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer.js' {
  /** Splits English text on anything that is not a letter, digit, apostrophe, hyphen or slash. */
  export default class AggressiveTokenizer {
    tokenize(text: string): string[];
  }
}

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  /** Martin Porter's English stemmer. */
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  /** natural's naive Bayes text classifier (used by the bench as the baseline). */
  export default class BayesClassifier {
    addDocument(tokens: string[] | string, label: string): void;
    train(): void;
    classify(tokens: string[] | string): string;
    getClassifications(tokens: string[] | string): { label: string; value: number }[];
  }
}

declare module 'natural/lib/natural/util/stopwords.js' {
  /** natural's English stop-word list. */
  export const words: string[];
}
