// Comment thread enhancements. The page works without this file: "Load more comments" is a
// plain link to the next page and every reply is shown. With it, the next page's conversations
// are fetched and appended in place, and a permalink inside a collapsed sub-thread opens it.
(function () {
  "use strict";

  function openAncestors(element) {
    for (let node = element; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }

  function revealTarget() {
    if (!location.hash.startsWith("#comment-")) return;
    const target = document.getElementById(location.hash.slice(1));
    if (target) openAncestors(target);
  }

  async function loadMore(link) {
    const section = link.closest(".thread-page");
    const list = section && section.querySelector("ol.comment-thread");
    if (!list || link.getAttribute("aria-busy") === "true") return false;
    link.setAttribute("aria-busy", "true");
    link.textContent = "Loading…";
    try {
      const response = await fetch(link.dataset.fragmentUrl, {
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error("HTTP " + response.status);
      const page = new DOMParser()
        .parseFromString(await response.text(), "text/html")
        .querySelector(".thread-page");
      const items = page ? page.querySelectorAll("ol.comment-thread > li") : [];
      let first = null;
      items.forEach(function (item) {
        if (document.getElementById(item.id)) return; // already on the page (e.g. own comment)
        const adopted = document.importNode(item, true);
        list.appendChild(adopted);
        first = first || adopted;
      });
      const oldPager = link.closest(".thread-pager");
      const newPager = page && page.querySelector(".thread-pager");
      if (newPager) {
        const adopted = document.importNode(newPager, true);
        const progress = adopted.querySelector(".thread-progress");
        if (progress) {
          progress.textContent =
            "Showing " + adopted.dataset.shown + " of " + adopted.dataset.total + " conversations";
        }
        oldPager.replaceWith(adopted);
      } else {
        oldPager.remove();
      }
      if (first) {
        // Keyboard and screen-reader users land on the first new comment.
        first.setAttribute("tabindex", "-1");
        first.focus({ preventScroll: false });
      }
      return true;
    } catch (error) {
      // Fall back to the plain link: the next page as a whole page.
      return false;
    }
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest("a.load-more[data-fragment-url]");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    loadMore(link).then(function (done) {
      if (!done) window.location.assign(link.href);
    });
  });

  window.addEventListener("hashchange", revealTarget);
  revealTarget();
})();
