// Search page: with JavaScript, filters apply at once and results update without reloading the page.
// Without it, the same form and links work by plain requests; the URL carries the whole state either way.
"use strict";
(() => {
  const form = document.getElementById("recherche");
  if (!form || !window.fetch || !window.DOMParser || !window.history.pushState) return;
  document.documentElement.classList.add("js");

  const LIVE = ["filtres-titre", "facettes", "resultats"];
  const query = document.getElementById("id_q");
  const announce = document.getElementById("annonce");
  const panel = document.querySelector(".filters-panel");
  // On a phone the filters start folded under their summary; on a wide screen they are always open.
  const narrow = window.matchMedia("(max-width: 51.99rem)");
  if (panel && narrow.matches) panel.open = false;
  narrow.addEventListener("change", () => { if (panel && !narrow.matches) panel.open = true; });

  let controller = null;
  let typing = null;

  const urlOf = () => {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (String(value).trim() !== "") params.append(key, value);
    }
    const search = params.toString();
    return form.action.split("?")[0] + (search ? "?" + search : "");
  };

  const update = async (url, { push = true, focusResults = false } = {}) => {
    if (controller) controller.abort();
    controller = new AbortController();
    const focused = document.activeElement ? document.activeElement.id : "";
    let html;
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "text/html" } });
      html = await response.text();
    } catch (error) {
      if (error.name !== "AbortError") window.location.assign(url);
      return;
    }
    const fresh = new DOMParser().parseFromString(html, "text/html");
    for (const id of LIVE) {
      const next = fresh.getElementById(id);
      const current = document.getElementById(id);
      if (next && current) current.replaceWith(next);
    }
    document.title = fresh.title;
    if (push) window.history.pushState({ search: true }, "", url);
    const params = new URL(url, window.location.href).searchParams;
    if (query && document.activeElement !== query) query.value = params.get("q") || "";
    const heading = document.getElementById("resultats-titre");
    if (announce && heading) announce.textContent = heading.textContent;
    if (focusResults && heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
      heading.scrollIntoView({ block: "start" });
    } else if (focused && document.activeElement !== document.getElementById(focused)) {
      const again = document.getElementById(focused);
      if (again) again.focus();
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // The "apply" button sits beside the filters, away from the results: take the reader to them.
    update(urlOf(), { focusResults: Boolean(event.submitter && !form.contains(event.submitter)) });
  });

  // Filters live outside the <form> element (they join it with form="recherche"), so listen on the document.
  document.addEventListener("change", (event) => {
    const field = event.target;
    if (field.form === form && field !== query) update(urlOf());
  });

  if (query) {
    query.addEventListener("input", () => {
      window.clearTimeout(typing);
      const text = query.value.trim();
      if (text.length === 1) return;
      typing = window.setTimeout(() => update(urlOf()), 350);
    });
  }

  // Links that stay on the search (pagination, removing a filter, suggestions) update in place.
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    if (!link.closest("#resultats, #facettes") || link.hasAttribute("download")) return;
    const target = new URL(link.href, window.location.href);
    if (target.origin !== window.location.origin || target.pathname !== window.location.pathname) return;
    event.preventDefault();
    update(target.href, { focusResults: link.closest(".pagination") !== null });
  });

  window.addEventListener("popstate", () => update(window.location.href, { push: false }));
})();
