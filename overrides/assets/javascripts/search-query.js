/*
 * A query as the search looks it up. Before Pagefind sees a query, its words are checked
 * against the lexicon of every indexed word (in the init bundle, see search_index.lexicon):
 * a misspelt word is replaced by the nearest indexed one ("leadrship" -> "leadership"),
 * and a word no record has makes the query match nothing (Pagefind would answer it with
 * the records of a shorter word it has).
 */

const MAX_QUERY = 200;  // characters of a query searched; the rest is ignored
const MAX_WORDS = 10;

/*
 * The words of a query as Pagefind looks them up in its index: lower case, without
 * punctuation or accents (the lexicon is written the same way, by
 * search_index.index_words). Only the first MAX_QUERY characters and MAX_WORDS words
 * count: a pasted page of text does not stall the search.
 */
export function queryWords(term) {
  return term.slice(0, MAX_QUERY).toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
    .replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, "").split(/\s+/)
    .filter(function (word) { return word; }).slice(0, MAX_WORDS);
}

/* The first place in the sorted lexicon whose word is not below `word`. */
function lowerBound(lexicon, word) {
  var low = 0;
  var high = lexicon.length;
  while (low < high) {
    var middle = (low + high) >> 1;
    if (lexicon[middle] < word) low = middle + 1; else high = middle;
  }
  return low;
}

function startsSome(lexicon, prefix) {
  var at = lowerBound(lexicon, prefix);
  return at < lexicon.length && lexicon[at].lastIndexOf(prefix, 0) === 0;
}

/*
 * Whether Pagefind finds the word as it is: an indexed word starts with it (Pagefind
 * matches the words a query word begins), or shares all but its last three letters with
 * one, which Pagefind's stemmer likely takes for the same word ("strategies", "strategy").
 * A word with a digit (a year, a standard's code) is searched as it is: the lexicon
 * leaves such words out.
 */
function known(lexicon, word) {
  return /\d/.test(word) || startsSome(lexicon, word) || (word.length > 5 && startsSome(lexicon, word.slice(0, word.length - 3)));
}

/* Optimal string alignment distance of a and b, or limit + 1 once it is above `limit`. */
function distance(a, b, limit) {
  var before = null;
  var previous = [];
  for (var j = 0; j <= b.length; j++) previous.push(j);
  for (var i = 1; i <= a.length; i++) {
    var row = [i];
    var best = i;
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      row.push(value);
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length];
}

/* The indexed word nearest a misspelt one: one edit away for words up to 7 letters, two for longer ones. */
function nearest(lexicon, word) {
  if (word.length < 4) return null;
  var limit = word.length < 8 ? 1 : 2;
  var best = null;
  var bestDistance = limit + 1;
  for (var i = 0; i < lexicon.length; i++) {
    var candidate = lexicon[i];
    if (Math.abs(candidate.length - word.length) > limit) continue;
    var found = distance(word, candidate, limit);
    // Ties go to a word with the same first letter: misspellings rarely change it.
    if (found < bestDistance || (found === bestDistance && best && best[0] !== word[0] && candidate[0] === word[0])) {
      best = candidate;
      bestDistance = found;
    }
  }
  return best;
}

/*
 * A query as it is searched: { term, typed, corrected, unknown }. `term` is its words
 * for Pagefind, misspelt ones replaced; `corrected` says whether any was; `unknown` is
 * the first word nothing is indexed under (then nothing matches). Without a lexicon the
 * words are searched as they are.
 */
export function prepare(typed, lexicon) {
  var query = { typed: typed, corrected: false, unknown: null };
  query.term = queryWords(typed).map(function (word) {
    if (!lexicon || known(lexicon, word)) return word;
    var near = nearest(lexicon, word);
    if (near) {
      query.corrected = true;
      return near;
    }
    query.unknown = query.unknown || word;
    return word;
  }).join(" ");
  return query;
}
