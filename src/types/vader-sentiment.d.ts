/** VADER (Hutto & Gilbert, 2014), the JavaScript port on npm: a rule-based sentiment lexicon for short texts. */
declare module 'vader-sentiment' {
  type Scores = { neg: number; neu: number; pos: number; compound: number };
  const vader: { SentimentIntensityAnalyzer: { polarity_scores: (text: string) => Scores } };
  export default vader;
}
