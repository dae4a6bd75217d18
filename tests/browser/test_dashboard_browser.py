"""The dashboard served by Voilà really renders its panels in Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from browser_pages import run_in_lab

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]


def test_dashboard_renders_conflicts_chart_and_highlighted_source(voila, browser, artifacts):
    context = browser.new_context(viewport={"width": 1300, "height": 2400})
    page = context.new_page()
    page.goto(voila.page("/voila/render/dashboard.ipynb"), timeout=120_000)
    page.wait_for_selector(".pv-dashboard", timeout=120_000)
    conflict = page.locator(".pv-dashboard .pv-conflict").first
    conflict.wait_for(timeout=30_000)
    assert conflict.locator("mark").count() == 2  # both quotes marked in their context
    page.wait_for_selector(".pv-dashboard .vega-embed svg, .pv-dashboard .vega-embed canvas",
                           timeout=30_000)
    marks = page.locator(".pv-dashboard .pv-viewer mark.pv-span")
    marks.first.wait_for(timeout=30_000)
    assert marks.count() >= 5
    assert page.locator(".pv-dashboard .pv-viewer .pv-text").inner_text().startswith("Biden")
    assert page.locator(".pv-dashboard script").count() == 0
    shot = artifacts / "dashboard.png"
    page.screenshot(path=str(shot))
    if os.environ.get("PROVENANCE_UPDATE_SCREENSHOT") == "1":
        (REPO / "docs").mkdir(exist_ok=True)
        shutil.copyfile(shot, REPO / "docs" / "dashboard.png")

    page.locator(".pv-dashboard .pv-conflict-row button").first.click()
    active = page.locator(".pv-dashboard .pv-viewer mark.pv-active")
    active.first.wait_for(timeout=20_000)
    assert "conflict" in active.first.get_attribute("class")
    page.wait_for_selector(".pv-dashboard .pv-viewer .pv-details dt", timeout=10_000)
    page.locator(".pv-dashboard .pv-viewer").screenshot(path=str(artifacts / "source-view.png"))
    context.close()


def test_dashboard_charts_render_natively_in_jupyterlab(lab, page, artifacts):
    run_in_lab(page, lab, "dashboard.ipynb", ".pv-dashboard .pv-conflict")
    charts = page.locator(".pv-dashboard .vega-embed")
    charts.first.wait_for(state="attached", timeout=60_000)
    charts.first.scroll_into_view_if_needed()
    page.wait_for_selector(".pv-dashboard .vega-embed svg, .pv-dashboard .vega-embed canvas",
                           timeout=60_000)
    assert charts.count() == 2  # intervals and timeline
    page.screenshot(path=str(artifacts / "dashboard-lab.png"))
