/*
 * One search of one Pagefind (with some shards merged in), in a worker or in the page.
 * Results that hold the query's words side by side rank first. No DOM here: the
 * workers import it.
 */

// Added to the score of a result holding the query's words side by side: Pagefind's
// scores stay far below it, so such results rank above every other.
const PHRASE_BONUS = 1000;

/*
 * What a search returns: the places (see placesOf in search-format.js) and scores of the
 * credentials found, best first, the total of results, and the first `top` results of
 * any kind with what the header search shows of them. A query of several words is also
 * searched as a phrase (Pagefind's exact search: the words side by side, without the
 * longer words a query word begins; the same index chunks, so no more requests), and
 * the results holding it rank first.
 */
export function engineSearch(pagefind, places, term, top) {
  // One after the other: a Pagefind instance runs one search at a time.
  return pagefind.search(term).then(function (found) {
    return term.indexOf(" ") === -1 ? [found, { results: [] }] : pagefind.search("\"" + term + "\"").then(function (phrase) {
      return [found, phrase];
    });
  }).then(function (both) {
    var inPhrase = {};
    both[1].results.forEach(function (result) { inPhrase[result.id] = true; });
    var results = both[0].results.map(function (result) {
      return { result: result, score: result.score + (inPhrase[result.id] ? PHRASE_BONUS : 0) };
    });
    results.sort(function (x, y) { return y.score - x.score; });  // stable: ties keep Pagefind's order
    var positions = new Int32Array(results.length);
    var scores = new Float64Array(results.length);
    var count = 0;
    for (var i = 0; i < results.length; i++) {
      var place = places[results[i].result.id];
      if (place === undefined) continue;  // pathways and issuers
      positions[count] = place;
      scores[count] = results[i].score;
      count++;
    }
    return Promise.all(results.slice(0, top).map(function (found) {
      return found.result.data().then(function (data) {
        var filters = data.filters || {};
        var kind = filters.type || [];
        var status = filters.status || [];
        return { url: data.url, type: kind[0], status: status[0], title: (data.meta || {}).title, score: found.score };
      });
    })).then(function (records) {
      return { positions: positions.slice(0, count), scores: scores.slice(0, count), records: records, total: results.length };
    });
  });
}
