"""Smoke test for `STACK_SMOKE=1 make stack`: the running production stack, over real HTTP.

GET the demo article, post a comment like a browser (session and CSRF cookies, the form's
signed timestamp), follow the redirect, then wait until the Celery worker has classified it.
Cookies are handled by hand: production marks them Secure, which a cookie jar would withhold
on plain http://127.0.0.1.
"""

import html
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

SLUG = "counting-the-value-of-street-trees"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)
cookies: dict[str, str] = {}


def request(url, data=None, headers=None):
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        # The URL is the loopback address scripts/stack passes in, always http.
        req = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310
        response = opener.open(req, timeout=20)
    except urllib.error.HTTPError as error:  # 3xx/4xx arrive here with NoRedirect
        response = error
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return response.status, response.headers, response.read().decode("utf-8", "replace")


def field(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page) or re.search(
        rf'value="([^"]*)" name="{name}"', page
    )
    if not match:
        raise SystemExit(f"no {name} field on the article page")
    return html.unescape(match.group(1))


def main(base: str) -> int:
    status, _, page = request(f"{base}/articles/{SLUG}/")
    assert status == 200, f"article page answered {status}"
    assert 'class="comment-thread' in page, "no comment thread on the article page"
    print(f"GET article page: {status}, {len(page):,} bytes")
    status, _, _ = request(f"{base}/static/js/thread.js")
    assert status == 200, f"static file (whitenoise, manifest) answered {status}"

    time.sleep(float(os.environ.get("COMMENTS_MIN_SUBMIT_SECONDS", "3")) + 0.5)
    body = f"Smoke test at {time.time():.0f}: the shade map for the east side is useful."
    status, headers, _ = request(
        f"{base}/articles/{SLUG}/comments/post/",
        data={
            "csrfmiddlewaretoken": field(page, "csrfmiddlewaretoken"),
            "started": field(page, "started"),
            "name": "Stack Smoke",
            "email": "smoke@example.org",
            "body": body,
            "website": "",
        },
        headers={"Referer": f"{base}/articles/{SLUG}/"},
    )
    assert status == 302, f"posting answered {status}, expected a redirect"
    location = headers["Location"]
    match = re.search(r"#comment-(\d+)$", location)
    assert match, f"redirect without a comment anchor: {location}"
    comment_id = int(match.group(1))
    print(f"POST comment: 302 -> {location}")

    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from commentapp.comments.models import Comment

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        comment = Comment.objects.get(pk=comment_id)
        if comment.status != Comment.Status.PENDING:
            print(
                f"worker classified comment {comment_id}: {comment.status} "
                f"(score {comment.spam_score})"
            )
            status, _, page = request(urllib.parse.urljoin(base, location))
            assert status == 200, f"page after posting answered {status}"
            assert f'id="comment-{comment_id}"' in page, "own comment missing for its poster"
            print("the poster sees their comment on the page")
            return 0
        time.sleep(0.5)
    print(f"comment {comment_id} still pending after 60 s: is the worker consuming?")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/")))
