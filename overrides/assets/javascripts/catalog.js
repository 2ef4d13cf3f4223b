/*
 * The catalog's finder (/catalog/, partials/catalog/finder.html): search, facets, sort and
 * results, with the whole state in the query string, e.g.
 * ?q=exit+tickets&grade=3-5&grade=6-8&subject=mathematics&retired=1&sort=hours.
 *
 * The page lists only a first page of cards; the finder reads the catalog from the finder
 * data (finder-data.js): each credential's facet values, hours, cost, date and status, in
 * the catalog's order. So it filters, counts and sorts by itself, and a facet click never
 * waits for the network. Words go to the search service (search-service.js), once per
 * query: the credentials it finds, by their places in the catalog's order, become the pool
 * to filter, in its ranking. Cards come from the card files, fetched for the results
 * shown (the page's own cards are used as they are). finder-view.js shows the state,
 * finder-drawer.js is the facets' drawer on a phone.
 *
 * Facets are ORed within a facet and ANDed across facets; a value's count holds for the
 * query and the other facets' selections. Retired credentials are left out unless the
 * reader includes them; then every facet applies to them as to the others.
 *
 * The query string is untrusted: values the page does not offer (a facet value, a sort)
 * are ignored and the page says so; nothing from it is written as markup.
 */
import { Drawer } from "./finder-drawer.js";
import { ORDERS, fetchMember, narrow, readData } from "./finder-data.js";
import { copyLink, showCounts, showStatus } from "./finder-view.js";
import { say } from "./messages.js";
import { oneAtATime, searchService } from "./search-service.js";

const PAGE_SIZE = 12;  // cards shown at first and per "Show more": a first screen or two
const SORTS = ["relevance", "title", "newest", "hours", "cost"];

function quoted(text) {
  return "\u201c" + text + "\u201d";
}

function Finder(root) {
  var self = this;
  this.root = root;
  this.base = root.getAttribute("data-mc-base");
  this.dataUrl = new URL(root.getAttribute("data-mc-data"), window.location.href);
  this.query = root.querySelector("#mc-query");
  this.retired = root.querySelector("[data-mc-retired]");
  this.sort = root.querySelector("[data-mc-sort]");
  this.status = root.querySelector("[data-mc-status]");
  this.results = root.querySelector("[data-mc-results]");
  this.more = root.querySelector("[data-mc-more]");
  this.note = root.querySelector("[data-mc-note]");
  this.empty = root.querySelector("[data-mc-empty]");
  this.showButton = root.querySelector("[data-mc-show]");
  this.chips = root.querySelector("[data-mc-chips]");
  this.list = document.querySelector("[data-mc-list]");
  this.drawer = new Drawer(root, this.results);
  // Each facet value is a number: the facets' checkboxes in page order. numbers:
  // "key:value" -> its number; facetOf: number -> its facet's place among the facets.
  var numbers = {};
  var facetOf = [];
  var count = 0;
  var list = Array.prototype.map.call(root.querySelectorAll("[data-mc-facet]"), function (fieldset, f) {
    var facet = {
      key: fieldset.getAttribute("data-mc-facet"),
      legend: fieldset.querySelector("legend").textContent.trim(),
      boxes: fieldset.querySelectorAll("input[type=checkbox]"),
      first: count,
    };
    facet.counts = Array.prototype.map.call(facet.boxes, function (box) {
      numbers[facet.key + ":" + box.value] = count;
      facetOf[count++] = f;
      return box.parentNode.querySelector("[data-mc-count]");
    });
    return facet;
  });
  this.facets = { list: list, numbers: numbers, facetOf: facetOf, count: count };
  // The page's own cards, by place: shown without fetching their card file.
  this.cards = {};
  Array.prototype.forEach.call(this.list.querySelectorAll("li[data-mc-item]"), function (item) {
    self.cards[item.getAttribute("data-mc-item")] = item;
  });
  this.cardFiles = {};  // card file -> promise of its arrival
  this.run = 0;
  this.matches = [];
  this.shown = 0;
  this.sortChoice = null;  // the sort the reader chose, null for the default
  this.ignored = [];  // what the URL asked for that the page does not offer
  this.cached = null;  // the last query's results: a facet click searches nothing again
  this.pendingUrl = null;  // the history entry of the state being searched, see changed()
  this.refocus = null;  // what takes focus once the chips are drawn again, see removeChip()
  this.searchWords = oneAtATime(function (term) {
    return self.engine().then(function (engine) {
      return engine.service.search(term, 0).then(function (found) {
        var items = new Array(found.positions.length);
        for (var i = 0; i < items.length; i++) items[i] = engine.items[found.positions[i]];
        return { items: items, query: found.query };
      });
    });
  });
}

Finder.prototype.start = function () {
  var self = this;
  this.root.hidden = false;
  this.readUrl();
  this.root.querySelector("[data-mc-form]").addEventListener("submit", function (event) {
    event.preventDefault();
    self.drawer.close();
    self.results.focus();
  });
  this.query.addEventListener("input", function () {
    // While an earlier search runs, fetch the new words' index chunks already.
    var term = self.query.value.trim();
    if (term && self.searchWords.busy()) {
      self.engine().then(function (engine) { engine.service.preload(term); }).catch(function () {});
    }
    self.changed("replace");
  });
  this.root.addEventListener("change", function (event) {
    if (event.target === self.query) return;
    if (event.target === self.sort) self.sortChoice = self.sort.value === self.defaultSort() ? null : self.sort.value;
    self.changed("push");
  });
  this.root.querySelector("[data-mc-clear]").addEventListener("click", function () {
    self.query.value = "";
    self.allBoxes().forEach(function (box) { box.checked = false; });
    self.retired.checked = false;
    self.sortChoice = null;
    self.changed("push");
    self.query.focus();
  });
  this.root.querySelector("[data-mc-show-retired]").addEventListener("click", function () {
    self.retired.checked = true;
    self.changed("push");
    self.results.focus();
  });
  this.chips.addEventListener("click", function (event) {
    var chip = event.target.closest("[data-mc-chip]");
    if (chip) self.removeChip(chip);
  });
  this.root.querySelector("[data-mc-copy]").addEventListener("click", function () { copyLink(self.root); });
  this.more.addEventListener("click", function () {
    self.showMore().catch(function (error) {  // a card file that did not arrive: the button tries again
      if (window.console) window.console.error("Cards are unavailable:", error);
      self.more.disabled = false;
      self.root.removeAttribute("aria-busy");
    });
  });
  this.drawer.start();
  window.addEventListener("popstate", function () {
    self.pendingUrl = null;
    self.readUrl();
    self.search();
  });
  this.search();
  this.engine().catch(function () {});  // loads while the reader looks at the page: the first words search at once
};

/* ----------------------------------------------------------- data, engine */

Finder.prototype.data = function () {
  var self = this;
  if (!this.loaded) {
    this.loaded = fetchMember(this.dataUrl.href, "finder.json").then(function (text) {
      return readData(JSON.parse(text), self.facets);
    });
  }
  return this.loaded;
};

/* The search service, once it is known to be of this page's catalog. */
Finder.prototype.engine = function () {
  if (!this.ready) {
    this.ready = Promise.all([searchService(this.base), this.data()]).then(function (both) {
      var service = both[0];
      if (!service.mapped) throw new Error("this browser cannot read the result-id map");
      if (service.manifest.checksum !== both[1].checksum) throw new Error("the search index is not of this page's catalog");
      return { service: service, items: both[1].items };
    });
  }
  return this.ready;
};

/* The cards of the items, by place, once their card files have arrived. */
Finder.prototype.cardsOf = function (items, data) {
  var self = this;
  var files = [];
  items.forEach(function (item) {
    if (self.cards[item.place]) return;
    var file = data.cards[Math.floor(item.place / data.perFile)];
    if (files.indexOf(file) === -1) files.push(file);
  });
  return Promise.all(files.map(function (file) {
    if (!self.cardFiles[file]) {
      self.cardFiles[file] = fetchMember(new URL(file, self.dataUrl).href, "cards.html").then(function (html) {
        var holder = document.createElement("template");
        holder.innerHTML = html;  // the build's own markup: every contributor text in it is escaped
        Array.prototype.forEach.call(holder.content.querySelectorAll("li[data-mc-item]"), function (item) {
          self.cards[item.getAttribute("data-mc-item")] = item;
        });
      });
      self.cardFiles[file].catch(function () { delete self.cardFiles[file]; });  // a failed file is fetched again next time
    }
    return self.cardFiles[file];
  }));
};

/* ------------------------------------------------------------------ state */

Finder.prototype.allBoxes = function () {
  var boxes = [];
  this.facets.list.forEach(function (facet) { Array.prototype.push.apply(boxes, facet.boxes); });
  return boxes;
};

Finder.prototype.defaultSort = function () {
  return this.query.value.trim() ? "relevance" : "title";
};

/* The sort in effect: the reader's choice, except relevance without words to rank by. */
Finder.prototype.sortKey = function () {
  var choice = this.sortChoice;
  return choice && !(choice === "relevance" && !this.query.value.trim()) ? choice : this.defaultSort();
};

/* URL -> controls; what the page does not offer is noted in `ignored`. */
Finder.prototype.readUrl = function () {
  var params = new URLSearchParams(window.location.search);
  var ignored = this.ignored = [];
  this.query.value = (params.get("q") || "").slice(0, this.query.maxLength > 0 ? this.query.maxLength : 200);
  var retired = params.get("retired");
  this.retired.checked = retired === "1";
  if (retired !== null && retired !== "1") ignored.push("retired " + quoted(retired));
  this.facets.list.forEach(function (facet) {
    var wanted = params.getAll(facet.key);
    var offered = Array.prototype.map.call(facet.boxes, function (box) { return box.value; });
    Array.prototype.forEach.call(facet.boxes, function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
    wanted.forEach(function (value) {
      if (offered.indexOf(value) === -1) ignored.push(facet.legend.toLowerCase() + " " + quoted(value));
    });
  });
  var sort = params.get("sort");
  this.sortChoice = SORTS.indexOf(sort) !== -1 ? sort : null;
  if (sort !== null && SORTS.indexOf(sort) === -1) ignored.push("sort " + quoted(sort));
};

/* Controls -> URL: replace while typing, push a history entry when a filter changes. */
Finder.prototype.changed = function (mode) {
  var params = new URLSearchParams();
  var term = this.query.value.trim();
  if (term) params.set("q", term);
  this.facets.list.forEach(function (facet) {
    Array.prototype.forEach.call(facet.boxes, function (box) { if (box.checked) params.append(facet.key, box.value); });
  });
  if (this.retired.checked) params.set("retired", "1");
  if (this.sortKey() !== this.defaultSort()) params.set("sort", this.sortKey());
  var search = params.toString();
  var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
  this.ignored = [];  // the reader has moved on from the link
  this.updateUrl();  // one left from a change a moment ago keeps its place in history
  if (url !== window.location.pathname + window.location.search + window.location.hash) {
    this.pendingUrl = { mode: mode, url: url };
  }
  // The history entry is written once the search has started, while the search workers
  // look words up, or just before the results are shown, whichever comes first.
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
  this.facets.list.forEach(function (facet) {
    var values = Array.prototype.filter.call(facet.boxes, function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    if (values.length) selected[facet.key] = values;
  });
  return selected;
};

Finder.prototype.removeChip = function (chip) {
  var kind = chip.getAttribute("data-mc-chip");
  var value = chip.getAttribute("data-mc-value");
  if (kind === "retired") {
    this.retired.checked = false;
  } else {
    this.facets.list.forEach(function (facet) {
      if (facet.key !== kind) return;
      Array.prototype.forEach.call(facet.boxes, function (box) { if (box.value === value) box.checked = false; });
    });
  }
  // Once the chips are drawn again, focus goes to the chip that took this one's place
  // (or the one before it), else to the search field.
  var index = Array.prototype.indexOf.call(this.chips.children, chip.parentNode);
  var self = this;
  this.refocus = function () {
    var chips = self.chips.querySelectorAll("[data-mc-chip]");
    (chips[Math.min(index, chips.length - 1)] || self.query).focus();
  };
  this.changed("push");
};

/* ----------------------------------------------------------------- search */

Finder.prototype.search = function () {
  var self = this;
  var run = ++this.run;
  var term = this.query.value.trim();
  var selected = this.selection();
  var sort = this.sortKey();
  this.root.setAttribute("aria-busy", "true");
  this.showSort();
  var pool = term ? this.found(term) : this.data().then(function (data) { return { items: data.items, query: null }; });
  pool.then(function (found) {
    if (run !== self.run || !found) return null;  // a newer search superseded this one
    var outcome = narrow(found.items, selected, self.facets, self.retired.checked);
    if (ORDERS[sort]) outcome.matches.sort(ORDERS[sort]);
    showCounts(self.facets, outcome.counts);
    self.matches = outcome.matches;
    self.shown = 0;
    return self.data().then(function (data) {
      return self.showMore(data, run, { query: found.query, retired: outcome.retired, term: term });
    });
  }).catch(function (error) {
    if (run !== self.run) return;
    if (window.console) window.console.error("Search is unavailable:", error);
    if (!self.shownOnce) {
      // Without its data (e.g. a file missing) the finder gives way to the plain list.
      self.root.hidden = true;
      self.list.hidden = false;
      return;
    }
    self.status.textContent = say("Search is not available at the moment. The filters still work.");
    self.root.removeAttribute("aria-busy");
    self.root.setAttribute("data-mc-rendered", window.location.search);
  });
};

/* The credentials matching the words, best first. */
Finder.prototype.found = function (term) {
  if (!this.cached || this.cached.term !== term) this.cached = { term: term, found: this.searchWords(term) };
  return this.cached.found;
};

Finder.prototype.showSort = function () {
  var hasWords = this.query.value.trim() !== "";
  var relevance = this.sort.querySelector("option[value=relevance]");
  relevance.hidden = relevance.disabled = !hasWords;
  this.sort.value = this.sortKey();
};

/*
 * Render the next page of results (a first one when `context` is given: the search's
 * query, the retired credentials left out and the typed term, for the status).
 */
Finder.prototype.showMore = function (data, run, context) {
  var self = this;
  if (!data) return this.data().then(function (loaded) { return self.showMore(loaded, self.run); });
  this.root.setAttribute("aria-busy", "true");
  this.more.disabled = true;  // one page at a time
  var next = this.matches.slice(this.shown, this.shown + PAGE_SIZE);
  return this.cardsOf(next, data).then(function () {
    if (run !== self.run) return;
    var items = document.createDocumentFragment();
    next.forEach(function (item) { items.appendChild(self.cards[item.place].cloneNode(true)); });
    if (context) {
      self.results.textContent = "";
      self.context = context;
    }
    self.results.appendChild(items);
    self.shown += next.length;
    showStatus(self);
    self.updateUrl();
    self.list.hidden = true;  // the plain list gives way to the results
    self.shownOnce = true;
    self.more.disabled = false;
    self.root.removeAttribute("aria-busy");
    // For tests and the benchmark: which state the visible results belong to.
    self.root.setAttribute("data-mc-rendered", window.location.search);
  });
};

// A module runs once the page is parsed. Without these the finder cannot read its files:
// the plain list stays.
var root = document.querySelector("[data-mc-finder]");
if (root && typeof DecompressionStream !== "undefined" && window.fetch) new Finder(root).start();
