"""Task 7: the dashboard used as a person uses it, in a real headless Chromium.

The app runs under uvicorn in a background thread, on a free port of this machine
only; Playwright drives Debian's Chromium (never a downloaded browser). Without
Chromium the test is skipped, and the skip says how to install it.
"""

import socket
import threading
import time
from pathlib import Path

import pytest
from incidents import AT, MARGIN, incident

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
def live_url(tmp_path, readings):
    """Serve the dashboard over a store of three incidents with uvicorn in a thread."""
    import uvicorn

    from monitoring.app import create_app
    from monitoring.store import IncidentStore

    store = IncidentStore(tmp_path / "incidents.sqlite")
    store.save([incident(1, 0), incident(2, 200, severity="critical"), incident(3, 300)])
    app = create_app(store, readings, plot_margin=MARGIN, clock=lambda: AT)
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
    yield f"http://{LOCALHOST}:{port}"
    server.should_exit = True
    thread.join(STARTUP_SECONDS)
    listener.close()
    store.close()


@pytest.mark.task(7)
def test_a_person_opens_an_incident_and_acknowledges_it(browser, live_url):
    from playwright.sync_api import expect

    page = browser.new_page()
    page.set_default_timeout(ANSWER_MS)
    page.goto(live_url)
    page.get_by_role("link", name="#2").click()
    expect(page, "Task 7: the link of incident 2 leads to its page").to_have_url(
        f"{live_url}/incidents/2"
    )
    expect(page.locator("svg").first, "Task 7: the page shows the plot").to_be_visible()
    status = page.get_by_role("status", include_hidden=True)
    alert = page.get_by_role("alert", include_hidden=True)

    page.get_by_role("button", name="Acknowledge").click()
    expect(alert, "Task 7: acknowledging without a name shows the API's reason").not_to_be_empty()
    expect(status, "Task 7: ... and no acknowledgement").to_have_text("")

    page.get_by_label("Your name").fill("Ada")
    page.get_by_label("Note").fill("sensor re-seated")
    page.get_by_role("button", name="Acknowledge").click()
    expect(status, "Task 7: the status shows who acknowledged it").to_contain_text(
        "Acknowledged by Ada"
    )
    expect(alert, "Task 7: a success clears the last error").to_have_text("")

    page.reload()
    expect(status, "Task 7: after a reload, the acknowledgement is still there").to_contain_text(
        "Acknowledged by Ada"
    )
    expect(page.get_by_role("button", name="Acknowledge")).to_be_disabled()
    page.goto(live_url)
    expect(page.get_by_role("row").filter(has_text="#2")).to_contain_text("Acknowledged by Ada")
    page.close()
