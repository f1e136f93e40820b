"""Task 7: the page, read as HTML, then used as a person uses it, in a real headless Chromium.

The app runs under uvicorn in a background thread, on a free port of this
machine only; Playwright drives Debian's Chromium (never a downloaded browser).
Without Chromium the test is skipped, and the skip says how to install it.
"""

import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session, or a skip that says how to get it."""
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


@pytest.mark.task(7)
def test_the_page_holds_its_controls_and_a_script():
    from sentiment.page import index_page

    limit = 1234
    page = index_page(limit)
    lower = page.lower()
    parts = {
        "a <label>": "<label" in lower,
        "a <textarea>": "<textarea" in lower,
        "a <button>": "<button" in lower,
        'an element with role="status"': 'role="status"' in lower,
        'an element with role="alert"': 'role="alert"' in lower,
        f"the limit, {limit} characters": str(limit) in page,
        "a script that calls fetch(": "fetch(" in page,
    }
    missing = [name for name, found in parts.items() if not found]
    assert not missing, f"Task 7: index_page({limit}) should hold {', '.join(missing)}"


@pytest.fixture
def live_url(keyword_model):
    """Serve create_app(stand-in model) with uvicorn in a thread; yield its address."""
    import uvicorn

    from sentiment.app import create_app

    listener = socket.socket()
    listener.bind((LOCALHOST, 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(keyword_model), log_level="warning"))
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


def api_reason(url: str, texts: list[str]) -> str:
    """The `msg` of the first problem the API reports for these texts."""
    request = urllib.request.Request(
        f"{url}/predict",
        data=json.dumps({"texts": texts}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as refusal:
        urllib.request.urlopen(request, timeout=STARTUP_SECONDS)
    return json.load(refusal.value)["detail"][0]["msg"]


@pytest.mark.task(7)
def test_a_person_types_a_review_and_reads_the_verdict(browser, live_url):
    from playwright.sync_api import expect

    page = browser.new_page()
    page.set_default_timeout(ANSWER_MS)
    page.goto(live_url)
    box, button = page.get_by_role("textbox"), page.get_by_role("button")
    status = page.get_by_role("status", include_hidden=True)
    alert = page.get_by_role("alert", include_hidden=True)
    expect(
        box, "Task 7: the text box needs a <label>, its accessible name"
    ).to_have_accessible_name(re.compile(r"\w"))

    box.fill("I love this tea 😍")
    button.click()
    expect(status, "Task 7: after a click, the status should show the label").to_contain_text(
        "great"
    )
    expect(status, "Task 7: ... and its probability as a percentage").to_contain_text("90%")

    box.fill("   ")
    button.click()
    reason = api_reason(live_url, ["   "])
    expect(alert, "Task 7: a refused text should show the API's reason").to_contain_text(reason)
    expect(status, "Task 7: an error should clear the last verdict").to_have_text("")

    box.fill("Meh. Arrived stale.")
    button.click()
    expect(status, "Task 7: the status should show the new verdict").to_contain_text("other")
    expect(status, "Task 7: ... and its probability as a percentage").to_contain_text("80%")
    expect(alert, "Task 7: a verdict should clear the last error").to_have_text("")
    page.close()
