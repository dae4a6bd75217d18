// SourceViewer front end. Article text is only ever inserted as text nodes.

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function utf16Offset(root, container, offset) {
  // UTF-16 code units of root's text before (container, offset).
  const before = document.createRange();
  before.selectNodeContents(root);
  before.setEnd(container, offset);
  return before.toString().length;
}

function render({ model, el: host }) {
  host.classList.add("pv-viewer");
  const title = el("div", "pv-title");
  const body = el("div", "pv-text");
  const status = el("div", "pv-status");
  const details = el("dl", "pv-details");
  host.append(title, body, status, details);

  function drawText() {
    title.textContent = model.get("title");
    body.replaceChildren();
    for (const seg of model.get("segments")) {
      if (seg.claims.length === 0) {
        body.append(document.createTextNode(seg.text));
        continue;
      }
      const mark = el("mark", ["pv-span", ...seg.classes].join(" "), seg.text);
      mark.dataset.claims = seg.claims.join(" ");
      mark.title = seg.claims.join(", ");
      body.append(mark);
    }
    drawDetails();
  }

  function drawDetails() {
    const id = model.get("selected_claim");
    details.replaceChildren();
    for (const mark of body.querySelectorAll("mark.pv-span")) {
      mark.classList.toggle("pv-active", id !== "" && mark.dataset.claims.split(" ").includes(id));
    }
    const fields = model.get("claims")[id];
    if (!fields) return;
    for (const [key, value] of Object.entries(fields)) {
      details.append(el("dt", "", key), el("dd", "", value));
    }
    const first = body.querySelector("mark.pv-active");
    if (first) first.scrollIntoView({ block: "nearest" });
  }

  function drawStatus() {
    const sel = model.get("selection");
    status.textContent = sel.length === 2
      ? `Selected code points ${sel[0]}–${sel[1]}: “${model.get("selected_text")}”`
      : "";
    status.dataset.start = sel.length === 2 ? String(sel[0]) : "";
    status.dataset.end = sel.length === 2 ? String(sel[1]) : "";
  }

  body.addEventListener("mouseup", () => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return;
    if (range.collapsed) {
      const node = range.startContainer;
      const mark = (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement)
        ?.closest("mark.pv-span");
      if (mark) {
        model.set("selected_claim", mark.dataset.claims.split(" ")[0]);
        model.save_changes();
      }
      return;
    }
    const start = utf16Offset(body, range.startContainer, range.startOffset);
    const end = utf16Offset(body, range.endContainer, range.endOffset);
    model.set("selection_utf16", [start, end]);
    model.save_changes();
  });

  model.on("change:segments", drawText);
  model.on("change:title", drawText);
  model.on("change:claims", drawDetails);
  model.on("change:selected_claim", drawDetails);
  model.on("change:selection", drawStatus);
  model.on("change:selected_text", drawStatus);
  drawText();
  drawStatus();
}

export default { render };
