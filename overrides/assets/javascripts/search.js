/*
 * Search with Pagefind: the catalog's search and facets (/catalog/) and the header
 * search on every page. Progressive enhancement: without this script the catalog is a
 * complete list and the header form submits to it. Pagefind is loaded from the site
 * itself (pagefind/pagefind.js under the site root), never from another host.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 24;  // cards per "Show more"
  var HEADER_RESULTS = 8;
  var TYPE_LABELS = { credential: "Credential", pathway: "Pathway", issuer: "Issuer" };
  var pagefindPromise = null;

  /* The site root as an absolute URL; `base` is mkdocs' relative base_url of the page. */
  function siteRoot(base) {
    return new URL((base || ".").replace(/\/?$/, "/"), window.location.href);
  }

  function loadPagefind(base) {
    if (!pagefindPromise) {
      var root = siteRoot(base);
      pagefindPromise = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        // Result URLs are stored relative to the site root, which may be a sub-path.
        return pagefind.options({ baseUrl: root.pathname }).then(function () { return pagefind; });
      });
    }
    return pagefindPromise;
  }

  /*
   * Runs one search at a time: words typed meanwhile wait, and only the latest of them
   * runs (superseded ones resolve to null). A word found on most pages costs Pagefind
   * over a second at 10,000 credentials, so searching each keystroke would queue them.
   */
  function oneAtATime(search) {
    var queue = Promise.resolve();
    var latest = null;
    return function (term) {
      latest = term;
      var result = queue.then(function () { return latest === term ? search(term) : null; });
      queue = result.catch(function () {});
      return result;
    };
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  /* ---------------------------------------------------------------- catalog */

  /*
   * The page holds every card with its facet values (data-mc-facets), so the finder
   * filters and counts cards itself. Words go to Pagefind, once per query: its results,
   * mapped to credentials by pagefind/credential-ids.json, become the pool to filter, in
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
    this.facets = Array.prototype.map.call(root.querySelectorAll("[data-mc-facet]"), function (fieldset) {
      return { key: fieldset.getAttribute("data-mc-facet"), boxes: fieldset.querySelectorAll("input[type=checkbox]") };
    });
    this.byId = {};
    this.items = Array.prototype.map.call(this.list.querySelectorAll("[data-mc-card]"), function (card) {
      var holder = card.parentNode;
      var tokens = (holder.getAttribute("data-mc-facets") || "").split(" ").filter(Boolean);
      var item = { card: card, retired: holder.hasAttribute("data-mc-retired"), tokens: tokens };
      self.byId[card.getAttribute("data-mc-card")] = item;
      return item;
    });
    this.run = 0;
    this.matches = [];
    this.shown = 0;
    this.cached = null;  // the last query's results: a facet click searches nothing again
    this.searchWords = oneAtATime(function (term) {
      return self.pagefind().then(function (index) {
        return index.pagefind.search(term).then(function (found) {
          return found.results.map(function (result) { return self.byId[index.ids[result.id]]; })
            .filter(Boolean);  // pathways and issuers, or an index older than the page
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
    this.query.addEventListener("input", function () { self.changed("replace"); });
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
    window.addEventListener("popstate", function () { self.readUrl(); self.search(); });
    this.search();
    this.pagefind();  // warm up while the reader looks at the page: the first words search at once
  };

  /* Pagefind and the map from its result ids to credential ids, loaded together once. */
  Finder.prototype.pagefind = function () {
    if (!this.ready) {
      var ids = fetch(new URL("pagefind/credential-ids.json", siteRoot(this.base)).href).then(function (response) {
        if (!response.ok) throw new Error("credential-ids.json: HTTP " + response.status);
        return response.json();
      });
      this.ready = Promise.all([loadPagefind(this.base), ids]).then(function (both) {
        return { pagefind: both[0], ids: both[1] };
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
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history[mode === "push" ? "pushState" : "replaceState"](null, "", url);
    }
    this.search();
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

  /* The pool's items passing the retired toggle and the facets, and each facet value's count. */
  Finder.prototype.narrow = function (pool, selected) {
    var includeRetired = this.retired.checked;
    var keys = Object.keys(selected);
    var wanted = {};
    keys.forEach(function (key) {
      wanted[key] = selected[key].map(function (value) { return key + ":" + value; });
    });
    var passes = function (item, without) {
      if (item.retired && !includeRetired) return false;
      return keys.every(function (key) {
        return key === without || wanted[key].some(function (token) { return item.tokens.indexOf(token) !== -1; });
      });
    };
    var tally = function (items, key) {
      var counts = {};
      var prefix = key + ":";
      items.forEach(function (item) {
        item.tokens.forEach(function (token) {
          if (token.lastIndexOf(prefix, 0) === 0) {
            var value = token.slice(prefix.length);
            counts[value] = (counts[value] || 0) + 1;
          }
        });
      });
      return counts;
    };
    var matches = pool.filter(function (item) { return passes(item, null); });
    var counts = {};
    this.facets.forEach(function (facet) {
      var others = selected[facet.key] ? pool.filter(function (item) { return passes(item, facet.key); }) : matches;
      counts[facet.key] = tally(others, facet.key);
    });
    return { counts: counts, matches: matches };
  };

  Finder.prototype.showCounts = function (counts) {
    this.facets.forEach(function (facet) {
      Array.prototype.forEach.call(facet.boxes, function (box) {
        var count = counts[facet.key][box.value] || 0;
        box.parentNode.querySelector("[data-mc-count]").textContent = "(" + count + ")";
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
      return loadPagefind(base).then(function (pagefind) { return pagefind.search(term); });
    });
  }

  HeaderSearch.prototype.start = function () {
    var self = this;
    this.input.addEventListener("focus", function () { loadPagefind(self.base); }, { once: true });
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
      if (run !== self.run || !found) return null;
      return Promise.all(found.results.slice(0, HEADER_RESULTS).map(function (r) { return r.data(); }))
        .then(function (shown) { return { total: found.results.length, records: shown }; });
    }).then(function (page) {
      if (!page || run !== self.run) return;
      self.render(term, page.total, page.records);
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
      var type = TYPE_LABELS[record.meta.type] || "Page";
      kind.textContent = record.meta.status === "retired" ? "Retired " + type.toLowerCase() : type;
      var title = document.createElement("span");
      title.className = "mc-search__title";
      title.textContent = record.meta.title || record.url;
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
