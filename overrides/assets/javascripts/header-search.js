/*
 * The header search of every page (partials/search.html): instant results from the search
 * service (search-service.js) in a panel under the field. Progressive enhancement:
 * without this script the header form submits to the catalog, which lists its cards.
 */
import { say, sayCount } from "./messages.js";
import { oneAtATime, searchService, siteRoot } from "./search-service.js";

const HEADER_RESULTS = 8;
const TYPE_LABELS = { credential: "Credential", pathway: "Pathway", issuer: "Issuer" };
const RETIRED_LABELS = { credential: "Retired credential", pathway: "Retired pathway" };

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

// A module runs once the page is parsed: the form is there.
var header = document.querySelector("[data-mc-search]");
if (header) new HeaderSearch(header).start();
