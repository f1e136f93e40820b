"""Task 7: the review queue used as a moderator uses it, in a real headless Chromium.

The app runs under uvicorn in a background thread, on a free port of this machine
only; Playwright drives Debian's Chromium (never a downloaded browser). Without
Chromium the test is skipped, and the skip says how to install it.
"""

import socket
import threading
import time
from pathlib import Path

import pytest
from test_store import AT, queued

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags, Chromium waits for services it cannot
# reach on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCALHOST = "127.0.0.1"
STARTUP_SECONDS = 10.0
ANSWER_MS = 5_000  # how long the page may take to show an answer


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module, or a skip that says how to get it."""
    if not CHROMIUM.is_file():
        pytest.skip(
            f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium` "
            "(Debian or Ubuntu) to run the browser test of Task 7"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed: `pip install playwright` (no browser download)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live(tmp_path):
    """Serve the dashboard over a store with five posts waiting, with uvicorn in a thread."""
    import uvicorn

    from moderation.app import create_app
    from moderation.store import DecisionStore

    store = DecisionStore(tmp_path / "decisions.sqlite")
    queued(store)
    app = create_app(store, clock=lambda: AT)
    listener = socket.socket()
    listener.bind((LOCALHOST, 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the test server did not start (this is not your code's fault)"
    yield f"http://{LOCALHOST}:{port}", store
    server.should_exit = True
    thread.join(STARTUP_SECONDS)
    listener.close()
    store.close()


@pytest.mark.task(7)
def test_a_moderator_works_through_the_queue(browser, live):
    from playwright.sync_api import expect

    url, store = live
    page = browser.new_page()
    page.set_default_timeout(ANSWER_MS)
    page.goto(url)
    rows = page.locator("tr[data-post]")
    expect(rows, "Task 7: the page lists the five posts waiting").to_have_count(5)
    expect(rows.first, "Task 7: the likeliest harm first").to_contain_text("text of c")
    status = page.get_by_role("status", include_hidden=True)
    alert = page.get_by_role("alert", include_hidden=True)

    rows.first.get_by_role("button", name="Remove").click()
    expect(alert, "Task 7: a verdict without a name shows the API's reason").not_to_be_empty()
    expect(rows, "Task 7: ... and the post stays in the queue").to_have_count(5)

    page.get_by_label("Your name").fill("Ada")
    rows.first.get_by_role("button", name="Remove").click()
    expect(status, "Task 7: the status says who did what").to_contain_text("c: remove by Ada")
    expect(alert, "Task 7: a success clears the last error").to_have_text("")
    expect(rows, "Task 7: the reviewed post leaves the page").to_have_count(4)
    page.locator('tr[data-post="a"]').get_by_role("button", name="Approve").click()
    expect(rows).to_have_count(3)

    page.reload()
    expect(rows, "Task 7: after a reload, the reviewed posts are still gone").to_have_count(3)
    labels = [(x["post_id"], x["label"], x["reviewer"]) for x in store.labels()]
    assert labels == [("c", 1, "Ada"), ("a", 0, "Ada")], (
        f"Task 7: the verdicts are stored as labels, in order: got {labels}"
    )
    page.close()
