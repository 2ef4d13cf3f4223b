/*
 * The site's search service, which the header search on every page (header-search.js)
 * and the catalog's finder (catalog.js) ask: Pagefind, loaded from the site itself
 * (pagefind/pagefind.js under the site root), never from another host.
 *
 * A large catalog's index is several Pagefind indexes ("shards", see
 * hooks/microcred/pagefind_index.py): Pagefind's time to rank a word grows with the square
 * of the pages it is on. So the service runs Pagefind in workers of its own
 * (search-worker.js), one per group of shards, which search at once; the page fetches a
 * query's word bundles once and hands them to every worker. Without workers, Pagefind
 * runs in the page with every shard merged in.
 */
import { engineSearch } from "./search-engine.js";
import { FOLDER, MANIFEST, bundlesFor, lexiconOf, placesOf, unpack } from "./search-format.js";
import { prepare, queryWords } from "./search-query.js";

const WORKER = new URL("search-worker.js", import.meta.url);
var servicePromise = null;

/* The site root as an absolute URL; `base` is mkdocs' relative base_url of the page. */
export function siteRoot(base) {
  return new URL((base || ".").replace(/\/?$/, "/"), window.location.href);
}

/* A worker and its answers to numbered messages. */
function Helper(worker) {
  var self = this;
  this.worker = worker;
  this.next = 0;
  this.pending = {};
  worker.addEventListener("message", function (event) {
    var reply = event.data;
    var pending = self.pending[reply.id];
    delete self.pending[reply.id];
    if (!pending) return;
    if (reply.error) pending.reject(new Error(reply.error));
    else pending.resolve(reply);
  });
  worker.addEventListener("error", function (event) {
    event.preventDefault();
    Object.keys(self.pending).forEach(function (id) { self.pending[id].reject(new Error("search worker failed")); });
    self.pending = {};
  });
}

Helper.prototype.ask = function (message, transfer) {
  var self = this;
  message.id = ++this.next;
  return new Promise(function (resolve, reject) {
    self.pending[message.id] = { resolve: resolve, reject: reject };
    self.worker.postMessage(message, transfer || []);
  });
};

/* The groups' answers as one: positions and records best first, by score. */
function merge(answers, top) {
  var merged = answers[0];
  for (var a = 1; a < answers.length; a++) merged = mergeTwo(merged, answers[a]);
  var total = 0;
  var records = [];
  answers.forEach(function (answer) {
    total += answer.total;
    Array.prototype.push.apply(records, answer.records);
  });
  records.sort(function (x, y) { return y.score - x.score; });  // stable: ties keep the groups' order
  return { positions: merged.positions, records: records.slice(0, top), total: total };
}

function mergeTwo(first, second) {
  var length = first.positions.length + second.positions.length;
  var positions = new Int32Array(length);
  var scores = new Float64Array(length);
  var i = 0;
  var j = 0;
  for (var n = 0; n < length; n++) {
    if (j >= second.positions.length || (i < first.positions.length && first.scores[i] >= second.scores[j])) {
      positions[n] = first.positions[i];
      scores[n] = first.scores[i++];
    } else {
      positions[n] = second.positions[j];
      scores[n] = second.scores[j++];
    }
  }
  return { positions: positions, scores: scores };
}

function fetchInit(folder, manifest) {
  return fetch(new URL(manifest.init, folder).href).then(function (response) {
    if (!response.ok) throw new Error(manifest.init + ": HTTP " + response.status);
    return response.arrayBuffer();
  });
}

function workerService(folder, root, manifest) {
  var init = fetchInit(folder, manifest);
  // One worker per group of shards, or fewer on a machine with fewer cores: then a
  // worker searches several groups.
  var count = Math.max(1, Math.min(manifest.groups.length, navigator.hardwareConcurrency || 1));
  var tasks = [];
  manifest.groups.forEach(function (group, number) {
    var task = tasks[number % count] = tasks[number % count] || [];
    group.forEach(function (shard) { task.push(manifest.shards[shard]); });
  });
  var loads = {};  // word bundle file -> promise of its bytes (null when it failed)
  var sent = tasks.map(function () { return {}; });  // per worker: the bundles it has

  /* Ask every worker, telling it which word bundles are coming, and send them: each is
     fetched once, by the page, as soon as the words are known. */
  function askAll(helpers, message) {
    message.bundles = bundlesFor(manifest, queryWords(message.term));
    var answers = helpers.map(function (helper) { return helper.ask(message); });
    message.bundles.forEach(function (file) {
      if (!loads[file]) {
        loads[file] = fetch(new URL(file, folder).href).then(function (response) {
          return response.ok ? response.arrayBuffer() : null;
        }).catch(function () { return null; });
      }
      loads[file].then(function (bytes) {
        helpers.forEach(function (helper, number) {
          if (sent[number][file]) return;
          sent[number][file] = true;
          var copy = bytes && bytes.slice(0);
          helper.worker.postMessage({ type: "bundle", file: file, bytes: copy }, copy ? [copy] : []);
        });
      });
    });
    return answers;
  }

  // The page reads the lexicon from the init bundle too; the workers get their own copies.
  var lexicon = init.then(function (bytes) { return unpack(bytes.slice(0)); }).then(lexiconOf);
  return Promise.all([init, lexicon]).then(function (loaded) {
    var bytes = loaded[0];
    var helpers = tasks.map(function (shards) {
      var helper = new Helper(new Worker(WORKER, { type: "module" }));
      var copy = bytes.slice(0);
      helper.started = helper.ask({
        type: "init", folder: folder.href, baseUrl: root.pathname, shards: shards, init: copy,
      }, [copy]);
      return helper;
    });
    return Promise.all(helpers.map(function (helper) { return helper.started; })).then(function () {
      return {
        mapped: true,
        lexicon: loaded[1],
        search: function (term, top) {
          return Promise.all(askAll(helpers, { type: "search", term: term, top: top })).then(function (answers) {
            return merge(answers, top);
          });
        },
        preload: function (term) {
          askAll(helpers, { type: "preload", term: term }).forEach(function (answer) { answer.catch(function () {}); });
        },
      };
    }, function (error) {
      helpers.forEach(function (helper) { helper.worker.terminate(); });
      throw error;
    });
  });
}

/*
 * Without workers: Pagefind in the page, every shard merged into the first. Without
 * DecompressionStream there is no result-id map either: the header search still works,
 * the catalog keeps its plain list.
 */
function pageService(folder, root, manifest) {
  var files = typeof DecompressionStream === "undefined" ? Promise.resolve(null)
    : fetchInit(folder, manifest).then(unpack);
  return Promise.all([import(new URL("pagefind.js", folder).href), files]).then(function (both) {
    var pagefind = both[0];
    return pagefind.options({ baseUrl: root.pathname }).then(function () {
      return pagefind.init();
    }).then(function () {
      return Promise.all(manifest.shards.slice(1).map(function (shard) {
        return pagefind.mergeIndex(new URL(shard, folder).pathname, { baseUrl: root.pathname });
      }));
    }).then(function () {
      var places = both[1] ? placesOf(both[1]) : {};
      return {
        mapped: both[1] !== null,
        lexicon: both[1] ? lexiconOf(both[1]) : null,
        search: function (term, top) { return engineSearch(pagefind, places, term, top); },
        preload: function (term) { pagefind.preload(term); },
      };
    });
  });
}

/*
 * The page's search, started once: { manifest, mapped, search(typed, top), preload(typed) }.
 * Loads the manifest, Pagefind, its WebAssembly and every shard's metadata, so the
 * first words typed only wait for their index chunks. A search answers the places of
 * the credentials found (see engineSearch) and `query`, the query as it was searched
 * (see prepare in search-query.js).
 */
export function searchService(base) {
  if (!servicePromise) {
    var root = siteRoot(base);
    var folder = new URL(FOLDER, root);
    servicePromise = fetch(new URL(MANIFEST, folder).href, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error(MANIFEST + ": HTTP " + response.status);
      return response.json();
    }).then(function (manifest) {
      var canWork = typeof Worker !== "undefined" && typeof DecompressionStream !== "undefined";
      var service = canWork ? workerService(folder, root, manifest).catch(function (error) {
        if (window.console) window.console.warn("Search runs in the page:", error);
        return pageService(folder, root, manifest);
      }) : pageService(folder, root, manifest);
      return service.then(function (engine) {
        return {
          manifest: manifest,
          mapped: engine.mapped,
          search: function (typed, top) {
            var query = prepare(typed, engine.lexicon);
            var found = query.unknown || !query.term
              ? Promise.resolve({ positions: new Int32Array(0), records: [], total: 0 })
              : engine.search(query.term, top);
            return found.then(function (answer) {
              answer.query = query;
              return answer;
            });
          },
          preload: function (typed) {
            var query = prepare(typed, engine.lexicon);
            if (query.term && !query.unknown) engine.preload(query.term);
          },
        };
      });
    });
  }
  return servicePromise;
}

/*
 * Runs one search at a time: words typed meanwhile wait, and only the latest of them
 * runs (superseded ones resolve to null), so a slow word never queues the next ones.
 */
export function oneAtATime(search) {
  var queue = Promise.resolve();
  var latest = null;
  var running = 0;
  var run = function (term) {
    latest = term;
    running++;
    var result = queue.then(function () { return latest === term ? search(term) : null; });
    queue = result.catch(function () {}).then(function () { running--; });
    return result;
  };
  run.busy = function () { return running > 0; };
  return run;
}
