/*
 * The search worker (a module worker, started by search-service.js): Pagefind for one
 * group of shards. Pagefind's requests go through `fetch`, which the worker answers from
 * the init bundle (entries, metadata, WebAssembly) and from the word bundles the page
 * sends it with a search: while those are on their way, requests for index chunks wait
 * for them, and only a chunk none holds is fetched on its own. It returns only each
 * result's place in the catalog and its score, so a query of 10,000 results costs the
 * page no more than a list of numbers.
 *
 * Messages, each answered with its `id`: init { folder, baseUrl, shards, init (the init
 * bundle's bytes) }; bundle { file, bytes } (null bytes: it did not arrive); preload
 * { term, bundles }; search { term, top, bundles }, answered as engineSearch answers.
 */
import { engineSearch } from "./search-engine.js";
import { WARMUP, placesOf, unpack } from "./search-format.js";

const scope = self;
const nativeFetch = scope.fetch.bind(scope);
var folder = null;  // pathname of pagefind/
var files = {};  // path under pagefind/ -> bytes to answer with
var mine = [];  // the paths of this worker's shards
var expected = {};  // word bundle file -> promise of its arrival
var ready = null;  // promise of { pagefind, places } once init is done

function answer(path, request) {
  var bytes = files[path];
  if (!bytes) {
    var wasm = /(?:^|\/)(wasm\.[^/]+\.pagefind)$/.exec(path);  // any shard's: the first index's
    if (wasm) bytes = files[wasm[1]];
  }
  return bytes ? Promise.resolve(new Response(bytes)) : nativeFetch(request);
}

function expect(file) {
  if (!expected[file]) {
    var arrival = {};
    expected[file] = new Promise(function (resolve) { arrival.resolve = resolve; });
    expected[file].arrival = arrival;
  }
}

function arrived(file, bytes) {
  expect(file);
  var unpacked = bytes ? unpack(bytes).then(function (chunks) {
    Object.keys(chunks).forEach(function (path) {
      var shard = path.slice(0, path.indexOf("index/"));
      if (mine.indexOf(shard) !== -1) files[path] = chunks[path];  // the other groups' are theirs
    });
  }) : Promise.resolve();
  unpacked.catch(function () {}).then(expected[file].arrival.resolve);
}

scope.fetch = function (input, init) {
  var url = new URL(typeof input === "string" ? input : input.url, scope.location.href);
  if (!folder || url.origin !== scope.location.origin || url.pathname.indexOf(folder) !== 0) {
    return nativeFetch(input, init);
  }
  var path = url.pathname.slice(folder.length);
  if (files[path] || !/\.pf_index$/.test(path)) return answer(path, input);
  var waiting = Object.keys(expected).map(function (file) { return expected[file]; });
  return Promise.all(waiting).then(function () { return answer(path, input); });
};

/*
 * Search the init bundle's small warm-up index a dozen times (see _warmup_pages in
 * pagefind_index.py), so that the browser compiles Pagefind's search code to fast
 * machine code now rather than during the first query.
 */
function warmUp(pagefind, baseUrl) {
  if (!files[WARMUP + "pagefind-entry.json"]) return null;
  var warm = pagefind.createInstance({ basePath: folder + WARMUP, baseUrl: baseUrl });
  var round = function (left) {
    return left ? warm.search("warm up").then(function () { return round(left - 1); }) : warm.destroy();
  };
  return round(12).catch(function () {});
}

function start(message) {
  folder = new URL(message.folder).pathname;
  mine = message.shards;
  return Promise.all([unpack(message.init), import(message.folder + "pagefind.js")]).then(function (both) {
    files = both[0];
    var places = placesOf(files);
    var pagefind = both[1];
    var shards = mine.map(function (shard) { return folder + shard; });
    // Result URLs are stored relative to the site root, which may be a sub-path.
    return pagefind.options({ basePath: shards[0], baseUrl: message.baseUrl }).then(function () {
      return pagefind.init();
    }).then(function () {
      return Promise.all(shards.slice(1).map(function (shard) {
        return pagefind.mergeIndex(shard, { baseUrl: message.baseUrl });
      }));
    }).then(function () {
      return pagefind.search("");  // the first search sets Pagefind's text handling up
    }).then(function () {
      return warmUp(pagefind, message.baseUrl);
    }).then(function () {
      return { pagefind: pagefind, places: places };
    });
  });
}

scope.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === "init") {
    ready = start(message);
    ready.then(function () { scope.postMessage({ id: message.id }); }, function (error) {
      scope.postMessage({ id: message.id, error: String(error) });
    });
  } else if (message.type === "bundle") {
    arrived(message.file, message.bytes);
  } else if (message.type === "preload" || message.type === "search") {
    (message.bundles || []).forEach(expect);
    var done = ready.then(function (engine) {
      if (message.type === "preload") return engine.pagefind.preload(message.term);
      return engineSearch(engine.pagefind, engine.places, message.term, message.top);
    });
    if (message.type === "search") {
      done.then(function (found) {
        found.id = message.id;
        scope.postMessage(found, [found.positions.buffer, found.scores.buffer]);
      }, function (error) {
        scope.postMessage({ id: message.id, error: String(error) });
      });
    } else {
      var reply = function () { scope.postMessage({ id: message.id }); };
      done.then(reply, reply);
    }
  }
});
