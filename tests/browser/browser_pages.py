"""Browser helpers shared by the browser tests: selecting text with the mouse."""

from __future__ import annotations

EMOJI_TEXT = (
    "Rocket 🚀 launch: 🇺🇦 forces said 50,000 troops moved 👍 today. "
    '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
)

_PHRASE_BOX = """
([selector, phrase]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(phrase);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + phrase.length);
    root.scrollIntoView({block: "center"});
    const box = root.getBoundingClientRect();
    root.scrollTop += range.getBoundingClientRect().top - box.top - box.height / 2;
    const rects = range.getClientRects();
    const first = rects[0], last = rects[rects.length - 1];
    return {x0: first.left, y0: (first.top + first.bottom) / 2,
            x1: last.right, y1: (last.top + last.bottom) / 2};
  }
  return null;
}
"""


def drag_select(page: object, selector: str, phrase: str) -> None:
    """Select ``phrase`` (inside one text node under ``selector``) by dragging the mouse."""
    box = page.evaluate(_PHRASE_BOX, [selector, phrase])
    assert box is not None, f"{phrase!r} not found under {selector}"
    page.mouse.move(box["x0"] + 1, box["y0"])
    page.mouse.down()
    page.mouse.move((box["x0"] + box["x1"]) / 2, box["y1"], steps=5)
    page.mouse.move(box["x1"] - 1, box["y1"], steps=5)
    page.mouse.up()


def run_in_lab(page: object, lab: object, notebook: str, ready: str) -> None:
    """Open ``notebook`` in JupyterLab, run all its cells, wait for ``ready`` to appear."""
    page.goto(lab.page(f"/lab/tree/{notebook}?reset"), timeout=120_000)
    page.wait_for_function(
        "(path) => window.jupyterapp?.shell?.currentWidget?.context?.path === path",
        arg=notebook, timeout=120_000,
    )
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext?.session?.kernel",
        timeout=120_000,
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_selector(ready, state="attached", timeout=120_000)
