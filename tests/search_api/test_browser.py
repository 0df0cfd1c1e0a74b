"""The web page in headless Debian Chromium driven by Playwright, against the real server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.iris import node_id_of
from kg.library import list_queries

pytestmark = [pytest.mark.slow, pytest.mark.browser]

YASGUI = Path(__file__).resolve().parents[2] / "search_api" / "api" / "web" / "vendor" / "yasgui"
CHROMIUM = Path(os.environ.get("POLICYKG_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 60_000


def wait_until(page, expression: str, arg=None, timeout_s: float = TIMEOUT_MS / 1000) -> None:
    """page.wait_for_function compiles its predicate with eval, which the page's
    Content-Security-Policy forbids (no 'unsafe-eval'): poll with page.evaluate instead."""
    import time

    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout_s:g} s: {expression}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def page(live_server):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium; scripts/setup --test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        pg = context.new_page()
        pg.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        pg.errors = errors
        pg.goto(live_server.url + "/")
        yield pg
        browser.close()
    assert not errors, errors


def test_search_clause_similar_and_sparql(page, tmp_path):
    # type a query, see highlighted results
    page.fill("#q", "瓶装液化气实名制")
    page.click("#search-btn")
    # the server's first search loads the query engine: on a loaded box that has taken over a minute
    page.wait_for_selector("#search-results .result", timeout=180_000)
    results = page.locator("#search-results .result")
    assert results.count() >= 5
    assert page.locator("#search-results .result mark").count() > 0
    assert "共" in page.inner_text("#search-status")
    page.screenshot(path=str(tmp_path / "1-search.png"), full_page=True)

    # open the first clause
    first_text = results.first.locator(".text").inner_text()
    results.first.locator("a.clause-link").click()
    page.wait_for_selector("#view-clause:not([hidden]) .clause-text")
    assert page.inner_text(".clause-text") == first_text
    assert "编号" in page.inner_text(".provenance")
    clause_plan = page.inner_text("#clause .meta")
    page.screenshot(path=str(tmp_path / "2-clause.png"), full_page=True)

    # its similar clauses in other plans
    page.click("#similar-btn")
    page.wait_for_selector("#similar-results .result")
    similar = page.locator("#similar-results .result .plan").all_inner_texts()
    assert similar and all(plan not in clause_plan for plan in similar)
    page.screenshot(path=str(tmp_path / "3-similar.png"), full_page=True)

    # the SPARQL console (YASGUI): every library query is a tab; run one, see rows, follow a clause link
    assert (YASGUI / "yasgui.min.js").exists(), "YASGUI is not installed: run scripts/setup"
    page.click("nav a[data-view=sparql]")
    wait_until(page, "window.policykgYasgui && document.querySelectorAll('#yasgui .tabsList .tab').length > 1")
    tabs = page.locator("#yasgui .tabsList a[role=tab] span").all_inner_texts()
    assert set(tabs) == {q.name for q in list_queries()}, tabs
    assert page.locator("#sparql-plain").is_hidden()
    page.click("#yasgui .tabsList a[role=tab]:has-text('due_by_date')")
    assert "due" in page.inner_text("#sparql-comment").lower()
    page.locator(".yasqe_queryButton >> visible=true").click()
    rows = page.locator(".yasr table.dataTable tbody tr >> visible=true")
    rows.first.wait_for()
    shown = rows.count()
    assert shown > 3 and "No data" not in rows.first.inner_text()
    link = page.locator(".yasr a.page-link[href^='#/clause/'] >> visible=true").first
    clause_iri = link.get_attribute("title")
    page.screenshot(path=str(tmp_path / "4-sparql.png"), full_page=True)
    link.click()
    # the clause view (opened before with another clause) now shows this one
    wait_until(page, "(id) => !document.querySelector('#view-clause').hidden && "
                     "(document.querySelector('#clause .provenance') || {}).textContent.includes('编号 ' + id)",
               node_id_of(clause_iri))
    assert page.inner_text(".clause-text").strip()
    print(f"\n{results.count()} results, {len(similar)} similar, {len(tabs)} SPARQL tabs; "
          f"due_by_date: {shown} rows shown, followed {clause_iri}; screenshots in {tmp_path}")
    assert len(list(tmp_path.glob("*.png"))) == 4


def test_sparql_console_falls_back_to_the_plain_one_without_yasgui(page, live_server, tmp_path):
    """Setup not run (no YASGUI files): the page says so and its plain console still answers."""
    context = page.context.browser.new_context(locale="zh-CN")   # its own page: YASGUI never loaded there
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.route("**/static/vendor/**", lambda route: route.fulfill(status=404, body="not found"))
    try:
        pg.goto(live_server.url + "/#/sparql")
        pg.wait_for_selector("#sparql-plain:not([hidden])")
        assert "scripts/setup" in pg.inner_text("#sparql-note") and pg.locator("#yasgui").is_hidden()
        wait_until(pg, "document.querySelectorAll('#sparql-examples option').length > 1")
        pg.select_option("#sparql-examples", index=1)
        pg.click("#sparql-run")
        wait_until(pg, "document.querySelector('#sparql-status').textContent.match(/行|完成|出错/)")
        status = pg.inner_text("#sparql-status")
        pg.screenshot(path=str(tmp_path / "plain-sparql.png"), full_page=True)
    finally:
        context.close()
    assert "出错" not in status and not errors, (status, errors)


def test_owner_question_answer_view(page, tmp_path):
    page.click("nav a[data-view=ask]")
    page.fill("#ask-q", "燃气安全归哪个部门管？")
    page.click("#ask-btn")
    page.wait_for_selector("#ask-answer .answer-item")
    # the answer first: one line naming the matter, the body and the assigning article
    line = page.inner_text("#ask-answer .answer-line")
    assert line.startswith("城镇燃气：") and "燃气管理部门" in line and "《城镇燃气管理条例》第五条" in line, line
    text = page.inner_text("#ask-answer")
    assert "责任主体及依据" in text and "城镇燃气管理条例 第五条" in text and "明确负责" in text
    page.screenshot(path=str(tmp_path / "ask.png"), full_page=True)


def test_indicator_comparison_shows_comparator_value_and_unit(page):
    page.click("nav a[data-view=indicators]")
    page.wait_for_selector("#indicators table.compare tbody tr")
    targets = page.locator("#indicators .target")
    shown = targets.all_inner_texts()
    assert shown and not any(t.strip().startswith(("＞", "＜")) for t in shown), shown[:5]
    assert any(t.strip()[:1] in "<>≤≥=约" for t in shown), shown[:5]
    hover = [targets.nth(i).get_attribute("title") for i in range(min(5, targets.count()))]
    assert any(hover), "the source text is on hover"


def test_indicator_table_and_actor_page(page, tmp_path):
    page.click("nav a[data-view=indicators]")
    page.wait_for_selector("#indicators table.compare tbody tr")
    headers = page.locator("#indicators thead th").all_inner_texts()
    assert "吴江区" in headers and "昆山市" in headers
    assert "火灾死亡率" in page.inner_text("#indicators")
    page.screenshot(path=str(tmp_path / "indicators.png"), full_page=True)

    page.click("nav a[data-view=actors]")
    page.fill("#actor-q", "应急管理局")
    page.press("#actor-q", "Enter")
    wait_until(page, "q => !!document.querySelector('#actors a.actor-link')?.innerText.includes(q)", arg="应急管理局")
    name = page.locator("#actors a.actor-link").first.inner_text()
    page.locator("#actors a.actor-link").first.click()
    # The page shows "加载中…" until this body's record arrives, never the previous body's.
    wait_until(page, "n => document.querySelector('#actor h2')?.innerText === n", arg=name)
    assert page.inner_text("#actor h2") == name
    assert "规划中涉及的条款" in page.inner_text("#actor")
    page.screenshot(path=str(tmp_path / "actor.png"), full_page=True)


def test_a_search_for_bodies_is_not_overwritten_by_the_slower_unfiltered_list(page):
    """The unfiltered list, answered after the search typed right after opening the view, must not
    replace the search's list (a click would then open another body)."""
    import time

    def late(route):
        if "q=" not in route.request.url:
            time.sleep(1.5)             # the unfiltered list answers last
        route.continue_()

    page.route("**/actors?limit=300*", late)
    try:
        page.click("nav a[data-view=search]")
        page.click("nav a[data-view=actors]")
        page.fill("#actor-q", "应急管理局")
        page.press("#actor-q", "Enter")
        wait_until(page, "q => !!document.querySelector('#actors a.actor-link')?.innerText.includes(q)", arg="应急管理局")
        time.sleep(2.5)                 # the unfiltered answer has arrived by now
        links = page.locator("#actors a.actor-link").all_inner_texts()
        assert links and all("应急管理局" in t for t in links[:5]), links[:5]
    finally:
        page.unroute("**/actors?limit=300*", late)


def test_coverage_of_an_uploaded_draft(page, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("某县安全生产“十四五”规划\n一、主要目标\n到2025年，生产安全事故起数下降25%。\n二、主要任务\n"
                     "1.县住房城乡建设局牵头推进城镇燃气管道老化更新改造。\n", encoding="utf-8")
    page.click("nav a[data-view=coverage]")
    wait_until(page, "document.querySelectorAll('#cov-against option').length > 1")
    page.set_input_files("#cov-file", str(draft))
    page.select_option("#cov-against", "kunshan-14fyp-safety")
    page.click("#cov-btn")
    page.wait_for_selector("#cov-report table.coverage tbody tr", timeout=600_000)
    summary = page.inner_text("#cov-report .summary")
    assert "已覆盖" in summary and "缺失" in summary
    assert page.locator("#cov-report tr.verdict-missing").count() > 0
    assert "更严" in page.inner_text("#cov-report")        # 25% against Kunshan's > 20%
    with page.expect_download() as download:
        page.click("#cov-report button[data-export=csv]")
    assert download.value.suggested_filename == "coverage.csv"
    page.screenshot(path=str(tmp_path / "coverage.png"), full_page=True)
