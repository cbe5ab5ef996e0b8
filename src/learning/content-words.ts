import { normalize } from '../escalation/text/tokenize.ts';

/**
 * Function words of English that carry no topic. This is grammar, not a business's vocabulary: the
 * learning core names clusters and picks terms from the words left over.
 */
const FUNCTION_WORDS = new Set(
  (
    'a an the and or but if then so to of in on at by for with from into onto about as is are was were be been ' +
    'am do does did done have has had having i me my mine we us our you your he him his she her it its they them ' +
    'their this that these those there here what which who whom whose when where why how can could would should ' +
    'will shall may might must not no yes just also too very really still already again ever never any some all ' +
    'more most much many one two get got im ive id dont doesnt didnt cant wont isnt arent wasnt hi hello hey ' +
    'please thanks thank ok okay out up down over than only own same other such now'
  ).split(' '),
);

/** The distinct topic-bearing words of a message, lower-cased (at least 3 letters, not a function word). */
export function contentWords(text: string): string[] {
  const words = normalize(text)
    .split(' ')
    .filter((w) => w !== '|' && w.length >= 3 && !FUNCTION_WORDS.has(w) && !/^\d+$/.test(w));
  return [...new Set(words)];
}
