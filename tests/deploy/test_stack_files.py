"""The production stack files, checked without a Docker engine: what `docker compose up` runs."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def command(service) -> str:
    value = service.get("command", "")
    return " ".join(value) if isinstance(value, list) else value


def test_compose_has_the_five_services(compose):
    assert set(compose["services"]) == {"web", "worker", "beat", "redis", "postgres"}


def test_processes_are_gunicorn_celery_worker_and_beat(compose):
    services = compose["services"]
    assert command(services["web"]).startswith("gunicorn commentapp.wsgi")
    assert command(services["worker"]).startswith("celery -A commentapp worker")
    assert command(services["beat"]).startswith("celery -A commentapp beat")
    for name in ("web", "worker", "beat"):
        assert services[name]["environment"]["DJANGO_SETTINGS_MODULE"] == (
            "commentapp.settings.production"
        )
        assert services[name]["build"] == "."


def test_data_services_pin_versions_and_have_health_checks(compose):
    services = compose["services"]
    assert services["postgres"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]
    assert "postgres-data" in compose["volumes"]


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_app_services_wait_for_healthy_data_services(compose, name):
    depends = compose["services"][name]["depends_on"]
    for service in ("postgres", "redis"):
        assert depends[service] == {"condition": "service_healthy"}


def test_only_web_migrates_and_the_others_wait_for_it(compose):
    services = compose["services"]
    assert services["web"]["environment"]["RUN_MIGRATIONS"] == "1"
    assert "healthcheck" in services["web"]
    for name in ("worker", "beat"):
        assert "RUN_MIGRATIONS" not in services[name].get("environment", {})
        assert services[name]["depends_on"]["web"] == {"condition": "service_healthy"}


def test_dockerfile_runs_as_a_non_root_user_and_collects_static():
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.13-slim", text, re.M)
    assert "pip install -r requirements.txt" in text
    assert "collectstatic" in text
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and users[-1] not in {"root", "0"}
    assert 'ENTRYPOINT ["/app/scripts/docker-entrypoint"]' in text


def test_entrypoint_migrates_collects_static_and_execs_the_command():
    path = ROOT / "scripts" / "docker-entrypoint"
    text = path.read_text()
    assert path.stat().st_mode & 0o111, "entrypoint must be executable"
    assert "migrate --noinput" in text and "collectstatic --noinput" in text
    assert text.rstrip().endswith('exec "$@"')


def test_env_example_names_every_setting_production_reads():
    text = (ROOT / ".env.example").read_text()
    names = set(re.findall(r"^([A-Z_]+)=", text, re.M))
    for required in (
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "EMAIL_URL",
        "SITE_URL",
        "TRUSTED_PROXY_COUNT",
        "POSTGRES_PASSWORD",
    ):
        assert required in names
    settings_text = (ROOT / "commentapp" / "settings" / "production.py").read_text()
    for read in re.findall(r'env(?:\.\w+)?\("([A-Z_]+)"', settings_text):
        assert read in names or read.startswith("DJANGO_HSTS") or read == "DJANGO_CONN_MAX_AGE", (
            f"{read} is read by production settings but missing from .env.example"
        )
