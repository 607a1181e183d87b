"""Hostile comments rendered in a real browser: no script runs, no CSP violation.

Every payload of ../shared/data/xss (plus the classic mutation-XSS cases) is stored through the
sanitizer as an APPROVED comment and the article page is opened in Chromium. An init script
(injected by the browser driver, outside the page's CSP) turns alert/prompt/confirm into a
counter and records CSP violations, so a payload that executes or an asset the CSP blocks both
show up. Then the DOM of every comment body is checked against the safelist.
"""

import pytest

from commentapp.comments.models import Comment
from tests.comments.test_sanitizer import _payloads
from tests.factories import ArticleFactory, CommentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRAPS = """
window.__xss = 0;
window.__csp = [];
for (const name of ["alert", "prompt", "confirm", "print"]) {
  window[name] = () => { window.__xss += 1; };
}
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""

# Anything in a rendered comment body outside the sanitizer's safelist.
DOM_AUDIT = """
() => {
  const allowed = new Set(["P","BR","A","EM","STRONG","CODE","PRE","BLOCKQUOTE","UL","OL","LI"]);
  const problems = [];
  const bodies = document.querySelectorAll(".comment-body");
  for (const body of bodies) {
    for (const el of body.querySelectorAll("*")) {
      if (!allowed.has(el.tagName)) problems.push("tag " + el.tagName);
      for (const attr of el.attributes) {
        if (el.tagName === "A" && ["href", "title", "rel"].includes(attr.name)) continue;
        problems.push(`attribute ${attr.name} on ${el.tagName}`);
      }
      if (el.tagName === "A" && el.hasAttribute("href")) {
        const protocol = new URL(el.getAttribute("href"), location.href).protocol;
        if (!["http:", "https:", "mailto:"].includes(protocol)) problems.push("href " + protocol);
      }
    }
  }
  return {count: bodies.length, problems};
}
"""


def test_hostile_comments_run_no_script_in_chromium(new_page, settings):
    settings.COMMENTS_THREADS_PER_PAGE = 1000  # every payload on one page
    payloads = _payloads()
    article = ArticleFactory(slug="hostile")
    for n, payload in enumerate(payloads):
        CommentFactory(
            article=article, body=payload, name=f"Tester {n}", status=Comment.Status.APPROVED
        )
    page = new_page()
    page.add_init_script(TRAPS)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: dialogs.append(f"page error: {error}"))

    page.goto(article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    # Hover and focus everything in the thread: on* handlers that need a person would fire.
    for element in page.query_selector_all(".comment-body *")[:400]:
        element.dispatch_event("mouseover")
        element.dispatch_event("focus")

    assert page.evaluate("window.__xss") == 0
    assert dialogs == []
    assert page.evaluate("window.__csp") == []  # no inline code tried, no own asset blocked
    audit = page.evaluate(DOM_AUDIT)
    assert audit["count"] >= len(payloads) - 5, audit["count"]  # all shown (some sanitize empty)
    assert audit["problems"] == []
    csp = page.request.get(article.get_absolute_url()).headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
