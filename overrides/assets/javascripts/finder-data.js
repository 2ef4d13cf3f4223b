/*
 * The catalog finder's data (hooks/microcred/catalog_data.py): each credential's facet
 * values, hours, cost, date and status, in the catalog's order, and what the finder
 * computes from it: the orders it sorts by and the pass that filters and counts.
 */
import { unpack } from "./search-format.js";

/* The text of the one member of a bundle (see catalog_data.py): the finder data, a card file. */
export function fetchMember(url, member) {
  return fetch(url).then(function (response) {
    if (!response.ok) throw new Error(url + ": HTTP " + response.status);
    return unpack(response.body);
  }).then(function (files) {
    return new TextDecoder().decode(files[member]);
  });
}

/*
 * The finder data as items, one per credential in the catalog's order:
 * { place, retired, hours, cost, published, ids, starts }, where `ids` are the item's
 * facet values as numbers (the n-th checkbox of the page) and ids[starts[f]] to
 * ids[starts[f + 1] - 1] are those of facet f. `facets` are the page's (see Finder).
 */
export function readData(data, facets) {
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
export const ORDERS = {
  title: function (a, b) { return a.place - b.place; },
  newest: function (a, b) { return b.published - a.published || a.place - b.place; },
  hours: function (a, b) { return a.hours - b.hours || a.place - b.place; },
  cost: function (a, b) { return a.cost - b.cost || a.place - b.place; },
};

/*
 * The pool's items passing the retired toggle and the facets, each facet value's count,
 * and how many retired ones pass the facets while the toggle is off, in one pass: an
 * item counts for a facet's values when it passes every other facet, so an item that
 * fails one facet only counts for that facet. `selected`: facet key -> values checked.
 */
export function narrow(pool, selected, facets, includeRetired) {
  var wanted = new Uint8Array(facets.count);
  var active = [];
  facets.list.forEach(function (facet, f) {
    var values = selected[facet.key];
    if (!values) return;
    active.push(f);
    Array.prototype.forEach.call(facet.boxes, function (box, place) {
      if (values.indexOf(box.value) !== -1) wanted[facet.first + place] = 1;
    });
  });
  var counts = new Int32Array(facets.count);
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
}
