// Search, on the page: the header's box, the search worker and the results the search page
// shows. The app loads this module (`src/search.rs`) the first time a reader focuses the box or
// opens the search page, so a page that is only read never downloads it, nor the worker.
//
// The worker (`search-worker.js`, a wasm of its own) does the work in Rust, with
// `carnet_core::search`: it finds the results and writes every line the page shows, in the
// blog's language. This file only carries words between the box, the worker and the page, with
// the DOM's own calls. It is kept out of the app's wasm so that a reader who never searches
// pays almost nothing for search (README « What search costs »).
//
// The app tells it when the search page shows a query (`carnet-search-shown`, on the document;
// the query string is in the list's `data-query`) and when that page goes (`carnet-search-left`).

const BOX = "search-box"; // carnet_core::page_ids::SEARCH_BOX
const LIST = "search-list"; // carnet_core::page_ids::SEARCH_LIST
const SHOWN = 10; // carnet_core::search::SHOWN: results shown, and more at each « Plus de résultats »
const MOST_SHOWN = 1000; // carnet_core::search::MOST_SHOWN
/** Where sessionStorage keeps the result a reader followed, to give it the focus again on Back. */
const FOLLOWED = "carnet-search-followed";

/** The search worker, once started; `null` again if it failed, so the next query starts one. */
let worker = null;
/** Whether the worker listens; a request asked before waits in `pending`, only the latest. */
let ready = false;
let pending = null;
/** The id of the latest request: only its answers are drawn. */
let latest = 0;
/** Whether the latest request has had an answer (a query can have two: the first results, then
 * all of them with their passages, which keeps the result chosen meanwhile). */
let answered = false;
/** The query asked last, as typed, and how many of its results the reader wants to see. */
let asked = "";
let wanted = SHOWN;
/** Where the results asked with « Plus de résultats » start: the focus goes to the first of
 * them once drawn (-1: none asked). */
let firstAdded = -1;

function start() {
  if (worker) return;
  try {
    worker = new Worker(new URL("search-worker.js", import.meta.url));
  } catch {
    return;
  }
  ready = false;
  worker.onmessage = (event) => receive(event.data);
  // It could not load (its files missing, or its load aborted as the page went) or stopped.
  // Handled here, this is not an error of the page too, as an uncaught error in a worker is.
  worker.onerror = (event) => {
    event.preventDefault();
    worker?.terminate();
    worker = null;
    draw(null);
  };
}

/** A message of the worker: `ready`, or an answer `[id, said, results, error, total]`. */
function receive(message) {
  if (message === "ready") {
    ready = true;
    if (pending) worker.postMessage(pending);
    pending = null;
  } else if (Array.isArray(message) && message[0] === latest) {
    draw(message[3] === undefined ? message : null);
  }
}

/** The search page's parts, if it shows. */
function searchPage() {
  const list = document.getElementById(LIST);
  const section = list?.closest("section");
  return list && section && { list, section, status: list.previousElementSibling };
}

/** Asks the worker for the first `wanted` results of `typed` and says, meanwhile, that the
 * search is under way (unless it is more results of the query shown: those stay meanwhile).
 * The tab's title says the query. */
function ask(typed) {
  const page = searchPage();
  const more = answered && typed === asked && firstAdded >= 0;
  latest += 1;
  answered = more;
  asked = typed;
  start();
  if (!page) return;
  const query = typed.trim();
  document.title = query ? `${query} — ${page.section.dataset.title}` : page.section.dataset.title;
  if (!query) {
    page.status.textContent = page.section.dataset.hint;
    page.list.replaceChildren();
    moreButton(page, false);
    return;
  }
  if (!more) {
    page.status.textContent = page.section.dataset.searching;
    // Not for the query shown any more.
    moreButton(page, false);
  }
  if (!worker) return draw(null);
  const request = [latest, typed, wanted];
  if (ready) worker.postMessage(request);
  else pending = request;
}

/** Draws `answer` on the search page: the line over the results, and the results; `null` when
 * the search failed (the index or the worker could not load). */
function draw(answer) {
  const page = searchPage();
  if (!page) return;
  const chosen = answered ? chosenResult(page.list) : -1;
  answered = true;
  if (!answer) {
    page.status.textContent = page.section.dataset.unavailable;
    page.list.replaceChildren();
    moreButton(page, false);
    return;
  }
  const [, said, results, , total] = answer;
  // The reader is still where « Plus de résultats » left them (on it, or on nothing once it
  // went), not elsewhere since.
  const stillAsking = [page.section.querySelector("button.more-results"), document.body, null].includes(
    document.activeElement,
  );
  page.status.textContent = said;
  page.list.replaceChildren(...results.map(resultItem));
  page.list.children[chosen]?.classList.add("selected");
  // Not under an answer given at once, with fewer results than asked: the rest are coming.
  moreButton(page, results.length >= wanted && total > results.length && wanted < MOST_SHOWN);
  const added = page.list.children[firstAdded]?.querySelector("a");
  if (added) {
    firstAdded = -1;
    if (stillAsking) added.focus();
  }
  refocusFollowed(page, results.length >= Math.min(wanted, total));
}

/** Back on the results a reader left for one of them: that one gets the focus (and is scrolled
 * into view), as it would on a page the browser had kept. Two frames later, once the app has
 * given the page's heading the focus, as after any move. `whole`: whether every result asked
 * for is drawn; then the one followed is forgotten, found or not. */
function refocusFollowed(page, whole) {
  let followed;
  try {
    followed = JSON.parse(sessionStorage.getItem(FOLLOWED) ?? "null");
  } catch {
    followed = null;
  }
  if (!followed || followed.address !== location.pathname + location.search) return;
  const link = [...page.list.querySelectorAll("a")].find((a) => a.getAttribute("href") === followed.href);
  if (!link && !whole) return;
  sessionStorage.removeItem(FOLLOWED);
  if (!link) return;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      // Unless the reader has gone elsewhere meanwhile: only from where a move leaves the focus.
      const active = document.activeElement;
      const unheld = !active || active === document.body || active.matches("main, main h1");
      if (link.isConnected && unheld) link.focus();
    }),
  );
}

/** Shows « Plus de résultats » under the list, or takes it away. */
function moreButton(page, shown) {
  const button = page.section.querySelector("button.more-results");
  if (!shown) return button?.remove();
  if (button) return;
  const made = element("button", "more-results", page.section.dataset.more);
  made.type = "button";
  made.addEventListener("click", () => showMore(page));
  page.list.after(made);
}

/** Shows the next results of the query shown, and keeps how many in the address (`n`), so
 * that Back from a result shows them all again. */
function showMore(page) {
  wanted = Math.min(page.list.children.length + SHOWN, MOST_SHOWN);
  firstAdded = page.list.children.length;
  const box = document.getElementById(BOX);
  if (box) history.replaceState(null, "", searchAddress(box, asked));
  ask(asked);
}

/** One result, `[href, title, date, day, category, chosen, passage]`: its title linked to the
 * post (a plain link, which the app's router follows), its day and category, its passage. */
function resultItem([href, title, date, day, category, chosen, passage]) {
  const item = element("li", "search-result");
  item.dataset.said = chosen;
  const link = element("a");
  link.setAttribute("href", href);
  item.append(element("h2", "", link));
  marked(link, title);
  const time = element("time", "", day);
  time.dateTime = date;
  item.append(element("p", "byline", time, ` · ${category}`));
  if (passage) item.append(marked(element("p", "passage"), passage));
  return item;
}

function element(name, className = "", ...children) {
  const made = document.createElement(name);
  if (className) made.className = className;
  made.append(...children);
  return made;
}

/** Writes `runs` (plain and matched text in turn, plain first) into `parent`, each matched run
 * in a `<mark>`. */
function marked(parent, runs) {
  runs.forEach((run, at) => {
    if (run) parent.append(at % 2 ? element("mark", "", run) : run);
  });
  return parent;
}

/** The position of the result chosen with the arrows, or -1. */
function chosenResult(list) {
  return [...list.children].findIndex((item) => item.classList.contains("selected"));
}

/** The search page's address for `typed`, from the box's form (`search/` under the base),
 * with how many results are wanted if more than the first. */
function searchAddress(box, typed) {
  const page = box.form.getAttribute("action");
  if (!typed) return page;
  const more = wanted > SHOWN ? `&n=${wanted}` : "";
  return `${page}?q=${encodeURIComponent(typed)}${more}`;
}

/** Whether the address is the search page's: not once the router has moved on (back, forward)
 * and the search page, still drawn, is about to go. */
function atSearchPage(box) {
  return new URL(box.form.action, location.href).pathname === location.pathname;
}

/** Shows the results for what the box holds. On the search page, without the router: the
 * query goes to the worker and into the address, in place of the current history entry (so
 * back leaves the search). From another page, it goes there as a click on a link would, which
 * the app's router follows (`data-noscroll`: the page stays where it is). */
function show(box) {
  wanted = SHOWN;
  firstAdded = -1;
  const address = searchAddress(box, box.value);
  if (searchPage()) {
    // Leaving, the address is the next page's, whose history entry this must not take.
    if (!atSearchPage(box)) return;
    history.replaceState(null, "", address);
    ask(box.value);
    return;
  }
  const link = element("a");
  link.href = address;
  link.dataset.noscroll = "";
  box.form.append(link);
  link.click();
  link.remove();
}

/** The search page shows the query of its address, whose query string the app wrote in the
 * list's `data-query`: the box shows it too, unless the reader is typing there (the box is
 * theirs then: what they typed meanwhile wins). */
function shown() {
  const query = searchPage()?.list.dataset.query;
  if (query === undefined) return;
  const params = new URLSearchParams(query);
  const typed = params.get("q") ?? "";
  // How many results the reader had asked for, within what a blog can have.
  const asked = Number.parseInt(params.get("n"), 10) || SHOWN;
  wanted = Math.min(Math.max(Math.ceil(asked / SHOWN) * SHOWN, SHOWN), MOST_SHOWN);
  firstAdded = -1;
  const box = document.getElementById(BOX);
  if (box && !atSearchPage(box)) return;
  if (box && document.activeElement === box && box.value !== typed) return show(box);
  if (box) box.value = typed;
  ask(typed);
}

/** The search page is going: once the next page is drawn, unless it is the search page again,
 * its answers are no longer drawn and the box is emptied (unless the reader is typing in it). */
function left() {
  setTimeout(() => {
    if (searchPage()) return;
    latest += 1;
    const box = document.getElementById(BOX);
    if (box && document.activeElement !== box) box.value = "";
  });
}

/** A key in the box, while the search page shows results: the arrows choose one (and a screen
 * reader hears which), Enter follows the chosen one, Escape empties the box, or leaves it. */
function followKey(event, box) {
  const page = searchPage();
  if (!page) return;
  const items = [...page.list.children];
  const chosen = chosenResult(page.list);
  const choose = (position) => {
    items.forEach((item, at) => item.classList.toggle("selected", at === position));
    say(page.list, items[position]?.dataset.said ?? "");
  };
  switch (event.key) {
    case "ArrowDown":
      if (!items.length) return;
      event.preventDefault();
      choose(Math.min(chosen + 1, items.length - 1));
      break;
    case "ArrowUp":
      if (!items.length) return;
      event.preventDefault();
      choose(chosen - 1);
      break;
    case "Enter": {
      const link = items[chosen]?.querySelector("a");
      if (!link) return;
      event.preventDefault();
      // The reader leaves the search for a post: the focus goes to its heading, as after any
      // move, not back to the box.
      box.blur();
      link.click();
      break;
    }
    case "Escape":
      event.preventDefault();
      if (box.value) {
        box.value = "";
        show(box);
      } else {
        box.blur();
      }
      break;
  }
}

/** Says `said` in a hidden paragraph at the end of the search page's section: the section is
 * a polite live region, so a screen reader reads it while the focus stays in the box. */
function say(list, said) {
  const section = list.closest("section");
  let paragraph = section.querySelector("p.search-said");
  if (!paragraph) {
    paragraph = element("p", "visually-hidden search-said");
    section.append(paragraph);
  }
  paragraph.textContent = said;
}

for (const kind of ["input", "keydown", "submit"]) {
  document.addEventListener(kind, (event) => {
    const box = document.getElementById(BOX);
    if (!box || !(event.target === box || event.target === box.form)) return;
    if (kind === "submit") event.preventDefault();
    if (kind === "keydown") followKey(event, box);
    else show(box);
  });
}
// A result followed (a click, or Enter on the chosen one): kept for Back.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest(`#${LIST} a`);
  // Opened in another tab or window, it leaves the reader here.
  const elsewhere = event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey;
  if (!link || elsewhere) return;
  const followed = { address: location.pathname + location.search, href: link.getAttribute("href") };
  try {
    sessionStorage.setItem(FOLLOWED, JSON.stringify(followed));
  } catch {
    // Storage off: Back lands on the page's heading.
  }
});
document.addEventListener("carnet-search-shown", shown);
document.addEventListener("carnet-search-left", left);

// What happened before this module came: the search page shown, or a query typed elsewhere.
start();
if (searchPage()) shown();
else if (document.getElementById(BOX)?.value) show(document.getElementById(BOX));
