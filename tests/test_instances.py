"""Two gunicorn instances on one PostgreSQL database and one Redis: nothing is kept per instance.

An edit saved through one instance shows at once through the other, even on a page the other had cached;
the API's rate limit counts the requests of both; a session opened on one is valid on the other. The
instances run the production settings (DEBUG off) against the test database, so the data they read
must be committed: these tests use `transactional_db`.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from rest_framework.authtoken.models import Token

from tests.factories import CaseFactory

ROOT = Path(__file__).resolve().parent.parent
# One Redis database per test worker (pytest-xdist's gw0, gw1…): parallel runs never share counts.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_URL = os.environ.get("INSTANCES_TEST_REDIS_URL", f"redis://127.0.0.1:6379/{6 + _WORKER % 10}")
ANON_RATE = 6
# Ports of their own too: two workers probing the same free port at once would start on one.
PORTS = range(8201 + 10 * (_WORKER % 10), 8211 + 10 * (_WORKER % 10))

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str
    cookies: dict[str, str] = field(default_factory=dict)


@dataclass
class Instance:
    port: int
    process: subprocess.Popen
    log: Path

    def request(self, method: str, path: str, *, body: str = "", headers: dict | None = None, cookies=None) -> Response:
        connection = HTTPConnection("127.0.0.1", self.port, timeout=20)
        headers = dict(headers or {})
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        try:
            connection.request(method, path, body=body.encode(), headers=headers)
            answer = connection.getresponse()
            set_cookies = answer.headers.get_all("Set-Cookie") or []
            return Response(
                status=answer.status,
                headers={name.lower(): value for name, value in answer.getheaders()},
                body=answer.read().decode(),
                cookies=dict(re.match(r"([^=]+)=([^;]*)", cookie).groups() for cookie in set_cookies),
            )
        finally:
            connection.close()

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)


def _redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis does not answer at {REDIS_URL}: {error}")
    return client


def _free_ports(count: int) -> list[int]:
    free = []
    for port in [*PORTS, *[0] * count]:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            free.append(probe.getsockname()[1])
        if len(free) == count:
            return free
    raise RuntimeError("no free port")


def _database_url() -> str:
    database = settings.DATABASES["default"]
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database.get("PASSWORD") else "")
    return f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


def _wait_until_serving(instance: Instance, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if instance.process.poll() is not None:
            log = instance.log.read_text()[-3000:]
            raise RuntimeError(f"gunicorn on port {instance.port} exited with {instance.process.returncode}:\n{log}")
        try:
            instance.get("/api/v1/")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {instance.port} within {timeout:.0f} s")


@pytest.fixture(scope="module")
def instances(request, django_db_setup, tmp_path_factory):
    """Instances A and B: the production settings, the test database, one Redis database."""
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("needs PostgreSQL: the instances must share a database server with the test")
    _redis()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.instance_settings",
        "INSTANCES_STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "DATABASE_URL": _database_url(),
        "CONN_MAX_AGE": "0",
        "CACHE_URL": REDIS_URL,
        "PUBLIC_CACHE_SECONDS": "60",
        "API_THROTTLE_ANON": f"{ANON_RATE}/minute",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
    }
    # DEBUG off serves the hashed static files of a manifest.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    gunicorn = Path(sys.executable).parent / "gunicorn"
    started = []
    for port in _free_ports(2):
        # --preload: the port opens once the app is loaded, so that the first request is not the slow one.
        options = [f"--bind=127.0.0.1:{port}", "--workers=1", "--preload", "--no-control-socket"]
        command = [str(gunicorn), "observatoire.wsgi:application", *options]
        log = tmp_path_factory.mktemp("gunicorn") / f"{port}.log"
        with log.open("w") as output:
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        started.append(Instance(port, process, log))

    def stop() -> None:
        for instance in started:
            instance.process.terminate()
        for instance in started:
            try:
                instance.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                instance.process.kill()
                instance.process.wait()

    request.addfinalizer(stop)
    for instance in started:
        _wait_until_serving(instance)
    return started


@pytest.fixture
def shared_cache(instances):
    """The instances' Redis database, emptied: no page, version or throttle count from another test."""
    client = _redis()
    client.flushdb()
    yield client
    client.flushdb()


def test_an_edit_through_one_instance_shows_at_once_through_the_other(instances, shared_cache, curator):
    a, b = instances
    case = CaseFactory(title="Alliance fictive des jardins partagés")
    token = Token.objects.create(user=curator)
    pages = [f"/cas/{case.slug}/", "/cas/", f"/api/v1/cases/{case.slug}/"]
    for page in pages:
        assert "jardins partagés" in b.get(page).body
    assert b.get("/cas/").headers.get("x-public-cache") == "hit"
    assert b.get(f"/api/v1/cases/{case.slug}/").headers.get("x-public-cache") == "hit"

    edit = a.request(
        "PATCH",
        f"/api/v1/cases/{case.slug}/",
        body='{"title": "Alliance fictive des vergers partagés"}',
        headers={"Authorization": f"Token {token.key}", "Content-Type": "application/json"},
    )

    assert edit.status == 200, edit.body
    for page in pages:
        body = b.get(page).body
        assert "vergers partagés" in body
        assert "jardins partagés" not in body


def test_the_api_rate_limit_counts_the_requests_of_both_instances(instances, shared_cache):
    a, b = instances
    # Distinct URLs: a page served from the cache never reaches the throttle.
    statuses = [
        (a if number % 2 else b).get(f"/api/v1/cases/?{urlencode({'page_size': number})}").status
        for number in range(1, ANON_RATE + 3)
    ]

    assert statuses == [200] * ANON_RATE + [429, 429]


def test_a_session_opened_on_one_instance_is_valid_on_the_other(instances, shared_cache, curator):
    a, b = instances
    # The instances check passwords with the production hashers, not the test settings' fast one.
    hasher = PBKDF2PasswordHasher()
    curator.password = hasher.encode("curatrice-2026", hasher.salt(), iterations=1000)
    curator.save(update_fields=["password"])
    form = a.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1)

    login = a.request(
        "POST",
        "/admin/login/?next=/admin/",
        body=urlencode({"csrfmiddlewaretoken": token, "username": "claire", "password": "curatrice-2026"}),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        cookies=form.cookies,
    )

    assert login.status == 302, login.body
    assert "sessionid" in login.cookies
    admin_on_b = b.get("/admin/", cookies={"sessionid": login.cookies["sessionid"]})
    assert admin_on_b.status == 200
    assert "claire" in admin_on_b.body
    assert b.get("/admin/").status == 302  # and without the session, the admin asks to log in
