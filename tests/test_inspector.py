"""The inspector page in a real headless Chromium (Debian's, driven by Playwright): sign in, pick a
user, read the timeline with superseded facts and the as-of slider, search with explanations, open a
history, delete with confirmation, export. Screenshots are kept under tests/artifacts/."""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from agent_memory import Memory
from agent_memory.testing import HashEmbedder

from .serving import ADMIN, ALICE_READER, serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]
# the browser logs each refused request (the tests provoke a 401 and a 403 on purpose)
EXPECTED = re.compile(r"Failed to load resource: the server responded with a status of 40[13]")
T0 = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="needs Debian's chromium (.ci/run installs it: apt-get install chromium)")


@pytest.fixture
def site(tmp_path):
    mem = Memory(path=tmp_path / "store", embedder=HashEmbedder(64))
    old = mem.remember("Alice lives in Paris", user_id="alice", attribute="location", category="identity",
                       observed_at=T0)
    new = mem.remember("Alice lives in Berlin", user_id="alice", attribute="location", category="identity",
                       observed_at=T0 + timedelta(days=120))
    mem.remember("Alice prefers green tea", user_id="alice", category="preference", observed_at=T0 + timedelta(days=10))
    mem.add(["We talked about the trip to Lisbon", "She booked the flight"], user_id="alice", infer=False,
            observed_at=T0 + timedelta(days=60))
    mem.remember("Bob's secret is 42", user_id="bob")
    with serving(mem) as url:
        yield mem, url, old, new
    mem.close()


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" and not EXPECTED.search(msg.text)
              else None)
        yield pg
        browser.close()
    assert errors == [], errors  # no script errors, no CSP violations


def sign_in(page, url: str, key: str) -> None:
    page.goto(url + "/")
    page.fill("#key", key)
    page.click("#signin-btn")
    page.wait_for_selector("#app:not([hidden])")


def test_admin_signs_in_reads_the_timeline_searches_opens_history_and_deletes(site, page, tmp_path):
    mem, url, old, new = site
    page.goto(url + "/")
    page.fill("#key", "not-a-valid-key-000000")
    page.click("#signin-btn")
    page.wait_for_selector("#signin-error:not([hidden])")
    assert "PermissionDeniedError" in page.text_content("#signin-error")

    sign_in(page, url, ADMIN)
    assert page.text_content("#who-text").startswith("admin")
    page.wait_for_function("document.querySelectorAll('#user option').length > 0")  # filled by a request
    assert page.eval_on_selector_all("#user option", "os => os.map(o => o.value)") == ["alice", "bob"]
    page.wait_for_selector(f'.row[data-id="{old.id}"]')
    kinds = page.eval_on_selector_all(".group", "gs => gs.map(g => g.dataset.kind)")
    assert kinds == ["profile", "episodic"]
    assert "superseded" in page.text_content(f'.row[data-id="{old.id}"]')
    assert "Bob" not in page.text_content("#groups")
    page.screenshot(path=str(ARTIFACTS / "inspector-timeline.png"), full_page=True)

    # as_of slider: early on, Paris was true and Berlin was not yet
    page.fill("#asof", "60")
    page.dispatch_event("#asof", "input")
    assert "inactive" not in page.get_attribute(f'.row[data-id="{old.id}"]', "class")
    assert "inactive" in page.get_attribute(f'.row[data-id="{new.id}"]', "class")
    page.screenshot(path=str(ARTIFACTS / "inspector-as-of.png"), full_page=True)
    page.fill("#asof", "1000")
    page.dispatch_event("#asof", "input")
    assert "inactive" in page.get_attribute(f'.row[data-id="{old.id}"]', "class")

    page.fill("#search-input", "where does Alice live")
    page.click("#search-btn")
    page.wait_for_selector("#results:not([hidden]) .hit")
    hits = page.eval_on_selector_all("#hits .hit .content", "cs => cs.map(c => c.textContent)")
    assert "Alice lives in Berlin" in hits and "Bob's secret is 42" not in hits
    assert "dense_rank" in page.text_content("#hits .explain")
    page.screenshot(path=str(ARTIFACTS / "inspector-search.png"), full_page=True)

    page.click(f'.row[data-id="{old.id}"] .history-btn')
    page.wait_for_selector("#history:not([hidden]) tr[data-event]")
    events = page.eval_on_selector_all("#history-rows tr", "rs => rs.map(r => r.dataset.event)")
    assert events[0] == "ADD" and "SUPERSEDE" in events
    page.screenshot(path=str(ARTIFACTS / "inspector-history.png"), full_page=True)

    with page.expect_download() as download:
        page.click("#export-btn")
    exported = Path(download.value.path()).read_text().splitlines()
    assert len(exported) == mem.stats(user_id="alice")["total"]

    tea = next(m for m in mem.list(user_id="alice") if "tea" in m.content)
    page.click(f'.row[data-id="{tea.id}"] .delete-btn')
    page.wait_for_selector("#confirm:not([hidden])")
    assert page.text_content("#confirm-text") == "Alice prefers green tea"
    page.screenshot(path=str(ARTIFACTS / "inspector-confirm-delete.png"))
    page.click("#confirm-cancel")  # cancelling deletes nothing
    assert mem.get(tea.id).content == "Alice prefers green tea"
    page.click(f'.row[data-id="{tea.id}"] .delete-btn')
    page.click("#confirm-delete")
    page.wait_for_selector(f'.row[data-id="{tea.id}"]', state="detached")
    assert all("tea" not in m.content for m in mem.list(user_id="alice"))


def test_a_bound_key_sees_only_its_own_scope(site, page):
    mem, url, _, _ = site
    sign_in(page, url, ALICE_READER)
    page.wait_for_selector(".row")
    assert page.is_hidden("#user-pick") and page.text_content("#scope-label") == "scope: alice"
    assert "Bob" not in page.text_content("#groups")
    page.fill("#search-input", "secret")
    page.click("#search-btn")
    page.wait_for_selector("#results:not([hidden])")
    assert "42" not in page.text_content("#hits")
    tea = next(m for m in mem.list(user_id="alice") if "tea" in m.content)
    page.click(f'.row[data-id="{tea.id}"] .delete-btn')
    page.click("#confirm-delete")  # a reader may not delete: the page says so, the memory stays
    page.wait_for_selector("#app-error:not([hidden])")
    assert "PermissionDeniedError" in page.text_content("#app-error")
    assert mem.get(tea.id).content == "Alice prefers green tea"
    page.screenshot(path=str(ARTIFACTS / "inspector-reader.png"), full_page=True)
