"""SourceViewer in Voilà: a mouse selection after astral characters gives code points."""

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
