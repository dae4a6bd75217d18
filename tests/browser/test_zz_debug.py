from browser_pages import drag_select
PHRASE = "senior Russian lawmaker Vladimir Dzhabarov"

def test_debug(lab, page, ledger_dir, artifacts):
    page.goto(lab.page("/lab/tree/editor.ipynb"), timeout=120_000)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=120_000)
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120_000)
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel",
        timeout=120_000,
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_selector(".pv-editor .pv-viewer mark.pv-span", timeout=120_000)
    drag_select(page, ".pv-editor .pv-viewer .pv-text", PHRASE)
    page.wait_for_timeout(3000)
    print("SEL", page.evaluate("String(window.getSelection())"))
    print("STATUS", page.locator(".pv-editor .pv-status").inner_text())
    print("TA", page.locator(".pv-editor .pv-quote textarea").input_value())
    page.screenshot(path="/tmp/artifacts/debug.png")
