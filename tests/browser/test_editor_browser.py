"""In JupyterLab, a claim made by selecting text with the mouse lands in claims.csv."""

from __future__ import annotations

import csv
import io

import pytest
from browser_pages import drag_select, run_in_lab

pytestmark = pytest.mark.browser
PHRASE = "senior Russian lawmaker Vladimir Dzhabarov"
FACT_KEY = "russia.reaction.dzhabarov.who"


def test_selecting_text_creates_exactly_one_claim_row(lab, page, ledger_dir, artifacts):
    claims_csv = ledger_dir / "claims.csv"
    before = claims_csv.read_bytes()
    run_in_lab(page, lab, "editor.ipynb", ".pv-editor .pv-viewer mark.pv-span")

    drag_select(page, ".pv-editor .pv-viewer .pv-text", PHRASE)
    quote = page.locator(".pv-editor .pv-quote textarea")
    page.wait_for_function(
        "(phrase) => document.querySelector('.pv-editor .pv-quote textarea').value === phrase",
        arg=PHRASE, timeout=20_000,
    )
    assert quote.input_value() == PHRASE
    page.locator(".pv-editor .pv-fact-key input").fill(FACT_KEY)
    page.locator(".pv-editor .pv-preview-button").click()
    page.wait_for_selector(".pv-editor .pv-preview-html dl", timeout=90_000)
    assert "No conflicts" in page.locator(".pv-editor .pv-preview-html").inner_text()
    page.locator(".pv-editor").screenshot(path=str(artifacts / "editor-preview.png"))
    page.locator(".pv-editor .pv-add-button").click()
    page.wait_for_selector(".pv-editor .pv-message:has-text('Added')", timeout=30_000)
    page.locator(".pv-editor .pv-save-button").click()
    page.wait_for_selector(".pv-editor .pv-message:has-text('Saved claims.csv')", timeout=30_000)
    page.screenshot(path=str(artifacts / "editor.png"), full_page=False)

    after = claims_csv.read_bytes()
    assert after.startswith(before)
    (row,) = list(csv.reader(io.StringIO(after[len(before):].decode("utf-8"))))
    header = next(csv.reader(io.StringIO(before.decode("utf-8"))))
    cells = dict(zip(header, row, strict=True))
    text = (ledger_dir / "sources" / "000_f82ea929d6935d3d.txt").read_bytes().decode("utf-8")
    start = text.index(PHRASE)
    assert (cells["source_id"], cells["fact_key"], cells["quote"]) == ("theweek", FACT_KEY, PHRASE)
    assert (cells["start"], cells["end"]) == (str(start), str(start + len(PHRASE)))
    assert cells["status"] == "confirmed"
