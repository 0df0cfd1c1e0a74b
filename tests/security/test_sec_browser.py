"""Browser-facing safety: no cross-origin reads, no DNS rebinding, a page that runs only its own files."""

from __future__ import annotations

import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from liveserver import LiveServer
from sectools import REPO

OTHER_ORIGIN = "https://analyst.example"
ALLOWED_ORIGIN = "https://intranet.example"
EXTRA_HOST = "policykg.internal"
CHROMIUM = Path(os.environ.get("POLICYKG_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def tuned_server(built_data, tmp_path_factory):
    """A server with one allowed origin and one extra host name."""
    server = LiveServer(built_data, tmp_path_factory.mktemp("tuned") / "serve.log",
                        extra_env={"POLICYKG_CORS_ORIGINS": ALLOWED_ORIGIN},
                        args=("--allowed-host", EXTRA_HOST))
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def test_no_cross_origin_reads_by_default(api, outcomes):
    preflight = api.options("/sparql", headers={"Origin": OTHER_ORIGIN, "Access-Control-Request-Method": "POST",
                                                "Access-Control-Request-Headers": "content-type"})
    simple = api.get("/plans", headers={"Origin": OTHER_ORIGIN})
    own = api.get("/plans", headers={"Origin": api.base_url.scheme + "://" + api.base_url.netloc.decode()})
    outcomes.add("cors/default", f"preflight from {OTHER_ORIGIN}", f"{preflight.status_code}, no allow-origin")
    outcomes.add("cors/default", f"GET /plans from {OTHER_ORIGIN}", f"{simple.status_code}, no allow-origin")
    outcomes.add("cors/default", "GET /plans from the server's own origin", str(own.status_code))
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-origin" not in simple.headers
    assert simple.status_code == 403   # not even run: the page could not read it anyway
    assert own.status_code == 200 and api.get("/plans").status_code == 200   # own page, and tools (no Origin)


def test_cors_allow_list_setting(tuned_server, outcomes):
    with httpx.Client(base_url=tuned_server.url, timeout=60) as client:
        allowed = client.get("/plans", headers={"Origin": ALLOWED_ORIGIN})
        other = client.get("/plans", headers={"Origin": OTHER_ORIGIN})
    outcomes.add("cors/allow-list", f"Origin {ALLOWED_ORIGIN} / {OTHER_ORIGIN}",
                 f"{allowed.headers.get('access-control-allow-origin')} / {other.headers.get('access-control-allow-origin')}")
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert other.status_code == 403 and "access-control-allow-origin" not in other.headers


def _host_outcomes(client: httpx.Client, cases, outcomes, note: str = "") -> None:
    for host, expected in cases:
        response = client.get("/healthz", headers={"Host": host})
        outcomes.add("host", f"Host: {host}{note}", str(response.status_code))
        assert response.status_code == expected, (host, response.text)


def _refused_hosts(port: int) -> list[tuple[str, int]]:
    """Rebinding names, other IPv6 literals and malformed values: 400 on any bind."""
    return [(f"rebind.attacker.example:{port}", 400), ("attacker.example", 400), ("evil.example", 400),
            (f"127.0.0.1.evil.example:{port}", 400), ("[::2]", 400), (f"[::2]:{port}", 400),
            ("[::1", 400), (f"[::1:{port}", 400), (f"[::1]evil.example:{port}", 400),
            (f"x@127.0.0.1:{port}", 400), ("[127.0.0.1]", 400), (f"{EXTRA_HOST}:{port}", 400)]


def test_host_header_allow_list_stops_dns_rebinding(api, live_server, tuned_server, outcomes):
    port = live_server.port
    # a loopback bind answers its IPv6 name too, bracketed as a URL writes it, in any spelling
    _host_outcomes(api, [(f"127.0.0.1:{port}", 200), (f"localhost:{port}", 200), (f"[::1]:{port}", 200),
                         ("[::1]", 200), (f"[0:0::1]:{port}", 200)] + _refused_hosts(port), outcomes)
    with httpx.Client(base_url=tuned_server.url, timeout=60) as client:
        response = client.get("/healthz", headers={"Host": f"{EXTRA_HOST}:{tuned_server.port}"})
    outcomes.add("host", f"Host: {EXTRA_HOST} with --allowed-host", str(response.status_code))
    assert response.status_code == 200


def test_host_check_names_an_ipv6_bind_address_bracketed(outcomes):
    """A global IPv6 --host (none on a test box to bind): its bracketed literal is its name."""
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from search_api.api.security import HostCheck
    from search_api.settings import hosts_for_bind

    client = TestClient(HostCheck(Starlette(), hosts_for_bind("2001:db8::5")))
    for host, expected in (("[2001:db8::5]:8000", 404), ("[2001:DB8:0::5]", 404), ("[::1]:8000", 404),
                           ("[2001:db8::6]:8000", 400), ("2001:db8::5", 400)):
        status = client.get("/", headers={"Host": host}).status_code   # 404: past the check, no route
        outcomes.add("host", f"Host: {host} (--host 2001:db8::5, in process)", str(status))
        assert status == expected, host


def test_host_header_on_an_ipv6_bind(built_data, tmp_path, outcomes):
    """Bound to an IPv6 address (``--host ::1``), the server answers the Host a client writes for
    it (``[::1]:port``) and refuses the rest as on an IPv4 bind."""
    server = LiveServer(built_data, tmp_path / "serve.log", host="::1")
    try:
        server.wait_ready()
        with httpx.Client(base_url=server.url, timeout=60) as client:
            plain = client.get("/healthz")   # the Host httpx writes for the URL
            outcomes.add("host", f"GET {server.url}/healthz (--host ::1)", str(plain.status_code))
            assert plain.status_code == 200 and client.get("/plans").status_code == 200
            _host_outcomes(client, [(f"[::1]:{server.port}", 200), (f"localhost:{server.port}", 200)]
                           + _refused_hosts(server.port), outcomes, note=" (--host ::1)")
    finally:
        server.stop()


def test_security_headers_and_no_inline_code(api, outcomes):
    page = api.get("/")
    csp = page.headers["content-security-policy"]
    outcomes.add("headers", "GET /", csp[:60])
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert api.get("/plans").headers["x-content-type-options"] == "nosniff"
    html = page.text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script> in the page"
    assert "<style" not in html and " style=" not in html and not re.search(r"\son[a-z]+=", html)
    script = (REPO / "search_api" / "api" / "web" / "app.js").read_text("utf-8")
    assert "eval(" not in script and "new Function" not in script


class _Attacker(BaseHTTPRequestHandler):
    target = ""

    def do_GET(self):
        query = "SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20LIMIT%201"
        page = f"""<!doctype html><html><body><script>
window.results = {{}};
async function attempt(name, url, init) {{
  try {{ const r = await fetch(url, init); window.results[name] = 'READ ' + r.status + ' ' + (await r.text()).slice(0, 40); }}
  catch (e) {{ window.results[name] = 'blocked: ' + e.name; }}
}}
Promise.all([
  attempt('GET /sparql', '{self.target}/sparql?query={query}'),
  attempt('POST text/plain', '{self.target}/sparql', {{method: 'POST', headers: {{'Content-Type': 'text/plain'}},
          body: 'SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1'}}),
  attempt('POST sparql-query', '{self.target}/sparql', {{method: 'POST',
          headers: {{'Content-Type': 'application/sparql-query'}}, body: 'SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1'}}),
  attempt('GET /plans', '{self.target}/plans'),
]).then(() => {{ window.done = true; }});
</script></body></html>""".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, *args):
        pass


@pytest.mark.browser
def test_a_page_from_another_origin_cannot_read_the_api(live_server, outcomes):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium; scripts/setup --test does it)")
    from playwright.sync_api import sync_playwright

    handler = type("Attacker", (_Attacker,), {"target": live_server.url})
    attacker = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=attacker.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
            page = browser.new_page()
            # the control: the server's own page reads /sparql (so "blocked" below means CORS, not a broken test)
            page.goto(live_server.url + "/")
            own = page.evaluate("fetch('/sparql?query=ASK%20%7B%7D').then(r => r.status)")
            page.goto(f"http://127.0.0.1:{attacker.server_address[1]}/")
            page.wait_for_function("window.done === true", timeout=60_000)
            results = page.evaluate("window.results")
            browser.close()
    finally:
        attacker.shutdown()
    outcomes.add("browser", "same-origin fetch /sparql (control)", str(own))
    for name, result in results.items():
        outcomes.add("browser", f"page on another origin: {name}", result)
    assert own == 200
    assert results and all(r.startswith("blocked") for r in results.values()), results
