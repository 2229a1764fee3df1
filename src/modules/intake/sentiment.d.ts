declare module 'sentiment' {
  interface SentimentResult {
    score: number;
    comparative: number;
    tokens: string[];
    positive: string[];
    negative: string[];
  }
  export default class Sentiment {
    analyze(phrase: string, options?: { extras?: Record<string, number> }): SentimentResult;
  }
}
