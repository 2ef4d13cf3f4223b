/*
 * Search with Pagefind: the search service of the site, which the header search on every
 * page and the catalog's finder (catalog.js, through `window.microcredSearch`) ask.
 * Progressive enhancement: without this script the header form submits to the catalog,
 * which lists its cards. Pagefind is loaded from the site itself (pagefind/pagefind.js
 * under the site root), never from another host.
 *
 * Before Pagefind sees a query, its words are checked against the lexicon of every
 * indexed word (in the init bundle, see search_index.lexicon): a misspelt word is
 * replaced by the nearest indexed one ("leadrship" -> "leadership"), and a word no record
 * has makes the query match nothing (Pagefind would answer it with the records of a
 * shorter word it has). Results that hold the query's words side by side rank first.
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
  var LEXICON = "lexicon.txt";  // the init bundle's indexed words, sorted
  var MAX_QUERY = 200;  // characters of a query searched; the rest is ignored
  var MAX_WORDS = 10;
  // Added to the score of a result holding the query's words side by side (see
  // engineSearch): Pagefind's scores stay far below it, so such results rank above every other.
  var PHRASE_BONUS = 1000;

  if (typeof document === "undefined") {
    startWorker(self);
    return;
  }

  var HEADER_RESULTS = 8;
  var TYPE_LABELS = { credential: "Credential", pathway: "Pathway", issuer: "Issuer" };
  var RETIRED_LABELS = { credential: "Retired credential", pathway: "Retired pathway" };

  /*
   * The interface's words in the site's language, from its gettext catalog: main.html
   * writes them into every page (#mc-messages, partials/messages.html) under their English
   * message ids, a counted message as one form per plural category of the language, which
   * Intl.PluralRules picks. A message the page lacks is said as its id.
   */
  var MESSAGES = (function () {
    var block = document.getElementById("mc-messages");
    try { return block ? JSON.parse(block.textContent) : {}; } catch { return {}; }
  })();
  var PLURALS = new Intl.PluralRules(document.documentElement.lang || "en");

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (place, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : place;
    });
  }

  /* A message, with its %(name)s places filled from `values`. */
  function say(id, values) {
    return fill(typeof MESSAGES[id] === "string" ? MESSAGES[id] : id, values || {});
  }

  /* A counted message, `one` and `other` its English forms; `count` fills %(count)s. */
  function sayCount(one, other, count, values) {
    var forms = MESSAGES[one];
    var text = forms && typeof forms === "object" ? forms[PLURALS.select(count)] || forms.other : count === 1 ? one : other;
    return fill(text, Object.assign({ count: count }, values));
  }
  var SCRIPT = document.currentScript && document.currentScript.src;
  var servicePromise = null;

  /* The site root as an absolute URL; `base` is mkdocs' relative base_url of the page. */
  function siteRoot(base) {
    return new URL((base || ".").replace(/\/?$/, "/"), window.location.href);
  }

  /* ------------------------------------------------------------------ engine */

  /*
   * Pagefind result id -> the credential's place in the catalog's order, from the init
   * bundle's map (see encode_result_ids in pagefind_index.py).
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
   * `top` results of any kind with what the header search shows of them. A query of
   * several words is also searched as a phrase (Pagefind's exact search: the words side by
   * side, without the longer words a query word begins; the same index chunks, so no
   * more requests), and the results holding it rank first.
   */
  function engineSearch(pagefind, places, term, top) {
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
   * The words of a query as Pagefind looks them up in its index: lower case, without
   * punctuation or accents (the lexicon is written the same way, by
   * search_index.index_words). Only the first MAX_QUERY characters and MAX_WORDS words
   * count: a pasted page of text does not stall the search.
   */
  function queryWords(term) {
    return term.slice(0, MAX_QUERY).toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, "").split(/\s+/)
      .filter(function (word) { return word; }).slice(0, MAX_WORDS);
  }

  /* The word bundles holding a query's chunks: for each word, the bundle of the last chunk start at or before it. */
  function bundlesFor(manifest, term) {
    var files = [];
    queryWords(term).forEach(function (word) {
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
   * the first word nothing is indexed under (then nothing matches).
   */
  function prepare(typed, lexicon) {
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

  function lexiconOf(files) {
    return files[LEXICON] ? new TextDecoder().decode(files[LEXICON]).split("\n") : null;
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

    // The page reads the lexicon from the init bundle too; the workers get their own copies.
    var lexicon = init.then(function (bytes) { return unpack(bytes.slice(0)); }).then(lexiconOf);
    return Promise.all([init, lexicon]).then(function (loaded) {
      var bytes = loaded[0];
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
   * (see prepare).
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
      self.render(term, found);
    }).catch(function (error) {
      if (window.console) window.console.error("Search is unavailable:", error);
    });
  };

  HeaderSearch.prototype.render = function (term, found) {
    var total = found.total;
    var records = found.records;
    var items = document.createDocumentFragment();
    if (found.query.corrected) {
      var corrected = document.createElement("li");
      corrected.className = "mc-search__more";
      corrected.textContent = say("Results for \u201c%(term)s\u201d", { term: found.query.term });
      items.appendChild(corrected);
    }
    records.forEach(function (record) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = record.url;
      var kind = document.createElement("span");
      kind.className = "mc-search__type";
      var type = say(TYPE_LABELS[record.type] || "Page");
      kind.textContent = record.status === "retired" && RETIRED_LABELS[record.type] ? say(RETIRED_LABELS[record.type]) : type;
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
      more.textContent = say("Search the catalog for \u201c%(term)s\u201d", { term: term });
      last.appendChild(more);
    } else if (total === 0) {
      last.textContent = say("No results for \u201c%(term)s\u201d", { term: term });
    }
    if (last.firstChild) {
      last.className = "mc-search__more";
      items.appendChild(last);
    }
    this.list.textContent = "";
    this.list.appendChild(items);
    this.status.textContent = total === 0 ? say("No results") : sayCount("%(count)s result", "%(count)s results", total);
    this.panel.hidden = false;
  };

  // What the catalog's finder (catalog.js, a script of its own) uses of this one.
  window.microcredSearch = { service: searchService, unpack: unpack, oneAtATime: oneAtATime, say: say, sayCount: sayCount };

  function start() {
    var header = document.querySelector("[data-mc-search]");
    if (header) new HeaderSearch(header).start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
