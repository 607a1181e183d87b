"""Production settings as deployed: `check --deploy` passes, responses carry the security headers
and pages work under the Content-Security-Policy (no inline script or style to block).

The production settings module is loaded in a subprocess (settings cannot be swapped inside
this test process), with the environment variables the README documents.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "commentapp.settings.production",
    "DJANGO_SECRET_KEY": "test-deploy-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP",
    "DJANGO_ALLOWED_HOSTS": "comments.example.com",
    "DATABASE_URL": "sqlite:///:memory:",
    "REDIS_URL": "redis://127.0.0.1:1/0",  # nothing listens: the cache must degrade quietly
    "PYTHONPATH": str(BASE_DIR),
}

# Runs inside the subprocess: build the static manifest in a temporary STATIC_ROOT, create the
# schema and an article, then report what a browser would receive.
PROBE = r"""
import json, re, sys, tempfile
import django
django.setup()
from django.core.management import call_command
from django.test import Client, override_settings

static_root = tempfile.mkdtemp()
with override_settings(STATIC_ROOT=static_root):
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    from tests.factories import ArticleFactory, CommentFactory
    article = ArticleFactory(slug="trees")
    CommentFactory(article=article)
    client = Client(HTTP_HOST="comments.example.com")
    out = {}
    for url in ["/", "/articles/trees/", "/accounts/login/", "/admin/login/"]:
        r = client.get(url, secure=True)
        html = r.content.decode()
        out[url] = {
            "status": r.status_code,
            "headers": dict(r.headers),
            "inline_scripts": len(re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)),
            "inline_styles": len(re.findall(r"<style\b|\sstyle=\"", html)),
            "nonce_ok": all(
                ('nonce="' in tag) for tag in re.findall(r"<script[^>]*>", html)
            ) if "'nonce-" in r.headers.get("Content-Security-Policy", "") else None,
        }
    plain = client.get("/", secure=False)
    out["http"] = {"status": plain.status_code, "location": plain.headers.get("Location", "")}
    login = client.get("/accounts/login/", secure=True)
    out["cookies"] = {k: dict(v.items()) for k, v in login.cookies.items()}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def production():
    env = {**os.environ, **PRODUCTION_ENV}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=BASE_DIR, env=env, capture_output=True, text=True,
        timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_passes_with_the_documented_environment():
    env = {**os.environ, **PRODUCTION_ENV}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("url", ["/", "/articles/trees/", "/accounts/login/", "/admin/login/"])
def test_pages_carry_the_security_headers_and_work_under_csp(production, url):
    page = production[url]
    headers = {k.lower(): v for k, v in page["headers"].items()}
    assert page["status"] == 200
    assert headers["strict-transport-security"].startswith("max-age=31536000")
    assert "includeSubDomains" in headers["strict-transport-security"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-content-type-options"] == "nosniff"
    csp = headers["content-security-policy"]  # enforced, not report-only
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert page["inline_styles"] == 0, "inline style would be blocked by the CSP"
    if url != "/admin/login/":  # Django's admin templates are Django's business
        assert page["inline_scripts"] == 0 or page["nonce_ok"], "inline script without nonce"


def test_plain_http_is_redirected_to_https(production):
    assert production["http"]["status"] == 301
    assert production["http"]["location"].startswith("https://comments.example.com/")


def test_cookies_are_secure_and_csrf_cookie_not_readable_cross_site(production):
    for name, attrs in production["cookies"].items():
        assert attrs["secure"], name
        assert attrs["samesite"].lower() in {"lax", "strict"}, name
