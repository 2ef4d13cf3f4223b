/*
 * Search with Pagefind: the catalog's search and facets (/catalog/) and the header
 * search on every page. Progressive enhancement: without this script the catalog is a
 * complete list and the header form submits to it. Pagefind is loaded from the site
 * itself (pagefind/pagefind.js under the site root), never from another host.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 24;
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

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  /* ---------------------------------------------------------------- catalog */

  function Finder(root) {
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
    this.cards = {};
    var cards = this.list.querySelectorAll("[data-mc-card]");
    for (var i = 0; i < cards.length; i++) this.cards[cards[i].getAttribute("data-mc-card")] = cards[i];
    this.run = 0;
    this.shown = [];
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

  /* OR within a facet, AND across facets; `without` leaves one facet's own selection out. */
  Finder.prototype.filters = function (selected, without) {
    var filters = { type: "credential" };
    if (!this.retired.checked) filters.status = "active";
    Object.keys(selected).forEach(function (key) {
      if (key !== without) filters[key] = { any: selected[key] };
    });
    return filters;
  };

  Finder.prototype.search = function () {
    var self = this;
    var run = ++this.run;
    var term = this.query.value.trim() || null;
    var selected = this.selection();
    var options = { filters: this.filters(selected) };
    if (!term) options.sort = { order: "asc" };  // no relevance without words: catalog order
    this.root.setAttribute("aria-busy", "true");
    loadPagefind(this.base).then(function (pagefind) {
      // Pagefind counts only the filters whose index it has loaded: load them all once.
      self.allFilters = self.allFilters || pagefind.filters();
      return self.allFilters.then(function () { return pagefind; });
    }).then(function (pagefind) {
      // A facet's counts come from the search without its own selection (its values are ORed),
      // so each selected facet costs one more search; the others read the main search's counts.
      var searches = [pagefind.search(term, options)].concat(Object.keys(selected).map(function (key) {
        return pagefind.search(term, { filters: self.filters(selected, key) });
      }));
      return Promise.all(searches);
    }).then(function (found) {
      if (run !== self.run || !found[0]) return;  // a newer search superseded this one
      var counts = {};
      self.facets.forEach(function (facet) { counts[facet.key] = found[0].filters[facet.key] || {}; });
      Object.keys(selected).forEach(function (key, index) {
        if (found[index + 1]) counts[key] = found[index + 1].filters[key] || {};
      });
      self.showCounts(counts);
      self.matches = found[0].results;
      self.shown = [];
      return self.showMore(true);
    }).catch(function (error) {
      if (run !== self.run) return;
      // Without the index (e.g. a build with search indexing off) the plain list stays usable.
      self.root.hidden = true;
      self.list.hidden = false;
      if (window.console) window.console.error("Search is unavailable:", error);
    });
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
  Finder.prototype.showMore = function (fresh) {
    var self = this;
    var run = this.run;
    var next = this.matches.slice(this.shown.length, this.shown.length + PAGE_SIZE);
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (records) {
      if (run !== self.run) return;
      var items = document.createDocumentFragment();
      records.forEach(function (record) {
        var card = self.cards[record.meta.id];
        if (!card) return;
        var item = document.createElement("li");
        item.appendChild(card.cloneNode(true));
        items.appendChild(item);
        self.shown.push(record.meta.id);
      });
      if (fresh) self.results.textContent = "";
      self.results.appendChild(items);
      var total = self.matches.length;
      self.more.hidden = self.shown.length >= total;
      self.status.textContent = total === 0
        ? "No credentials match. Try fewer words or clear a filter."
        : plural(total, "credential", "credentials") + (total > self.shown.length ? ", showing " + self.shown.length : "");
      self.root.removeAttribute("aria-busy");
      // For tests and the benchmark: which state the visible results belong to.
      self.root.setAttribute("data-mc-rendered", window.location.search);
    });
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
    loadPagefind(this.base).then(function (pagefind) {
      return pagefind.search(term);
    }).then(function (found) {
      if (run !== self.run || !found) return null;
      return Promise.all(found.results.slice(0, HEADER_RESULTS).map(function (r) { return r.data(); }))
        .then(function (records) { return { total: found.results.length, records: records }; });
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
