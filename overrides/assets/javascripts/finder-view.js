/*
 * What the catalog finder shows of its state: the facets' counts, the status line and its
 * notes, the empty state, the active filters as chips, and "Copy link". Each takes the
 * Finder (catalog.js) whose elements and state it shows; none changes the state.
 */
import { say, sayCount } from "./messages.js";

/* Each facet value's count, `counts` indexed by the values' numbers. */
export function showCounts(facets, counts) {
  facets.list.forEach(function (facet) {
    facet.counts.forEach(function (label, place) {
      var text = "(" + counts[facet.first + place] + ")";
      if (label.textContent !== text) label.textContent = text;
    });
  });
}

export function showStatus(finder) {
  var total = finder.matches.length;
  var context = finder.context;
  var query = context.query;
  finder.more.hidden = finder.shown >= total;
  finder.status.textContent = total === 0 ? say("No credentials match")
    : total > finder.shown ? sayCount("%(count)s credential, showing %(shown)s", "%(count)s credentials, showing %(shown)s", total, { shown: finder.shown })
      : sayCount("%(count)s credential", "%(count)s credentials", total);
  finder.showButton.textContent = sayCount("Show %(count)s result", "Show %(count)s results", total);
  // Notes: a corrected query, and what the link asked for that the page does not offer.
  var notes = [];
  if (query && query.corrected && !query.unknown && total > 0) notes.push(say("Showing results for \u201c%(term)s\u201d.", { term: query.term }));
  if (finder.ignored.length) notes.push(say("Ignored in this link: %(list)s.", { list: finder.ignored.join(", ") }));
  finder.note.textContent = notes.join(" ");
  finder.note.hidden = notes.length === 0;
  // The empty state says why, and offers the retired credentials that match.
  var offer = finder.root.querySelector("[data-mc-show-retired]");
  if (total === 0) {
    var why = context.term ? say("No credential matches \u201c%(term)s\u201d.", { term: context.term.slice(0, 80) })
      : say("No credential matches these filters.");
    var filtered = Object.keys(finder.selection()).length > 0;
    var hint = context.retired ? "" : " " + say(filtered ? "Remove a filter to see more." : "Try other words.");
    finder.root.querySelector("[data-mc-empty-text]").textContent = why + hint;
    offer.textContent = sayCount("Show the %(count)s retired credential that matches", "Show the %(count)s retired credentials that match", context.retired);
    offer.hidden = context.retired === 0;
  }
  finder.empty.hidden = total !== 0;
  showChips(finder);
}

/* One removable chip per active filter, and "Clear all" while anything is set. */
function showChips(finder) {
  var chips = document.createDocumentFragment();
  var add = function (text, kind, value) {
    var item = document.createElement("li");
    var chip = document.createElement("button");
    chip.type = "button";
    chip.className = "mc-chip";
    chip.setAttribute("data-mc-chip", kind);
    chip.setAttribute("data-mc-value", value);
    chip.setAttribute("aria-label", say("Remove %(filter)s", { filter: text }));
    chip.textContent = text;
    item.appendChild(chip);
    chips.appendChild(item);
  };
  var active = 0;
  finder.facets.list.forEach(function (facet) {
    Array.prototype.forEach.call(facet.boxes, function (box) {
      if (!box.checked) return;
      active++;
      add(facet.legend + ": " + box.parentNode.querySelector(".mc-facet__label").textContent, facet.key, box.value);
    });
  });
  if (finder.retired.checked) {
    active++;
    add(say("Including retired"), "retired", "1");
  }
  finder.chips.textContent = "";
  finder.chips.appendChild(chips);
  finder.root.querySelector("[data-mc-active]").hidden = active === 0;
  finder.root.querySelector("[data-mc-filter-count]").textContent = active ? " (" + active + ")" : "";
  if (finder.refocus) {
    finder.refocus();
    finder.refocus = null;
  }
}

var copiedTimer = null;

/* Copy the page's address, which holds the finder's state, and say so for a few seconds. */
export function copyLink(root) {
  var said = root.querySelector("[data-mc-copied]");
  var url = window.location.href;
  var done = function () { said.textContent = say("Link copied"); };
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
    said.textContent = copied ? say("Link copied") : say("Copy this address: %(url)s", { url: url });
  };
  said.textContent = "";
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(done, fallback);
  else fallback();
  window.clearTimeout(copiedTimer);
  copiedTimer = window.setTimeout(function () { said.textContent = ""; }, 4000);
}
