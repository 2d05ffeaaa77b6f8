"""The view pages in a real browser: headless Chromium, driven over the DevTools protocol.

For every page: nothing requested from the network, no console errors, nodes drawn; debate
text with XSS payloads shows as text in tooltips and the details panel; search and filters
work. `Chromium` is a tiny DevTools client (websocket-client); bench/html_views.py uses it too.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import XSS

from argkg.graph import ids
from argkg.graph.model import new_graph
from argkg.graph.views import build_views, render_views

CHROMIUM = shutil.which("chromium") or shutil.which("/usr/bin/chromium")
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")
READY = "document.body && document.body.getAttribute('data-argkg-ready')"


class Chromium:
    """One headless Chromium tab over the DevTools protocol, recording what the page does:
    requests, console messages, exceptions, log entries and dialogs (which it dismisses)."""

    RECORDED = ("Network.requestWillBeSent", "Runtime.consoleAPICalled",
                "Runtime.exceptionThrown", "Log.entryAdded", "Page.javascriptDialogOpening")

    def __init__(self, executable: str, profile: Path, window=(1400, 1000)):
        import websocket  # websocket-client: the `test` extra

        profile.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--remote-debugging-port=0", f"--user-data-dir={profile}",
             "--disable-background-networking", "--disable-component-update",
             "--disable-default-apps", "--disable-sync", "--mute-audio",
             # Any name the page tried to resolve fails: a request would show, but not leave.
             "--host-resolver-rules=MAP * ~NOTFOUND",
             f"--window-size={window[0]},{window[1]}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            port = self._devtools_port(profile / "DevToolsActivePort")
            self.socket = websocket.create_connection(self._page_socket(port), timeout=60,
                                                      suppress_origin=True)
        except BaseException:
            self.process.kill()
            raise
        self.events: list[dict] = []
        self._next_id = 0
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable")

    def _devtools_port(self, port_file: Path, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("chromium exited at start")
            if port_file.exists() and port_file.read_text().strip():
                return int(port_file.read_text().split()[0])
            time.sleep(0.05)
        raise TimeoutError("chromium did not open its DevTools port")

    @staticmethod
    def _page_socket(port: int) -> str:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
            targets = json.load(answer)
        return next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")

    def call(self, method: str, **params) -> dict:
        self._next_id += 1
        sent = self._next_id
        self.socket.send(json.dumps({"id": sent, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == sent:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._record(message)

    def _record(self, message: dict) -> None:
        if message.get("method") in self.RECORDED:
            self.events.append(message)
        if message.get("method") == "Page.javascriptDialogOpening":
            # Answered without waiting: a dialog blocks the page until it is closed.
            self._next_id += 1
            self.socket.send(json.dumps({"id": self._next_id, "method":
                                         "Page.handleJavaScriptDialog",
                                         "params": {"accept": True}}))

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60, interval: float = 0.05):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(interval)
        raise TimeoutError(f"waited {timeout} s for {expression}")

    def open(self, url: str, ready: str = "document.readyState === 'complete'",
             timeout: float = 60):
        """Navigate, forget earlier events, and wait until `ready` is truthy; its value."""
        self.events = []
        self.call("Page.navigate", url=url)
        return self.wait_for(ready, timeout)

    def mouse(self, kind: str, x: float, y: float, **extra) -> None:
        self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, **extra)

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.mouse(kind, x, y, button="left", clickCount=1)

    def requested(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events
                if e["method"] == "Network.requestWillBeSent"]

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries, as text."""
        found = []
        for event in self.events:
            params = event["params"]
            if event["method"] == "Runtime.consoleAPICalled" and params["type"] in (
                    "error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description")))
                                      for a in params["args"]))
            elif event["method"] == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif event["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(params["entry"]["text"])
        return found

    def dialogs(self) -> list[str]:
        return [e["params"]["message"] for e in self.events
                if e["method"] == "Page.javascriptDialogOpening"]

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# --- Fixtures --------------------------------------------------------------------------------

@pytest.fixture
def site(tiny_graph, tmp_path) -> Path:
    for name, content in render_views(tiny_graph).items():
        (tmp_path / name).write_bytes(content)
    return tmp_path


@pytest.fixture
def views(tiny_graph) -> dict:
    return {view.name: view for view in build_views(tiny_graph)}


def open_view(browser: Chromium, site: Path, name: str) -> float:
    return float(browser.open((site / f"{name}.html").as_uri(), READY))


VIEWS = ("thread", "arguments", "actors")


# --- Every page: offline, no errors ------------------------------------------------------------

@pytest.mark.parametrize("name", ["graph", *VIEWS])
def test_page_requests_nothing_and_logs_no_errors(browser, site, name):
    ready = READY if name in VIEWS else "document.readyState === 'complete'"
    browser.open((site / f"{name}.html").as_uri(), ready)
    time.sleep(0.3)  # let late requests or errors show up
    browser.evaluate("1")  # and collect their events
    remote = [url for url in browser.requested() if not url.startswith(LOCAL_SCHEMES)]
    assert remote == []
    assert browser.requested()[0].startswith("file:")
    assert browser.errors() == []
    assert browser.dialogs() == []


@pytest.mark.parametrize("name", VIEWS)
def test_view_draws_all_its_nodes(browser, site, views, name):
    open_view(browser, site, name)
    drawn = browser.evaluate("Number(document.body.getAttribute('data-argkg-drawn'))")
    assert drawn == len(views[name].nodes) > 0
    # And the canvas really has something on it.
    painted = browser.evaluate("""(() => {
        const canvas = document.querySelector('#argkg-network canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
        return painted; })()""")
    assert painted > 500


def test_index_links_every_view(browser, site):
    browser.open((site / "graph.html").as_uri())
    links = browser.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert {f"{name}.html" for name in VIEWS} <= set(links)


# --- Debate text stays text -------------------------------------------------------------------

# Hover a node like a mouse would; return the tooltip and the details panel.
_NODE_ON_SCREEN = """(() => {
    const network = window.argkgView.network, id = %s;
    const rect = document.querySelector('#argkg-network canvas').getBoundingClientRect();
    const at = network.canvasToDOM(network.getPositions([id])[id]);
    return [rect.left + at.x, rect.top + at.y]; })()"""
_READ_TOOLTIP_AND_PANEL = """(() => {
    const tip = document.querySelector('div.vis-tooltip');
    const panel = document.getElementById('argkg-details');
    return {tip: tip ? tip.textContent : null,
            tipVisible: tip ? tip.style.visibility : 'none',
            tipElements: tip ? tip.querySelectorAll('*:not(br)').length : -1,
            panel: panel.textContent, panelNode: panel.getAttribute('data-node'),
            panelTags: [...panel.querySelectorAll('*')].map(e => e.tagName.toLowerCase()),
            images: document.images.length,
            scripts: document.scripts.length}; })()"""


def hover(browser: Chromium, node: str, heading: str) -> dict:
    """Tooltip and panel once both show `node` (the tooltip starts with `heading`)."""
    x, y = browser.evaluate(_NODE_ON_SCREEN % json.dumps(node))
    browser.mouse("mouseMoved", 5, 5)
    browser.mouse("mouseMoved", x, y)
    return browser.wait_for(f"""(() => {{ const seen = {_READ_TOOLTIP_AND_PANEL};
        return seen.tipVisible === 'visible' && seen.panelNode === {json.dumps(node)} &&
               seen.tip.startsWith({json.dumps(heading)}) && seen; }})()""", timeout=10)


def _carrying_payload(view) -> list[dict]:
    def texts(node):
        return [node.get("label") or "", node.get("text") or "", node.get("author") or "",
                *node["facts"]]
    return [node for node in view.nodes if any(XSS in text for text in texts(node))]


@pytest.mark.parametrize("name", VIEWS)
def test_payloads_show_as_text_in_tooltips_and_panel(browser, site, views, name):
    open_view(browser, site, name)
    carriers = _carrying_payload(views[name])
    assert carriers, "the fixture puts payloads in every view"
    for carrier in carriers:
        node = carrier["id"]
        seen = hover(browser, node, carrier["facts"][0])
        assert XSS in seen["tip"] and XSS in seen["panel"], node
        assert seen["tipElements"] == 0, node  # text and line breaks only
        assert set(seen["panelTags"]) <= {"h2", "dl", "dt", "dd", "p"}, node
        assert seen["images"] == 0 and seen["scripts"] == 3, node
    assert browser.dialogs() == [] and browser.errors() == []


def test_details_panel_shows_full_text_author_time_and_source(browser, site):
    open_view(browser, site, "thread")
    c2 = ids.post_id("tiny", "c2")
    x, y = browser.evaluate(_NODE_ON_SCREEN % json.dumps(c2))
    browser.click(x, y)
    rows = browser.wait_for("""(() => {
        const panel = document.getElementById('argkg-details');
        const rows = {};
        panel.querySelectorAll('dt').forEach(dt => rows[dt.textContent] =
                                                     dt.nextElementSibling.textContent);
        return panel.getAttribute('data-node') && rows; })()""")
    assert rows["Author"] == f"Eve {XSS}"
    assert rows["Time"] == "2022-01-09 00:05+01:00"
    assert rows["Source"] == "Tiny debate · tiny.json"
    text = browser.evaluate("document.querySelector('#argkg-details .argkg-text').textContent")
    assert text == f"Unsinn {XSS} sagt Putin."


# --- Search and filters -------------------------------------------------------------------------

def _shown(browser: Chromium) -> int:
    return int(browser.evaluate("document.body.getAttribute('data-argkg-shown')"))


def _type_into(browser: Chromium, selector: str, text: str) -> None:
    browser.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
    browser.call("Input.insertText", text=text)


def test_search_selects_matches(browser, site):
    open_view(browser, site, "thread")
    _type_into(browser, "#argkg-search", "unsinn")
    browser.call("Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter",
                 windowsVirtualKeyCode=13)
    assert browser.wait_for("document.body.getAttribute('data-argkg-matches')") == "1"
    selected = browser.evaluate("window.argkgView.network.getSelectedNodes()")
    assert selected == [ids.post_id("tiny", "c2")]


def test_filters_by_stance_type_author_and_time(browser, site):
    open_view(browser, site, "thread")
    assert _shown(browser) == 3

    def toggle(facet: str, value: str) -> None:
        browser.evaluate(f"document.querySelector('input[data-facet={json.dumps(facet)}]"
                         f"[data-value={json.dumps(value)}]').click()")

    toggle("stance", "attack")  # c1 attacks the article
    assert _shown(browser) == 2
    toggle("stance", "attack")
    toggle("type", "comment")
    assert _shown(browser) == 1
    toggle("type", "comment")
    _type_into(browser, "#argkg-author", "bernd")
    browser.wait_for("document.body.getAttribute('data-argkg-shown') === '1'")
    browser.evaluate("document.getElementById('argkg-reset').click()")
    assert _shown(browser) == 3
    # The time span from halfway: only c2 (posted last) is left.
    browser.evaluate("""(() => { const from = document.getElementById('argkg-from');
        from.value = 900; from.dispatchEvent(new Event('change')); })()""")
    assert _shown(browser) == 1


def test_actor_view_hides_actors_left_without_edges(browser, site):
    open_view(browser, site, "actors")
    total = _shown(browser)
    _type_into(browser, "#argkg-author", "bernd")  # Bernd mentions NATO only
    shown = browser.wait_for(f"document.body.getAttribute('data-argkg-shown') !== '{total}' && "
                             "window.argkgView.nodesView.getIds()")
    assert sorted(shown) == sorted([ids.commenter_id("local", "Bernd B."), ids.actor_id("NATO")])


# --- The checks themselves notice what they look for ---------------------------------------------

def _without_csp(page: str) -> str:
    return re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page, count=1)


def test_control_raw_payload_and_remote_image_are_noticed(browser, site):
    """Without the page's policy, a payload put in raw runs and a remote image is requested:
    the checks above would see both."""
    page = (site / "thread.html").read_text(encoding="utf-8")
    unsafe = _without_csp(page).replace(
        "<body", '<img src="http://example.invalid/x.png">' + XSS + "<body", 1)
    (site / "unsafe.html").write_text(unsafe, encoding="utf-8")
    browser.open((site / "unsafe.html").as_uri(), READY)
    browser.wait_for("true")
    assert browser.dialogs()
    assert any(url.startswith("http://example.invalid") for url in browser.requested())


def test_policy_blocks_even_a_raw_payload(browser, site):
    """Defence in depth: with the policy, markup that slipped through could not run or load."""
    page = (site / "thread.html").read_text(encoding="utf-8")
    (site / "raw.html").write_text(page.replace("<main", XSS + "<main", 1), encoding="utf-8")
    browser.open((site / "raw.html").as_uri(), READY)
    time.sleep(0.3)
    browser.evaluate("1")
    assert browser.dialogs() == []
    assert not [url for url in browser.requested() if not url.startswith(LOCAL_SCHEMES)]
    assert any("Content Security Policy" in error for error in browser.errors())


def test_views_of_an_empty_graph_open_without_errors(browser, tmp_path):
    for name, content in render_views(new_graph()).items():
        (tmp_path / name).write_bytes(content)
    for name in VIEWS:
        assert open_view(browser, tmp_path, name) > 0
        assert browser.evaluate("document.body.getAttribute('data-argkg-drawn')") == "0"
        assert browser.errors() == [], name
