/*
 * The catalog's finder (/catalog/, partials/catalog/finder.html): search, facets, sort and
 * results, with the whole state in the query string, e.g.
 * ?q=exit+tickets&grade=3-5&grade=6-8&subject=mathematics&retired=1&sort=hours.
 *
 * The page lists only a first page of cards; the finder reads the catalog from the finder
 * data (hooks/microcred/catalog_data.py): each credential's facet values, hours, cost,
 * date and status, in the catalog's order. So it filters, counts and sorts by itself, and
 * a facet click never waits for the network. Words go to the search service of search.js,
 * once per query: the credentials it finds, by their places in the catalog's order,
 * become the pool to filter, in its ranking. Cards come from the card files, fetched for
 * the results shown (the page's own cards are used as they are).
 *
 * Facets are ORed within a facet and ANDed across facets; a value's count holds for the
 * query and the other facets' selections. Retired credentials are left out unless the
 * reader includes them; then every facet applies to them as to the others.
 *
 * The query string is untrusted: values the page does not offer (a facet value, a sort)
 * are ignored and the page says so; nothing from it is written as markup.
 */
(function () {
  "use strict";

  var search = window.microcredSearch;  // search.js, loaded before this script
  var PAGE_SIZE = 12;  // cards shown at first and per "Show more": a first screen or two
  var SORTS = ["relevance", "title", "newest", "hours", "cost"];
  var NARROW = "(max-width: 59.9375em)";  // the facets are a drawer below this width, a sidebar above

  function quoted(text) {
    return "\u201c" + text + "\u201d";
  }

  /* The text of the one member of a bundle (see catalog_data.py): the finder data, a card file. */
  function fetchMember(url, member) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return search.unpack(response.body);
    }).then(function (files) {
      return new TextDecoder().decode(files[member]);
    });
  }

  /* ------------------------------------------------------------------- data */

  /*
   * The finder data as items, one per credential in the catalog's order:
   * { place, retired, hours, cost, published, ids, starts }, where `ids` are the item's
   * facet values as numbers (the n-th checkbox of the page) and ids[starts[f]] to
   * ids[starts[f + 1] - 1] are those of facet f.
   */
  function readData(data, facets) {
    var ofValue = [];  // the data's value number -> the page's, or -1 for a value the page does not show
    data.facets.forEach(function (facet) {
      facet[1].forEach(function (value) {
        var page = facets.numbers[facet[0] + ":" + value];
        ofValue.push(page === undefined ? -1 : page);
      });
    });
    var retired = {};
    data.retired.forEach(function (place) { retired[place] = true; });
    var items = data.values.map(function (values, place) {
      var lists = facets.list.map(function () { return []; });
      values.forEach(function (value) {
        var page = ofValue[value];
        if (page !== -1) lists[facets.facetOf[page]].push(page);
      });
      var starts = new Uint16Array(lists.length + 1);
      lists.forEach(function (list, f) { starts[f + 1] = starts[f] + list.length; });
      return {
        place: place,
        retired: retired[place] === true,
        hours: data.hours[place],
        cost: data.cost[place],
        published: data.published[place],
        ids: Int32Array.from([].concat.apply([], lists)),
        starts: starts,
      };
    });
    return { items: items, checksum: data.checksum, perFile: data.per_file, cards: data.cards };
  }

  /* The orders a reader may sort by; ties keep the catalog's order (by title). */
  var ORDERS = {
    title: function (a, b) { return a.place - b.place; },
    newest: function (a, b) { return b.published - a.published || a.place - b.place; },
    hours: function (a, b) { return a.hours - b.hours || a.place - b.place; },
    cost: function (a, b) { return a.cost - b.cost || a.place - b.place; },
  };

  /* ----------------------------------------------------------------- finder */

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
    this.panel = root.querySelector("[data-mc-filters]");
    this.openButton = root.querySelector("[data-mc-open]");
    this.showButton = root.querySelector("[data-mc-show]");
    this.chips = root.querySelector("[data-mc-chips]");
    this.list = document.querySelector("[data-mc-list]");
    this.drawerWidth = window.matchMedia(NARROW);
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
    this.searchWords = search.oneAtATime(function (term) {
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
      self.closeFilters();
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
    this.root.querySelector("[data-mc-copy]").addEventListener("click", function () { self.copyLink(); });
    this.more.addEventListener("click", function () {
      self.showMore().catch(function (error) {  // a card file that did not arrive: the button tries again
        if (window.console) window.console.error("Cards are unavailable:", error);
        self.more.disabled = false;
        self.root.removeAttribute("aria-busy");
      });
    });
    this.startDrawer();
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
      this.ready = Promise.all([search.service(this.base), this.data()]).then(function (both) {
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
      var outcome = self.narrow(found.items, selected);
      if (ORDERS[sort]) outcome.matches.sort(ORDERS[sort]);
      self.showCounts(outcome.counts);
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
      self.status.textContent = search.say("Search is not available at the moment. The filters still work.");
      self.root.removeAttribute("aria-busy");
      self.root.setAttribute("data-mc-rendered", window.location.search);
    });
  };

  /* The credentials matching the words, best first. */
  Finder.prototype.found = function (term) {
    if (!this.cached || this.cached.term !== term) this.cached = { term: term, found: this.searchWords(term) };
    return this.cached.found;
  };

  /*
   * The pool's items passing the retired toggle and the facets, each facet value's count,
   * and how many retired ones pass the facets while the toggle is off, in one pass: an
   * item counts for a facet's values when it passes every other facet, so an item that
   * fails one facet only counts for that facet.
   */
  Finder.prototype.narrow = function (pool, selected) {
    var includeRetired = this.retired.checked;
    var wanted = new Uint8Array(this.facets.count);
    var active = [];
    this.facets.list.forEach(function (facet, f) {
      var values = selected[facet.key];
      if (!values) return;
      active.push(f);
      Array.prototype.forEach.call(facet.boxes, function (box, place) {
        if (values.indexOf(box.value) !== -1) wanted[facet.first + place] = 1;
      });
    });
    var counts = new Int32Array(this.facets.count);
    var matches = [];
    var retired = 0;
    for (var i = 0; i < pool.length; i++) {
      var item = pool[i];
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
      if (item.retired && !includeRetired) {
        if (failures === 0) retired++;
      } else if (failures === 0) {
        matches.push(item);
        for (v = 0; v < ids.length; v++) counts[ids[v]]++;
      } else if (failures === 1) {
        for (v = starts[failed]; v < starts[failed + 1]; v++) counts[ids[v]]++;
      }
    }
    return { counts: counts, matches: matches, retired: retired };
  };

  /* ------------------------------------------------------------------ views */

  Finder.prototype.showCounts = function (counts) {
    this.facets.list.forEach(function (facet) {
      facet.counts.forEach(function (label, place) {
        var text = "(" + counts[facet.first + place] + ")";
        if (label.textContent !== text) label.textContent = text;
      });
    });
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
      self.showStatus();
      self.updateUrl();
      self.list.hidden = true;  // the plain list gives way to the results
      self.shownOnce = true;
      self.more.disabled = false;
      self.root.removeAttribute("aria-busy");
      // For tests and the benchmark: which state the visible results belong to.
      self.root.setAttribute("data-mc-rendered", window.location.search);
    });
  };

  Finder.prototype.showStatus = function () {
    var total = this.matches.length;
    var context = this.context;
    var query = context.query;
    this.more.hidden = this.shown >= total;
    this.status.textContent = total === 0 ? search.say("No credentials match")
      : total > this.shown ? search.sayCount("%(count)s credential, showing %(shown)s", "%(count)s credentials, showing %(shown)s", total, { shown: this.shown })
        : search.sayCount("%(count)s credential", "%(count)s credentials", total);
    this.showButton.textContent = search.sayCount("Show %(count)s result", "Show %(count)s results", total);
    // Notes: a corrected query, and what the link asked for that the page does not offer.
    var notes = [];
    if (query && query.corrected && !query.unknown && total > 0) notes.push(search.say("Showing results for \u201c%(term)s\u201d.", { term: query.term }));
    if (this.ignored.length) notes.push(search.say("Ignored in this link: %(list)s.", { list: this.ignored.join(", ") }));
    this.note.textContent = notes.join(" ");
    this.note.hidden = notes.length === 0;
    // The empty state says why, and offers the retired credentials that match.
    var offer = this.root.querySelector("[data-mc-show-retired]");
    if (total === 0) {
      var why = context.term ? search.say("No credential matches \u201c%(term)s\u201d.", { term: context.term.slice(0, 80) })
        : search.say("No credential matches these filters.");
      var filtered = Object.keys(this.selection()).length > 0;
      var hint = context.retired ? "" : " " + search.say(filtered ? "Remove a filter to see more." : "Try other words.");
      this.root.querySelector("[data-mc-empty-text]").textContent = why + hint;
      offer.textContent = search.sayCount("Show the %(count)s retired credential that matches", "Show the %(count)s retired credentials that match", context.retired);
      offer.hidden = context.retired === 0;
    }
    this.empty.hidden = total !== 0;
    this.showChips();
  };

  /* One removable chip per active filter, and "Clear all" while anything is set. */
  Finder.prototype.showChips = function () {
    var chips = document.createDocumentFragment();
    var add = function (text, kind, value) {
      var item = document.createElement("li");
      var chip = document.createElement("button");
      chip.type = "button";
      chip.className = "mc-chip";
      chip.setAttribute("data-mc-chip", kind);
      chip.setAttribute("data-mc-value", value);
      chip.setAttribute("aria-label", search.say("Remove %(filter)s", { filter: text }));
      chip.textContent = text;
      item.appendChild(chip);
      chips.appendChild(item);
    };
    var active = 0;
    this.facets.list.forEach(function (facet) {
      Array.prototype.forEach.call(facet.boxes, function (box) {
        if (!box.checked) return;
        active++;
        add(facet.legend + ": " + box.parentNode.querySelector(".mc-facet__label").textContent, facet.key, box.value);
      });
    });
    if (this.retired.checked) {
      active++;
      add(search.say("Including retired"), "retired", "1");
    }
    this.chips.textContent = "";
    this.chips.appendChild(chips);
    this.root.querySelector("[data-mc-active]").hidden = active === 0;
    this.root.querySelector("[data-mc-filter-count]").textContent = active ? " (" + active + ")" : "";
    if (this.refocus) {
      this.refocus();
      this.refocus = null;
    }
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

  /* ----------------------------------------------------------- copy the link */

  Finder.prototype.copyLink = function () {
    var said = this.root.querySelector("[data-mc-copied]");
    var url = window.location.href;
    var done = function () { said.textContent = search.say("Link copied"); };
    var fallback = function () {
      var field = document.createElement("textarea");
      field.value = url;
      field.setAttribute("readonly", "");
      field.className = "mc-sr-only";
      document.body.appendChild(field);
      field.select();
      var copied;
      try { copied = document.execCommand("copy"); } catch { copied = false; }
      document.body.removeChild(field);
      said.textContent = copied ? search.say("Link copied") : search.say("Copy this address: %(url)s", { url: url });
    };
    said.textContent = "";
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(done, fallback);
    else fallback();
    window.clearTimeout(this.copiedTimer);
    this.copiedTimer = window.setTimeout(function () { said.textContent = ""; }, 4000);
  };

  /* ----------------------------------------------------------------- drawer */

  /*
   * On a phone the facets are a drawer over the page: "Filters" opens it, "Show N
   * results", "Close" and Escape close it, and focus stays in it while it is open.
   */
  Finder.prototype.startDrawer = function () {
    var self = this;
    this.openButton.addEventListener("click", function () { self.openFilters(); });
    this.root.querySelector("[data-mc-close]").addEventListener("click", function () { self.closeFilters(self.openButton); });
    this.showButton.addEventListener("click", function () { self.closeFilters(self.results); });
    this.panel.addEventListener("keydown", function (event) {
      if (!self.root.classList.contains("mc-finder--drawer")) return;
      if (event.key === "Escape") {
        event.preventDefault();
        self.closeFilters(self.openButton);
      } else if (event.key === "Tab") {
        var focusable = Array.prototype.filter.call(
          self.panel.querySelectorAll("button, input, a[href]"), function (element) { return element.offsetParent !== null; });
        var first = focusable[0];
        var last = focusable[focusable.length - 1];
        if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
        else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
      }
    });
    // Widened past the drawer's width while open: the facets are the sidebar again.
    this.drawerWidth.addEventListener("change", function () { if (!self.drawerWidth.matches) self.closeFilters(); });
  };

  Finder.prototype.openFilters = function () {
    this.root.classList.add("mc-finder--drawer");
    document.documentElement.classList.add("mc-drawer-open");
    this.panel.setAttribute("role", "dialog");
    this.panel.setAttribute("aria-modal", "true");
    this.openButton.setAttribute("aria-expanded", "true");
    this.root.querySelector("[data-mc-close]").focus();
  };

  Finder.prototype.closeFilters = function (focus) {
    if (!this.root.classList.contains("mc-finder--drawer")) return;
    this.root.classList.remove("mc-finder--drawer");
    document.documentElement.classList.remove("mc-drawer-open");
    this.panel.removeAttribute("role");
    this.panel.removeAttribute("aria-modal");
    this.openButton.setAttribute("aria-expanded", "false");
    if (focus) focus.focus();
  };

  function start() {
    var root = document.querySelector("[data-mc-finder]");
    // Without these the finder cannot read its files: the plain list stays.
    if (!root || !search || typeof DecompressionStream === "undefined" || !window.fetch) return;
    new Finder(root).start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
