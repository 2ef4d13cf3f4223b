/*
 * Search with Pagefind: the catalog's search and facets (/catalog/) and the header
 * search on every page. Progressive enhancement: without this script the catalog is a
 * complete list and the header form submits to it. Pagefind is loaded from the site
 * itself (pagefind/pagefind.js under the site root), never from another host.
 *
 * A large catalog's index is several Pagefind indexes ("shards", see
 * hooks/microcred/pagefind_index.py): Pagefind's time to rank a word grows with the square
 * of the pages it is on. This script runs Pagefind in workers of its own (this same file,
 * started as a module worker), one per group of shards, which search at once. A worker
 * answers Pagefind's requests for a word's index chunks with one bundle of them per group,
 * and returns only each result's place in the catalog and its score, so a query of
 * 10,000 results costs the page no more than a list of numbers. Without workers, Pagefind
 * runs in the page with every shard merged in.
 */
(function () {
  "use strict";

  var MANIFEST = "catalog-index.json";
  var WARMUP = "warmup/";  // the warm-up index's files in the init bundle
  var RESULT_IDS = "result-ids.json";  // the init bundle's map of result ids

  if (typeof document === "undefined") {
    startWorker(self);
    return;
  }

  var PAGE_SIZE = 24;  // cards per "Show more"
  var HEADER_RESULTS = 8;
  var TYPE_LABELS = { credential: "Credential", pathway: "Pathway", issuer: "Issuer" };
  var SCRIPT = document.currentScript && document.currentScript.src;
  var servicePromise = null;

  /* The site root as an absolute URL; `base` is mkdocs' relative base_url of the page. */
  function siteRoot(base) {
    return new URL((base || ".").replace(/\/?$/, "/"), window.location.href);
  }

  /* FNV-1a (32 bits) of a string: the same as id_checksum in hooks/microcred/pagefind_index.py. */
  function checksum(text) {
    var value = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      value ^= text.charCodeAt(i);
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value;
  }

  /* ------------------------------------------------------------------ engine */

  /*
   * Pagefind result id -> the credential's place among the sorted credential ids, from
   * the init bundle's map (see encode_result_ids in pagefind_index.py).
   */
  function placesOf(files) {
    var places = {};
    var map = JSON.parse(new TextDecoder().decode(files[RESULT_IDS]));
    if (map.results) map.results.split(" ").forEach(function (result, place) { places[map.prefix + result] = place; });
    return places;
  }

  /*
   * One Pagefind (with some shards merged in) and what a search returns: the places and
   * scores of the credentials found, best first, the total of results, and the first
   * `top` results of any kind with what the header search shows of them.
   */
  function engineSearch(pagefind, places, term, top) {
    return pagefind.search(term).then(function (found) {
      var results = found.results;
      var positions = new Int32Array(results.length);
      var scores = new Float64Array(results.length);
      var count = 0;
      for (var i = 0; i < results.length; i++) {
        var place = places[results[i].id];
        if (place === undefined) continue;  // pathways and issuers
        positions[count] = place;
        scores[count] = results[i].score;
        count++;
      }
      return Promise.all(results.slice(0, top).map(function (result) {
        return result.data().then(function (data) {
          var meta = data.meta || {};
          return { url: data.url, type: meta.type, status: meta.status, title: meta.title, score: result.score };
        });
      })).then(function (records) {
        return { positions: positions.slice(0, count), scores: scores.slice(0, count), records: records, total: results.length };
      });
    });
  }

  /* ---------------------------------------------------------- search worker */

  /* Reads a bundle (see pack() in pagefind_index.py), a stream or bytes: path -> bytes. */
  function unpack(bundle) {
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
   * The worker: Pagefind for one group of shards. Its requests go through `fetch`, which
   * the worker answers from the init bundle (entries, metadata, WebAssembly) and from the
   * word bundles the page sends it with a search: while those are on their way, requests
   * for index chunks wait for them, and only a chunk none holds is fetched on its own.
   */
  function startWorker(scope) {
    var nativeFetch = scope.fetch.bind(scope);
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

    function init(message) {
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
        ready = init(message);
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
  }

  /* ----------------------------------------------------------------- service */

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

  /*
   * The words of a query as Pagefind looks them up in its index (lower case, without
   * punctuation or accents), and the word bundles holding their chunks: for each word,
   * the bundle of the last chunk start at or before it.
   */
  function bundlesFor(manifest, term) {
    var words = term.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, "").split(/\s+/);
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
      message.bundles = bundlesFor(manifest, message.term);
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

    return init.then(function (bytes) {
      var helpers = tasks.map(function (shards) {
        var helper = new Helper(new Worker(SCRIPT, { type: "module" }));
        var copy = bytes.slice(0);
        helper.started = helper.ask({
          type: "init", folder: folder.href, baseUrl: root.pathname, shards: shards, init: copy,
        }, [copy]);
        return helper;
      });
      return Promise.all(helpers.map(function (helper) { return helper.started; })).then(function () {
        return {
          mapped: true,
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
    var places = typeof DecompressionStream === "undefined" ? Promise.resolve(null)
      : fetchInit(folder, manifest).then(unpack).then(placesOf);
    return Promise.all([import(new URL("pagefind.js", folder).href), places]).then(function (both) {
      var pagefind = both[0];
      return pagefind.options({ baseUrl: root.pathname }).then(function () {
        return pagefind.init();
      }).then(function () {
        return Promise.all(manifest.shards.slice(1).map(function (shard) {
          return pagefind.mergeIndex(new URL(shard, folder).pathname, { baseUrl: root.pathname });
        }));
      }).then(function () {
        return {
          mapped: both[1] !== null,
          search: function (term, top) { return engineSearch(pagefind, both[1] || {}, term, top); },
          preload: function (term) { pagefind.preload(term); },
        };
      });
    });
  }

  /*
   * The page's search, started once: { manifest, search(term, top), preload(term) }.
   * Loads the manifest, Pagefind, its WebAssembly and every shard's metadata, so the
   * first words typed only wait for their index chunks.
   */
  function searchService(base) {
    if (!servicePromise) {
      var root = siteRoot(base);
      var folder = new URL("pagefind/", root);
      servicePromise = fetch(new URL(MANIFEST, folder).href, { cache: "no-cache" }).then(function (response) {
        if (!response.ok) throw new Error(MANIFEST + ": HTTP " + response.status);
        return response.json();
      }).then(function (manifest) {
        var canWork = SCRIPT && typeof Worker !== "undefined" && typeof DecompressionStream !== "undefined";
        var service = canWork ? workerService(folder, root, manifest).catch(function (error) {
          if (window.console) window.console.warn("Search runs in the page:", error);
          return pageService(folder, root, manifest);
        }) : pageService(folder, root, manifest);
        return service.then(function (found) {
          found.manifest = manifest;
          return found;
        });
      });
    }
    return servicePromise;
  }

  /*
   * Runs one search at a time: words typed meanwhile wait, and only the latest of them
   * runs (superseded ones resolve to null), so a slow word never queues the next ones.
   */
  function oneAtATime(search) {
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

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  /* ---------------------------------------------------------------- catalog */

  /*
   * The page holds every card with its facet values (data-mc-facets), so the finder
   * filters and counts cards itself. Words go to Pagefind, once per query: its results,
   * mapped to cards by the manifest's result ids, become the pool to filter, in
   * Pagefind's ranking. So a facet click never waits for the network, and no fragment is
   * fetched per result. (Pagefind's own filter-only search would download every index
   * chunk: 400 KB at 1,000 credentials.)
   * Facets are ORed within a facet and ANDed across facets; a value's count holds for the
   * query and the other facets' selections. Retired credentials carry no facet values.
   */
  function Finder(root) {
    var self = this;
    this.root = root;
    this.base = root.getAttribute("data-mc-base");
    this.form = root.querySelector("[data-mc-form]");
    this.query = this.form.querySelector("input[name=q]");
    this.retired = this.form.querySelector("[data-mc-retired]");
    this.status = root.querySelector("[data-mc-status]");
    this.results = root.querySelector("[data-mc-results]");
    this.more = root.querySelector("[data-mc-more]");
    this.list = document.querySelector("[data-mc-list]");
    // Each facet value is a number (facets' checkboxes in page order); a card's values are
    // those numbers, facet by facet: ids[starts[f]] to ids[starts[f + 1] - 1] are facet f's.
    var numbers = {};
    var count = 0;
    this.facets = Array.prototype.map.call(root.querySelectorAll("[data-mc-facet]"), function (fieldset, number) {
      var facet = { key: fieldset.getAttribute("data-mc-facet"), boxes: fieldset.querySelectorAll("input[type=checkbox]") };
      facet.first = count;
      facet.counts = Array.prototype.map.call(facet.boxes, function (box) {
        numbers[facet.key + ":" + box.value] = [number, count++];
        return box.parentNode.querySelector("[data-mc-count]");
      });
      return facet;
    });
    this.valueCount = count;
    this.byId = {};
    this.items = Array.prototype.map.call(this.list.querySelectorAll("[data-mc-card]"), function (card) {
      var holder = card.parentNode;
      var values = self.facets.map(function () { return []; });
      (holder.getAttribute("data-mc-facets") || "").split(" ").forEach(function (token) {
        var value = numbers[token];
        if (value) values[value[0]].push(value[1]);
      });
      var starts = new Uint16Array(values.length + 1);
      values.forEach(function (list, f) { starts[f + 1] = starts[f] + list.length; });
      var item = {
        card: card,
        retired: holder.hasAttribute("data-mc-retired"),
        ids: Int32Array.from([].concat.apply([], values)),
        starts: starts,
      };
      self.byId[card.getAttribute("data-mc-card")] = item;
      return item;
    });
    this.run = 0;
    this.matches = [];
    this.shown = 0;
    this.cached = null;  // the last query's results: a facet click searches nothing again
    this.pendingUrl = null;  // the history entry of the state being searched, see changed()
    this.searchWords = oneAtATime(function (term) {
      return self.engine().then(function (engine) {
        return engine.service.search(term, 0).then(function (found) {
          var items = new Array(found.positions.length);
          for (var i = 0; i < items.length; i++) items[i] = engine.items[found.positions[i]];
          return items;
        });
      });
    });
  }

  Finder.prototype.start = function () {
    var self = this;
    this.root.hidden = false;
    this.list.hidden = true;
    // On a phone the facets would push the results far down: start with them folded.
    if (window.matchMedia("(max-width: 44.9375em)").matches) this.root.querySelector("[data-mc-filters]").open = false;
    this.readUrl();
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.query.addEventListener("input", function () {
      // While an earlier search runs, fetch the new words' index chunks already.
      var term = self.query.value.trim();
      if (term && self.searchWords.busy()) {
        self.engine().then(function (engine) { engine.service.preload(term); }).catch(function () {});
      }
      self.changed("replace");
    });
    this.form.addEventListener("change", function (event) {
      if (event.target !== self.query) self.changed("push");
    });
    this.root.querySelector("[data-mc-clear]").addEventListener("click", function () {
      self.query.value = "";
      self.allBoxes().forEach(function (box) { box.checked = false; });
      self.retired.checked = false;
      self.changed("push");
      self.query.focus();
    });
    this.more.addEventListener("click", function () { self.showMore(); });
    window.addEventListener("popstate", function () {
      self.pendingUrl = null;
      self.readUrl();
      self.search();
    });
    this.search();
    this.engine().catch(function () {});  // loads while the reader looks at the page: the first words search at once
  };

  /*
   * The search, and the cards in the order of their credential ids: the places the
   * search returns. The manifest's checksum of those ids must be the page's.
   */
  Finder.prototype.engine = function () {
    var self = this;
    if (!this.ready) {
      this.ready = searchService(this.base).then(function (service) {
        var ids = Object.keys(self.byId).sort();
        if (!service.mapped) throw new Error("this browser cannot read the result-id map");
        if (service.manifest.checksum !== checksum(ids.join(" "))) {
          throw new Error("the search index is not of this page's catalog");
        }
        return { service: service, items: ids.map(function (id) { return self.byId[id]; }) };
      });
    }
    return this.ready;
  };

  Finder.prototype.allBoxes = function () {
    var boxes = [];
    this.facets.forEach(function (facet) { Array.prototype.push.apply(boxes, facet.boxes); });
    return boxes;
  };

  /* URL -> controls: ?q=exit+tickets&grade=3-5&grade=6-8&subject=mathematics&retired=1 */
  Finder.prototype.readUrl = function () {
    var params = new URLSearchParams(window.location.search);
    this.query.value = params.get("q") || "";
    this.retired.checked = params.get("retired") === "1";
    this.facets.forEach(function (facet) {
      var wanted = params.getAll(facet.key);
      Array.prototype.forEach.call(facet.boxes, function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
    });
  };

  /* Controls -> URL: replace while typing, push a history entry when a filter changes. */
  Finder.prototype.changed = function (mode) {
    var params = new URLSearchParams();
    var term = this.query.value.trim();
    if (term) params.set("q", term);
    this.facets.forEach(function (facet) {
      Array.prototype.forEach.call(facet.boxes, function (box) { if (box.checked) params.append(facet.key, box.value); });
    });
    if (this.retired.checked) params.set("retired", "1");
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    this.updateUrl();  // one left from a change a moment ago keeps its place in history
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      this.pendingUrl = { mode: mode, url: url };
    }
    // The history entry is written once the search has started (it takes Chromium 10 ms
    // on a page of 10,000 cards): while the search workers look words up, or just before
    // the results are shown, whichever comes first.
    this.search();
    var self = this;
    window.setTimeout(function () { self.updateUrl(); }, 0);
  };

  Finder.prototype.updateUrl = function () {
    var pending = this.pendingUrl;
    this.pendingUrl = null;
    if (pending) window.history[pending.mode === "push" ? "pushState" : "replaceState"](null, "", pending.url);
  };

  Finder.prototype.selection = function () {
    var selected = {};
    this.facets.forEach(function (facet) {
      var values = Array.prototype.filter.call(facet.boxes, function (box) { return box.checked; })
        .map(function (box) { return box.value; });
      if (values.length) selected[facet.key] = values;
    });
    return selected;
  };

  Finder.prototype.search = function () {
    var self = this;
    var run = ++this.run;
    var term = this.query.value.trim();
    var selected = this.selection();
    this.root.setAttribute("aria-busy", "true");
    var pool = term ? this.found(term) : Promise.resolve(this.items);
    pool.then(function (items) {
      if (run !== self.run || !items) return;  // a newer search superseded this one
      var outcome = self.narrow(items, selected);
      self.showCounts(outcome.counts);
      self.matches = outcome.matches;
      self.shown = 0;
      self.results.textContent = "";
      self.showMore();
    }).catch(function (error) {
      if (run !== self.run) return;
      // Without the index (e.g. a build with search indexing off) the plain list stays usable.
      self.root.hidden = true;
      self.list.hidden = false;
      if (window.console) window.console.error("Search is unavailable:", error);
    });
  };

  /* The cards matching the words, best first. */
  Finder.prototype.found = function (term) {
    if (!this.cached || this.cached.term !== term) this.cached = { term: term, items: this.searchWords(term) };
    return this.cached.items;
  };

  /*
   * The pool's items passing the retired toggle and the facets, and each facet value's
   * count, in one pass: an item counts for a facet's values when it passes every other
   * facet, so an item that fails one facet only counts for that facet.
   */
  Finder.prototype.narrow = function (pool, selected) {
    var includeRetired = this.retired.checked;
    var wanted = new Uint8Array(this.valueCount);
    var active = [];
    this.facets.forEach(function (facet, f) {
      var values = selected[facet.key];
      if (!values) return;
      active.push(f);
      Array.prototype.forEach.call(facet.boxes, function (box, place) {
        if (values.indexOf(box.value) !== -1) wanted[facet.first + place] = 1;
      });
    });
    var counts = new Int32Array(this.valueCount);
    var matches = [];
    for (var i = 0; i < pool.length; i++) {
      var item = pool[i];
      if (item.retired && !includeRetired) continue;
      var ids = item.ids;
      var starts = item.starts;
      var failed = -1;
      var failures = 0;
      for (var a = 0; a < active.length && failures < 2; a++) {
        var f = active[a];
        var hit = false;
        for (var v = starts[f]; v < starts[f + 1] && !hit; v++) hit = wanted[ids[v]] === 1;
        if (!hit) { failed = f; failures++; }
      }
      if (failures === 0) {
        matches.push(item);
        for (v = 0; v < ids.length; v++) counts[ids[v]]++;
      } else if (failures === 1) {
        for (v = starts[failed]; v < starts[failed + 1]; v++) counts[ids[v]]++;
      }
    }
    return { counts: counts, matches: matches };
  };

  Finder.prototype.showCounts = function (counts) {
    this.facets.forEach(function (facet) {
      facet.counts.forEach(function (label, place) {
        var text = "(" + counts[facet.first + place] + ")";
        if (label.textContent !== text) label.textContent = text;
      });
    });
  };

  /* Render the next page of results as clones of the plain list's cards. */
  Finder.prototype.showMore = function () {
    var next = this.matches.slice(this.shown, this.shown + PAGE_SIZE);
    var items = document.createDocumentFragment();
    next.forEach(function (match) {
      var item = document.createElement("li");
      item.appendChild(match.card.cloneNode(true));
      items.appendChild(item);
    });
    this.results.appendChild(items);
    this.shown += next.length;
    var total = this.matches.length;
    this.more.hidden = this.shown >= total;
    this.status.textContent = total === 0
      ? "No credentials match. Try fewer words or clear a filter."
      : plural(total, "credential", "credentials") + (total > this.shown ? ", showing " + this.shown : "");
    this.updateUrl();
    this.root.removeAttribute("aria-busy");
    // For tests and the benchmark: which state the visible results belong to.
    this.root.setAttribute("data-mc-rendered", window.location.search);
  };

  /* ------------------------------------------------------------ header search */

  function HeaderSearch(form) {
    this.form = form;
    this.base = form.getAttribute("data-mc-base");
    this.input = form.querySelector("input[type=search]");
    this.panel = form.querySelector("[data-mc-search-results]");
    this.list = form.querySelector("[data-mc-search-list]");
    this.status = form.querySelector("[data-mc-search-status]");
    this.run = 0;
    var base = this.base;
    this.searchWords = oneAtATime(function (term) {
      return searchService(base).then(function (service) { return service.search(term, HEADER_RESULTS); });
    });
  }

  HeaderSearch.prototype.start = function () {
    var self = this;
    this.input.addEventListener("focus", function () { searchService(self.base).catch(function () {}); }, { once: true });
    this.input.addEventListener("input", function () { self.search(); });
    this.form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { self.close(); self.input.focus(); }
    });
    document.addEventListener("click", function (event) {
      if (!self.form.contains(event.target)) self.close();
    });
    this.form.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !self.form.contains(event.relatedTarget)) self.close();
    });
  };

  HeaderSearch.prototype.close = function () {
    this.panel.hidden = true;
  };

  HeaderSearch.prototype.search = function () {
    var self = this;
    var run = ++this.run;
    var term = this.input.value.trim();
    if (!term) { this.close(); this.status.textContent = ""; return; }
    this.searchWords(term).then(function (found) {
      if (!found || run !== self.run) return;
      self.render(term, found.total, found.records);
    }).catch(function (error) {
      if (window.console) window.console.error("Search is unavailable:", error);
    });
  };

  HeaderSearch.prototype.render = function (term, total, records) {
    var items = document.createDocumentFragment();
    records.forEach(function (record) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = record.url;
      var kind = document.createElement("span");
      kind.className = "mc-search__type";
      var type = TYPE_LABELS[record.type] || "Page";
      kind.textContent = record.status === "retired" ? "Retired " + type.toLowerCase() : type;
      var title = document.createElement("span");
      title.className = "mc-search__title";
      title.textContent = record.title || record.url;
      link.appendChild(kind);
      link.appendChild(title);
      item.appendChild(link);
      items.appendChild(item);
    });
    var last = document.createElement("li");
    if (total > records.length) {
      var more = document.createElement("a");
      more.href = new URL("catalog/?q=" + encodeURIComponent(term), siteRoot(this.base)).href;
      more.textContent = "Search the catalog for \u201c" + term + "\u201d";
      last.appendChild(more);
    } else if (total === 0) {
      last.textContent = "No results for \u201c" + term + "\u201d";
    }
    if (last.firstChild) {
      last.className = "mc-search__more";
      items.appendChild(last);
    }
    this.list.textContent = "";
    this.list.appendChild(items);
    this.status.textContent = total === 0 ? "No results" : plural(total, "result", "results");
    this.panel.hidden = false;
  };

  function start() {
    var finder = document.querySelector("[data-mc-finder]");
    if (finder) new Finder(finder).start();
    var header = document.querySelector("[data-mc-search]");
    if (header) new HeaderSearch(header).start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
