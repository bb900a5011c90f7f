"""Playwright driving Debian's Chromium (never a browser downloaded by a test tool)."""

import shutil

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread, _MediaFilesHandler

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class SerialWSGIServer(WSGIServer):
    """The live server answers one request at a time.

    On the in-memory SQLite test database every request thread shares the test's one connection, and two
    requests at once (a page and the script's fetch) make SQLite fail with "bad parameter or other API
    misuse". Django closes each response's connection when the server is not threaded, so the browser
    simply queues its requests.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override


LiveServerThread.server_class = SerialWSGIServer

# Django's live server serves MEDIA_URL straight from MEDIA_ROOT, around the application. In production no
# address serves the storage as such: every file goes through the view that checks its case's status.
_MediaFilesHandler._should_handle = lambda self, path: False


def _chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it.")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page whose console errors and failed requests fail the test."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.console_errors = errors
    yield page
    context.close()
    assert errors == [], f"console errors: {errors}"


def log_in(page, username: str, password: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
