/*
 * The search files the build writes, as the page and its workers read them: the manifest,
 * the bundles (also the catalog finder's data and card files) and the init bundle's
 * members. Their form is described once, in hooks/microcred/search_format.py, which
 * writes them; the names and decoders here must stay its counterparts
 * (tests/test_search_format.py runs this module in node on files Python wrote).
 * No DOM here: the workers import it too.
 */

export const FOLDER = "pagefind/";  // under the site root
export const MANIFEST = "catalog-index.json";
export const WARMUP = "warmup/";  // the warm-up index's files in the init bundle
export const RESULT_IDS = "result-ids.json";  // the init bundle's map of result ids
export const LEXICON = "lexicon.txt";  // the init bundle's indexed words, sorted

/* Reads a bundle (see pack() in search_format.py), a stream or bytes: path -> bytes. */
export function unpack(bundle) {
  var stream = (bundle instanceof ReadableStream ? bundle : new Blob([bundle]).stream())
    .pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer().then(function (data) {
    var size = new DataView(data).getUint32(0);
    var header = JSON.parse(new TextDecoder().decode(new Uint8Array(data, 4, size)));
    var files = {};
    var at = 4 + size;
    header.forEach(function (entry) {
      files[entry[0]] = new Uint8Array(data, at, entry[1]);
      at += entry[1];
    });
    return files;
  });
}

/*
 * Pagefind result id -> the credential's place in the catalog's order, from the init
 * bundle's map (see encode_result_ids in search_format.py).
 */
export function placesOf(files) {
  var places = {};
  var map = JSON.parse(new TextDecoder().decode(files[RESULT_IDS]));
  if (map.results) map.results.split(" ").forEach(function (result, place) { places[map.prefix + result] = place; });
  return places;
}

/* The init bundle's lexicon: every indexed word, sorted (null without one). */
export function lexiconOf(files) {
  return files[LEXICON] ? new TextDecoder().decode(files[LEXICON]).split("\n") : null;
}

/* The word bundles holding the words' chunks: for each word, the bundle of the last chunk start at or before it. */
export function bundlesFor(manifest, words) {
  var files = [];
  words.forEach(function (word) {
    var low = 0;
    var high = manifest.bundles.length - 1;
    var found = -1;
    while (word && low <= high) {
      var middle = (low + high) >> 1;
      if (manifest.bundles[middle][0] <= word) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    if (found !== -1 && files.indexOf(manifest.bundles[found][1]) === -1) files.push(manifest.bundles[found][1]);
  });
  return files;
}
