/*
 * The interface's words in the site's language, from its gettext catalog: main.html
 * writes them into every page (#mc-messages, partials/messages.html) under their English
 * message ids, a counted message as one form per plural category of the language, which
 * Intl.PluralRules picks. A message the page lacks is said as its id.
 */

const MESSAGES = (function () {
  var block = document.getElementById("mc-messages");
  try { return block ? JSON.parse(block.textContent) : {}; } catch { return {}; }
})();
const PLURALS = new Intl.PluralRules(document.documentElement.lang || "en");

function fill(text, values) {
  return text.replace(/%\((\w+)\)s/g, function (place, name) {
    return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : place;
  });
}

/* A message, with its %(name)s places filled from `values`. */
export function say(id, values) {
  return fill(typeof MESSAGES[id] === "string" ? MESSAGES[id] : id, values || {});
}

/* A counted message, `one` and `other` its English forms; `count` fills %(count)s. */
export function sayCount(one, other, count, values) {
  var forms = MESSAGES[one];
  var text = forms && typeof forms === "object" ? forms[PLURALS.select(count)] || forms.other : count === 1 ? one : other;
  return fill(text, Object.assign({ count: count }, values));
}
