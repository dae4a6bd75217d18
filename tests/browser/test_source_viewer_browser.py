"""SourceViewer in Voilà: code-point selections after emoji; article HTML shown as text."""

from __future__ import annotations

import pytest
from browser_pages import EMOJI_TEXT, drag_select

pytestmark = pytest.mark.browser


def test_mouse_selection_after_emoji_reports_code_point_offsets(voila, page, artifacts):
    phrase = "forces said 50,000"
    page.goto(voila.page("/voila/render/emoji.ipynb"), timeout=90_000)
    page.wait_for_selector(".pv-viewer .pv-text", timeout=90_000)
    drag_select(page, ".pv-viewer .pv-text", phrase)
    status = page.locator(".pv-viewer .pv-status")
    status.wait_for(state="visible")
    page.wait_for_function(
        "() => document.querySelector('.pv-viewer .pv-status').dataset.start !== ''"
    )
    start = EMOJI_TEXT.index(phrase)
    assert status.get_attribute("data-start") == str(start)
    assert status.get_attribute("data-end") == str(start + len(phrase))
    assert phrase in status.inner_text()
    page.screenshot(path=str(artifacts / "emoji-selection.png"))


def test_html_in_article_and_title_is_shown_as_text(voila, page):
    page.goto(voila.page("/voila/render/emoji.ipynb"), timeout=90_000)
    page.wait_for_selector(".pv-viewer .pv-text", timeout=90_000)
    assert page.locator(".pv-viewer .pv-text").inner_text() == EMOJI_TEXT
    assert page.locator(".pv-viewer .pv-title").inner_text().startswith("<img src=x")
    assert page.locator(".pv-viewer img, .pv-viewer script").count() == 0
    assert page.evaluate("window.__pwned") is None
