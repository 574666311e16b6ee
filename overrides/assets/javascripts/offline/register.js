// @ts-check
// Registers the service worker (/sw.js, written by scripts/build_service_worker.py), tells the
// reader when a newer build is ready (reload to use it), and on the home page offers to keep
// the self-assessment's runtime for offline use. The assessment page asks for that runtime by
// itself. Nothing here talks to anything but this site.
const SCRIPT = "/sw.js";

/** @type {Record<string, Record<string, string>>} */
let STRINGS = {};

/** Loads the interface strings and styles, only on pages that show something (the home
 * page's offline section, the update notice): every other page is lighter without them. */
async function loadStrings() {
  const styles = new URL("../../stylesheets/offline.css", import.meta.url).href;
  if (!document.querySelector(`link[href="${styles}"]`)) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = styles;
    document.head.append(link);
  }
  // Named by URL so that scripts/bundle_modules.py leaves it a request of its own, made only
  // here, instead of carrying every string into every page's bundle.
  const strings = new URL("../strings.js", import.meta.url).href;
  ({ STRINGS } = /** @type {typeof import("../strings.js")} */ (await import(strings)));
}

/** The interface string `key` in the page's language.
 * @param {string} key @param {string} lang */
export function t(key, lang) {
  const table = STRINGS[lang] || STRINGS.ar || {};
  return table[key] ?? key;
}

/** Whether a waiting worker is an update (a page already controlled), not the first install.
 * @param {{waiting: unknown}} registration @param {unknown} controller */
export function updateWaiting(registration, controller) {
  return Boolean(registration.waiting) && Boolean(controller);
}

/** @param {ServiceWorker} worker @param {object} message @returns {Promise<any>} */
function ask(worker, message) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    worker.postMessage(message, [channel.port2]);
  });
}

/** @param {string} tag @param {string} className @param {string} [text] */
function el(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The "newer version" notice, shown once, above the page's content.
 * @param {ServiceWorker} waiting @param {string} lang */
function showUpdate(waiting, lang) {
  if (document.querySelector(".daleel-update")) return;
  const box = el("div", "daleel-update");
  box.setAttribute("role", "status");
  box.append(el("p", "daleel-update__text", t("offline.update_available", lang)));
  const button = el("button", "md-button md-button--primary daleel-update__reload",
    t("offline.update_reload", lang));
  button.setAttribute("type", "button");
  button.addEventListener("click", () => {
    button.setAttribute("disabled", "");
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload());
    waiting.postMessage({ type: "skip-waiting" });
  });
  box.append(button);
  const content = document.querySelector(".md-content__inner") || document.body;
  content.prepend(box);
}

/** @param {ServiceWorkerRegistration} registration @param {string} lang */
function watchUpdates(registration, lang) {
  const check = () => {
    const waiting = registration.waiting;
    if (waiting && updateWaiting(registration, navigator.serviceWorker.controller)) {
      loadStrings().then(() => showUpdate(waiting, lang));
    }
  };
  check();
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => worker.state === "installed" && check());
  });
}

/** The home page's "make available offline" section (its place is marked by the template).
 * @param {string} lang @param {boolean} supported */
function homeSection(lang, supported) {
  const section = el("section", "daleel-offline");
  section.setAttribute("aria-labelledby", "daleel-offline-heading");
  const heading = el("h2", "daleel-offline__heading", t("offline.heading", lang));
  heading.id = "daleel-offline-heading";
  const status = el("p", "daleel-offline__status");
  status.setAttribute("role", "status");
  section.append(heading, el("p", "daleel-offline__intro", t("offline.intro", lang)));
  const button = el("button", "md-button daleel-offline__button", t("offline.make_available", lang));
  button.setAttribute("type", "button");
  if (supported) section.append(button);
  else status.textContent = t("offline.unsupported", lang);
  section.append(status);
  (document.querySelector(".md-content__inner") || document.body).append(section);
  return { button, status };
}

/** Shown once this site's worker is active (the pages, search and PDFs are then kept), so the
 * button works when it appears and a first view never waits for it.
 * @param {string} lang */
async function offerOffline(lang) {
  const ready = await navigator.serviceWorker.ready;
  await loadStrings();
  const { button, status } = homeSection(lang, true);
  const done = () => {
    status.textContent = t("offline.ready", lang);
    button.hidden = true;
  };
  button.addEventListener("click", async () => {
    button.setAttribute("disabled", "");
    status.textContent = t("offline.saving", lang);
    const worker = (await navigator.serviceWorker.ready).active;
    const reply = worker ? await ask(worker, { type: "cache-runtime" }) : null;
    if (reply?.ok) done();
    else status.textContent = t("offline.failed", lang);
    button.removeAttribute("disabled");
  });
  if (ready.active && (await ask(ready.active, { type: "status" }))?.runtime) done();
}

/** Resolves once the page has loaded and, on the assessment page, once its engine has
 * started or failed (`data-engine`): the worker's cache fill must not compete with either. */
async function settled() {
  if (document.readyState !== "complete") {
    await new Promise((resolve) => addEventListener("load", resolve, { once: true }));
  }
  const root = document.getElementById("daleel-assessment");
  if (!root || root.hasAttribute("data-engine")) return;
  await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!root.hasAttribute("data-engine")) return;
      observer.disconnect();
      resolve(undefined);
    });
    observer.observe(root, { attributes: true, attributeFilter: ["data-engine"] });
  });
}

async function main() {
  const lang = document.documentElement.lang === "en" ? "en" : "ar";
  const home = document.querySelector('meta[name="daleel-offline"][content="home"]');
  if (!("serviceWorker" in navigator)) {
    if (home) await loadStrings().then(() => homeSection(lang, false));
    return;
  }
  await settled();
  const registration = await navigator.serviceWorker.register(SCRIPT, { scope: "/" });
  watchUpdates(registration, lang);
  if (home) await offerOffline(lang);
  if (document.querySelector('meta[name="daleel-offline"][content="assessment"]')) {
    const worker = (await navigator.serviceWorker.ready).active;
    if (worker) await ask(worker, { type: "cache-runtime" });
  }
}

main().catch(() => {
  // Offline support is an extra: a page without it still reads.
});
