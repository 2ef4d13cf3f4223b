/*
 * The facets of /pathways/ (role, grade band, subject), shown when there are more pathways
 * than a glance takes in. Progressive enhancement: without this script the page lists
 * every pathway. Values of one facet widen the list (any of them), facets narrow it (all
 * of them); each card's data-mc-facets holds its "key:value" words, and the state is kept
 * in the query string with the keys of /catalog/ (?role=teacher&grade=3-5), so a filtered
 * list can be shared.
 */
import { sayCount } from "./messages.js";

var form = document.querySelector("[data-mc-pathway-facets]");
if (form) start(form);

function start(form) {
  var status = document.querySelector("[data-mc-pathway-status]");
  var cards = Array.prototype.slice.call(document.querySelectorAll("li[data-mc-facets]"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));

  function chosen() {
    var byKey = {};
    boxes.forEach(function (box) {
      if (box.checked) (byKey[box.name] = byKey[box.name] || []).push(box.name + ":" + box.value);
    });
    return byKey;
  }

  function apply() {
    var byKey = chosen();
    var keys = Object.keys(byKey);
    var shown = 0;
    cards.forEach(function (card) {
      var words = card.getAttribute("data-mc-facets").split(" ");
      var match = keys.every(function (key) {
        return byKey[key].some(function (word) { return words.indexOf(word) !== -1; });
      });
      card.hidden = !match;
      if (match) shown++;
    });
    status.textContent = !keys.length ? ""
      : shown ? sayCount("%(shown)s of %(count)s pathway matches.", "%(shown)s of %(count)s pathways match.", cards.length, { shown: shown })
        : sayCount("0 of %(count)s pathway matches: clear a filter to see more.", "0 of %(count)s pathways match: clear a filter to see more.", cards.length);
    var query = new URLSearchParams();
    boxes.forEach(function (box) { if (box.checked) query.append(box.name, box.value); });
    var search = query.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }

  var params = new URLSearchParams(location.search);
  boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) !== -1; });
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply); });  // after the form has cleared
  form.hidden = false;
  apply();
}
