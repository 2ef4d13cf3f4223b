/*
 * The catalog finder's facets as a drawer over the page on a phone: "Filters" opens it,
 * "Show N results", "Close" and Escape close it, and focus stays in it while it is open.
 * Above the drawer's width the facets are a sidebar and this does nothing.
 */

const NARROW = "(max-width: 59.9375em)";  // the facets are a drawer below this width, a sidebar above

/* The drawer of the finder `root`; "Show N results" takes focus to `results`. */
export function Drawer(root, results) {
  this.root = root;
  this.results = results;
  this.panel = root.querySelector("[data-mc-filters]");
  this.openButton = root.querySelector("[data-mc-open]");
  this.closeButton = root.querySelector("[data-mc-close]");
  this.showButton = root.querySelector("[data-mc-show]");
  this.width = window.matchMedia(NARROW);
}

Drawer.prototype.start = function () {
  var self = this;
  this.openButton.addEventListener("click", function () { self.open(); });
  this.closeButton.addEventListener("click", function () { self.close(self.openButton); });
  this.showButton.addEventListener("click", function () { self.close(self.results); });
  this.panel.addEventListener("keydown", function (event) {
    if (!self.root.classList.contains("mc-finder--drawer")) return;
    if (event.key === "Escape") {
      event.preventDefault();
      self.close(self.openButton);
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
  this.width.addEventListener("change", function () { if (!self.width.matches) self.close(); });
};

Drawer.prototype.open = function () {
  this.root.classList.add("mc-finder--drawer");
  document.documentElement.classList.add("mc-drawer-open");
  this.panel.setAttribute("role", "dialog");
  this.panel.setAttribute("aria-modal", "true");
  this.openButton.setAttribute("aria-expanded", "true");
  this.closeButton.focus();
};

/* Close the drawer (if open) and focus `focus`, if given. */
Drawer.prototype.close = function (focus) {
  if (!this.root.classList.contains("mc-finder--drawer")) return;
  this.root.classList.remove("mc-finder--drawer");
  document.documentElement.classList.remove("mc-drawer-open");
  this.panel.removeAttribute("role");
  this.panel.removeAttribute("aria-modal");
  this.openButton.setAttribute("aria-expanded", "false");
  if (focus) focus.focus();
};
