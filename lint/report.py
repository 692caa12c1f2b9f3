"""The editorial review report: one self-contained HTML page, or Markdown.

Editors do not read `path:line:col` lines. The page shows the corpus at a
glance (totals, a chart of reading grades, the essays with the most
problems), a sortable and filterable table of essays, each essay's text with
its findings highlighted in place, and the claims to review with their state
from the ledger.

Everything is inline (styles, script, the chart as SVG from matplotlib), so
the file opens offline and can be mailed. Every piece of essay text, file
name and message is escaped; data for the script travels as JSON inside a
`<script type="application/json">` block with `<` escaped. Per-essay
sections live in `<template>` elements and are rendered only when opened,
and the table is paginated, so a 2,000-essay report stays responsive.
"""

from __future__ import annotations

import io
import itertools
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from lint.finding import CATEGORIES, Finding
from lint.report_charts import findings_by_category, grade_by_section
from lint.report_essay import MAX_HIGHLIGHT_SPAN, MAX_RENDERED_CHARS, esc, mark_html, render_essay_pieces
from lint.reporters import counted, formatted, one_decimal
from lint.result import FileResult

PAGE_SIZE = 100


@dataclass
class EssayReport:
    path: str
    text: str
    result: FileResult
    claims: list[Any] = field(default_factory=list)

    @property
    def metrics(self) -> dict[str, Any]:
        return self.result.metrics or {}

    def counts(self) -> Counter[str]:
        return Counter(f.category for f in self.result.findings)

    def counts_by_level(self) -> Counter[str]:
        return Counter(f.level.label for f in self.result.findings)


def grade_chart_svg(grades: list[float]) -> str:
    """A histogram of Flesch-Kincaid grades across essays, drawn by matplotlib as inline SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 2.6), dpi=100)
    if grades:
        low, high = int(min(grades)) - 1, int(max(grades)) + 2
        ax.hist(grades, bins=range(low, high), color="#4a6fa5", edgecolor="white")
        ax.axvline(12, color="#c0392b", linestyle="--", linewidth=1)
        ax.text(12.2, ax.get_ylim()[1] * 0.9, "general audience", color="#c0392b", fontsize=8)
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Flesch-Kincaid grade")
    ax.set_ylabel("essays")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})  # no timestamp: same input, same report
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML prolog and doctype: the SVG is inlined in HTML
    bins = Counter(int(g // 1) for g in grades)
    summary = "; ".join(f"grade {g} to {g + 1}: {counted(n, 'essay')}" for g, n in sorted(bins.items()))
    label = f"Histogram of Flesch-Kincaid grades across {counted(len(grades), 'essay')}: {summary or 'none'}"
    rows = "".join(f"<tr><td>{g} to {g + 1}</td><td>{n:,}</td></tr>" for g, n in sorted(bins.items()))
    return (
        svg.replace("<svg ", f'<svg role="img" aria-label="{esc(label)}" ', 1)
        + "<details><summary>Reading grades as a table</summary><table><tr><th>grade</th><th>essays</th></tr>"
        + rows
        + "</table></details>"
    )


def highlighted_text(text: str, findings: Sequence[Finding], ids: dict[int, int]) -> str:
    """The essay as escaped text with each finding wrapped in <mark>, overlaps split into segments."""
    return "".join(highlighted_pieces(text, findings, ids))


def highlighted_pieces(text: str, findings: Sequence[Finding], ids: dict[int, int]) -> Iterator[str]:
    """`highlighted_text` in pieces, from one sweep over the span bounds.

    Finding the spans that cover each segment by scanning every span made a
    9 MB essay with 30,000 findings take minutes (segments times spans); the
    sweep keeps the spans open at each bound, so it is linear in them.
    """
    spans = sorted(
        (
            (f.offset, f.end_offset, ids[id(f)], f)
            for f in findings
            if f.end_offset > f.offset and f.end_offset - f.offset <= MAX_HIGHLIGHT_SPAN
        ),
        key=lambda span: (span[0], span[2]),
    )
    if not spans:
        yield esc(text)
        return
    bounds = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    open_spans: dict[int, tuple[int, int, Finding]] = {}  # (end, finding number, finding) of the spans open here
    next_span = 0
    for start, end in itertools.pairwise(bounds):
        while next_span < len(spans) and spans[next_span][0] <= start:
            _s, e, i, f = spans[next_span]
            open_spans[next_span] = (e, i, f)
            next_span += 1
        for key in [k for k, (e, _i, _f) in open_spans.items() if e <= start]:
            del open_spans[key]
        piece = esc(text[start:end])
        covering = sorted(((i, f) for _e, i, f in open_spans.values()), key=lambda c: c[0])
        yield mark_html(piece, covering) if covering else piece


def _metric_rows(m: dict[str, Any]) -> str:
    return "".join(
        f"<tr><th>{esc(label)}</th><td>{esc(formatted(m.get(key, '')))}</td></tr>"
        for key, label in (
            ("flesch_kincaid_grade", "Flesch-Kincaid grade"),
            ("flesch_reading_ease", "Reading ease"),
            ("gunning_fog", "Gunning fog"),
            ("words", "Words"),
            ("sentences", "Sentences"),
            ("reading_time_s", "Reading time (s)"),
        )
    )


def _finding_item(index: int, n: int, f: Finding) -> str:
    return (
        f'<li class="finding {esc(f.level.label)}" data-f="{n}" id="e{index}-f{n}" tabindex="0">'
        f'<span class="where">{f.line}:{f.column}</span> '
        f'<span class="level">{esc(f.level.label)}</span> <code>{esc(f.rule)}</code> {esc(f.message)}'
        + (f' <span class="sugg">suggestion: {esc(", ".join(f.suggestions))}</span>' if f.suggestions else "")
        + "</li>"
    )


def _claim_item(c: Any) -> str:
    return (
        f'<li class="claim state-{esc(c.state)}"><code>{esc(c.claim_id)}</code> <b>{esc(c.state)}</b> '
        f"(line {esc(c.line)}{', ' + esc(c.kind) if c.kind else ''}) {esc(c.sentence)}"
        + (f' <span class="signals">{esc(c.signals)}</span>' if c.signals else "")
        + f' <code class="mark">essaylint claims mark {esc(c.claim_id)} --status verified --source URL</code></li>'
    )


def _essay_section(index: int, essay: EssayReport) -> Iterator[str]:
    from lint.document import Document

    findings = essay.result.findings
    ids = {id(f): n for n, f in enumerate(findings)}
    m = essay.metrics
    skipped = "".join(f"<p class='notice'>{esc(n)}</p>" for n in essay.result.notices)
    charts = findings_by_category(dict(essay.counts())) + grade_by_section(m.get("sections") or [])
    yield (
        f'<h2>{esc(essay.path)}</h2>{skipped}<div class="essay-head"><table class="metrics">{_metric_rows(m)}</table>'
        f'<div class="charts">{charts}</div></div><div class="essay-body"><div class="essay-main">'
    )
    rendered = len(essay.text) <= MAX_RENDERED_CHARS
    if rendered:
        span = Document.of_text(essay.path, essay.text).front_matter_span
        yield '<article class="essay-rendered" aria-label="the essay as it reads">'
        yield from render_essay_pieces(essay.text, findings, ids, span[:2] if span else None)
        yield '</article><details class="source"><summary>Source (as written)</summary>'
    else:
        yield f"<p class='notice'>Shown as source: the essay is over {MAX_RENDERED_CHARS:,} characters.</p>"
    yield '<pre class="essay-text">'
    yield from highlighted_pieces(essay.text, findings, ids)
    yield "</pre></details></div>" if rendered else "</pre></div>"
    yield (
        f'<aside><h3>Findings ({len(findings):,})</h3><p class="keys">Keys: <kbd>j</kbd> next finding, '
        '<kbd>k</kbd> previous, <kbd>Enter</kbd> on a finding shows it in the text.</p><ol class="findings">'
    )
    yield from (_finding_item(index, n, f) for n, f in enumerate(findings))
    yield f'</ol><h3>Claims ({len(essay.claims):,})</h3><ul class="claims">'
    yield from (_claim_item(c) for c in essay.claims) if essay.claims else iter(["<li>none</li>"])
    yield "</ul></aside></div>"


def _sort_header(key: str, label: str, numeric: bool = False) -> str:
    """A column header sortable from the keyboard: a button inside, its state in aria-sort."""
    sort = "ascending" if key == "path" else "none"
    numeric_class = ' class="num"' if numeric else ""
    return (
        f'<th data-key="{esc(key)}" aria-sort="{sort}"{numeric_class}>'
        f'<button type="button" data-key="{esc(key)}">{esc(label)}</button></th>'
    )


def render_html(essays: Sequence[EssayReport], title: str = "essaylint review report") -> str:
    return "".join(html_chunks(essays, title))


def html_chunks(essays: Sequence[EssayReport], title: str = "essaylint review report") -> Iterator[str]:
    """The report page in pieces, each essay's template made as it is written.

    One string of the page held every essay's highlighted text at once, and
    the f-string that joined it another copy (517 MB for one 9 MB essay).
    """
    findings = [f for e in essays for f in e.result.findings]
    words = sum(int(e.metrics.get("words", 0) or 0) for e in essays)
    by_level = Counter(f.level.label for f in findings)
    by_category = Counter(f.category for f in findings)
    grades = [float(e.metrics["flesch_kincaid_grade"]) for e in essays if "flesch_kincaid_grade" in e.metrics]
    chart = grade_chart_svg(grades)
    worst = sorted(essays, key=lambda e: (-len(e.result.findings), e.path))[:10]
    categories = [c for c in CATEGORIES if by_category.get(c) or c in ("encoding", "structure", "spelling", "claims")]
    rows = [
        {
            "i": i,
            "path": e.path,
            "grade": one_decimal(e.metrics.get("flesch_kincaid_grade")),
            "ease": one_decimal(e.metrics.get("flesch_reading_ease")),
            "words": e.metrics.get("words", 0),
            "total": len(e.result.findings),
            **{c: e.counts().get(c, 0) for c in categories},
        }
        for i, e in enumerate(essays)
    ]
    all_claims = [(e.path, c) for e in essays for c in e.claims]
    claim_groups = {}
    for path, c in all_claims:
        claim_groups.setdefault(c.state, []).append((path, c))
    claims_html = "".join(
        f"<h3>{esc(state)} ({len(items)})</h3><ul>"
        + "".join(
            f"<li><code>{esc(c.claim_id)}</code> <a href='#essay-{esc(path)}' data-open='{esc(path)}'>"
            f"{esc(path)}:{esc(c.line)}</a> {esc(c.sentence)}</li>"
            for path, c in items
        )
        + "</ul>"
        for state, items in sorted(
            claim_groups.items(),
            key=lambda kv: (
                ["disputed", "needs-source", "changed", "new", "stale", "verified"].index(kv[0])
                if kv[0] in ("disputed", "needs-source", "changed", "new", "stale", "verified")
                else 9
            ),
        )
    )
    data = json.dumps({"rows": rows, "categories": categories, "pageSize": PAGE_SIZE}, ensure_ascii=False)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    overview_rows = "".join(
        f"<tr><th>{esc(c)}</th><td>{by_category.get(c, 0)}</td></tr>" for c in CATEGORIES if by_category.get(c)
    )
    worst_items = "".join(
        f"<li><a href='#' data-open='{esc(e.path)}'>{esc(e.path)}</a>: {len(e.result.findings)} findings</li>"
        for e in worst
    )
    head_cells = "".join(_sort_header(c, c, numeric=True) for c in categories)
    yield f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>{_CSS}</style></head>
<body>
<header><h1>{esc(title)}</h1>
<p class="totals"><b id="n-files">{esc(counted(len(essays), "essay"))}</b>, {esc(counted(words, "word"))}, <b id="n-findings">{esc(counted(len(findings), "finding"))}</b>:
<span class="error">{esc(counted(by_level.get("error", 0), "error"))}</span>, <span class="warning">{esc(counted(by_level.get("warning", 0), "warning"))}</span>,
<span class="suggestion">{esc(counted(by_level.get("suggestion", 0), "suggestion"))}</span>; <b>{esc(counted(len(all_claims), "claim"))}</b> to review.</p></header>
<main>
<section id="overview" class="cards">
<div class="card"><h2>Findings by category</h2><table class="bycat">{overview_rows}</table></div>
<div class="card chart"><h2>Reading grade across essays</h2>{chart}</div>
<div class="card"><h2>Most problems</h2><ol>{worst_items}</ol></div>
</section>
<section id="essays"><h2>Essays</h2>
<div class="controls"><input id="filter" type="search" placeholder="Filter by file name" aria-label="Filter essays">
<select id="cat-filter" aria-label="Only essays with findings in"><option value="">any category</option>
{"".join(f'<option value="{esc(c)}">{esc(c)}</option>' for c in categories)}</select>
<span id="page-info"></span> <button id="prev" type="button">previous</button> <button id="next" type="button">next</button></div>
<div class="table-wrap"><table id="essay-table"><thead><tr>{_sort_header("path", "essay")}{_sort_header("grade", "grade", True)}
{_sort_header("ease", "ease", True)}{_sort_header("words", "words", True)}{_sort_header("total", "findings", True)}{head_cells}</tr></thead>
<tbody></tbody></table></div></section>
<section id="claims"><h2>Claims to review</h2>{claims_html or "<p>No claims found.</p>"}</section>
<section id="detail"><p class="hint">Open an essay from the table to see its text with the findings highlighted in place.</p></section>
</main>
<div id="templates">"""
    for i, essay in enumerate(essays):
        yield f'<template id="tpl-{i}">'
        yield from _essay_section(i, essay)
        yield "</template>"
    yield f"""</div>
<script type="application/json" id="report-data">{data}</script>
<script>{_JS}</script>
</body></html>
"""


_CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0 auto;max-width:1200px;padding:0 1rem;color:#222}
h1{margin:.8rem 0 .2rem}h2{margin:.6rem 0}.totals .error{color:#b03a2e}.totals .warning{color:#9a6700}
.totals .suggestion{color:#2e6da4}.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #ddd;
border-radius:6px;padding:.5rem 1rem;flex:1 1 280px}.card.chart{flex:2 1 420px}.card svg{width:100%;height:auto}
table{border-collapse:collapse}th,td{padding:.2rem .5rem;border-bottom:1px solid #eee;text-align:left}
.num{text-align:right}#essay-table th{cursor:pointer;user-select:none;background:#f6f6f6}
#essay-table th button{font:inherit;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}
#essay-table th button:focus-visible{outline:2px solid #2e6da4;outline-offset:2px}
#essay-table th[aria-sort=ascending] button::after{content:" \\2191"}#essay-table th[aria-sort=descending] button::after{content:" \\2193"}
#essay-table tr.hidden{display:none}#essay-table td a{cursor:pointer}.controls{margin:.4rem 0}
.essay-body{display:flex;gap:1rem;align-items:flex-start}.essay-main{flex:3}aside{flex:2;font-size:13px}
.essay-rendered{border:1px solid #e4e4e4;border-radius:6px;padding:.2rem 1rem;background:#fcfcfc}
.essay-rendered h1{font-size:1.5rem}.essay-rendered h2{font-size:1.25rem}.essay-rendered h3{font-size:1.1rem}
.essay-rendered pre,.essay-text,.front-matter{white-space:pre-wrap;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.essay-rendered pre{background:#f2f2f2;padding:.5rem}.front-matter{background:#f2f2f2;padding:.5rem;color:#444}
.essay-rendered blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:1rem}
.essay-rendered table{margin:.5rem 0}.essay-rendered th,.essay-rendered td{border:1px solid #ddd}.image{color:#555}
.essay-text{background:#fcfcfc;border:1px solid #eee;padding:.8rem}details.source{margin:.5rem 0}
mark.pin{font-size:12px;padding:0 .15rem;margin-right:.2rem;border-radius:3px}
.essay-head{display:flex;gap:1rem;flex-wrap:wrap;align-items:flex-start}.charts{display:flex;gap:1rem;flex-wrap:wrap}
figure.chart{margin:0;font-size:12px}figure.chart svg{max-width:100%;height:auto;display:block}
svg.bars text{font:11px system-ui,sans-serif;fill:#222}svg.bars rect{fill:#4a6fa5}svg.bars line.marker{stroke:#b03a2e;stroke-dasharray:4 3}
.keys{color:#555}kbd{border:1px solid #bbb;border-radius:3px;padding:0 .25rem;font-size:12px}
li.finding:focus-visible{outline:2px solid #2e6da4}
mark.hl{background:#dbe9f7;cursor:help;border-bottom:2px solid #2e6da4}mark.hl.warning{background:#fdf0c4;
border-bottom-color:#c99a06}mark.hl.error{background:#f9d6d2;border-bottom-color:#b03a2e}
mark.hl.active{outline:2px solid #222}li.finding.active{background:#fff3a0}.finding .where{color:#595959}
.finding .level{font-weight:600}.sugg{color:#1e7b34}.claim.state-disputed{color:#b03a2e}.notice{color:#9a6700}
#templates{display:none}.hint{color:#595959}.claim .signals{color:#555}.claim code.mark{display:block;
font-size:12px;color:#555;margin:.1rem 0 .4rem}
.table-wrap{overflow-x:auto;max-width:100%}.essay-main,.essay-text,aside,.card,h1,h2,h3,li,p,td,th{overflow-wrap:anywhere;min-width:0}
.essay-rendered pre,.essay-rendered table{max-width:100%;overflow-x:auto}
@media (max-width:700px){.essay-body{flex-direction:column}.essay-main,aside{flex:none;width:100%;box-sizing:border-box}
.card,.card.chart{flex:1 1 100%}.controls input{max-width:100%}}
@media (prefers-color-scheme:dark){body{background:#16181c;color:#e4e4e4}.card,th,td,.essay-text,.essay-rendered{border-color:#3a3d44}
#essay-table th{background:#23262c}.essay-text,.essay-rendered{background:#1d2025}.essay-rendered pre,.front-matter{background:#262a31;color:#e4e4e4}
svg.bars text{fill:#e4e4e4}svg.bars rect{fill:#7fa7e0}.keys,.image{color:#b8b8b8}kbd{border-color:#666}a{color:#8cb8ff}.finding .where,.hint{color:#a8a8a8}
mark.hl{background:#1f3a5c;color:#fff}mark.hl.warning{background:#5a4a10}mark.hl.error{background:#5c2320}
.totals .error,.claim.state-disputed{color:#ff8f84}.totals .warning,.notice{color:#f0c454}.totals .suggestion{color:#8cb8ff}
.sugg{color:#7fd68f}.claim .signals,.claim code.mark{color:#b8b8b8}li.finding.active{background:#3d3812}li.finding.active .where{color:#e4e4e4}mark.hl.active{outline-color:#fff}}
"""

_JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var rows = data.rows.slice(), page = 0, sortKey = "path", sortDir = 1;
  var tbody = document.querySelector("#essay-table tbody");
  var filter = document.getElementById("filter"), catFilter = document.getElementById("cat-filter");
  function visible() {
    var q = filter.value.toLowerCase(), cat = catFilter.value;
    return rows.filter(function (r) {
      return r.path.toLowerCase().indexOf(q) !== -1 && (!cat || r[cat] > 0);
    });
  }
  function cell(value, numeric) {
    var td = document.createElement("td");
    if (numeric) { td.className = "num"; }
    td.textContent = value === null || value === undefined ? "" : String(value);
    return td;
  }
  function draw() {
    var shown = visible(), pages = Math.max(1, Math.ceil(shown.length / data.pageSize));
    page = Math.min(page, pages - 1);
    tbody.textContent = "";
    shown.slice(page * data.pageSize, (page + 1) * data.pageSize).forEach(function (r) {
      var tr = document.createElement("tr"), td = document.createElement("td"), a = document.createElement("a");
      tr.dataset.index = r.i;
      a.textContent = r.path; a.href = "#"; a.dataset.open = r.path;
      td.appendChild(a); tr.appendChild(td);
      tr.appendChild(cell(r.grade, true)); tr.appendChild(cell(r.ease, true));
      tr.appendChild(cell(r.words, true)); tr.appendChild(cell(r.total, true));
      data.categories.forEach(function (c) { tr.appendChild(cell(r[c], true)); });
      tbody.appendChild(tr);
    });
    document.getElementById("page-info").textContent =
      shown.length + " of " + rows.length + " essays, page " + (page + 1) + " of " + pages;
  }
  function sortBy(key) {
    sortDir = key === sortKey ? -sortDir : 1; sortKey = key;
    rows.sort(function (a, b) {
      var x = a[key], y = b[key];
      if (x === y) { return 0; }
      if (x === null || x === undefined) { return 1; }
      if (y === null || y === undefined) { return -1; }
      return (x < y ? -1 : 1) * sortDir;
    });
    document.querySelectorAll("#essay-table thead th").forEach(function (th) {
      th.setAttribute("aria-sort", th.dataset.key !== key ? "none" : sortDir > 0 ? "ascending" : "descending");
    });
    draw();
  }
  function open(path) {
    var r = data.rows.filter(function (x) { return x.path === path; })[0];
    if (!r) { return; }
    var detail = document.getElementById("detail");
    detail.textContent = "";
    detail.appendChild(document.getElementById("tpl-" + r.i).content.cloneNode(true));
    current = -1;
    var heading = detail.querySelector("h2");
    heading.tabIndex = -1;
    heading.focus({preventScroll: true});
    detail.scrollIntoView();
  }
  document.querySelector("#essay-table thead").addEventListener("click", function (e) {
    var cell = e.target.closest && e.target.closest("[data-key]");
    if (cell) { sortBy(cell.dataset.key); }
  });
  var current = -1;
  function activate(ids, scroll) {
    var scope = document.getElementById("detail");
    scope.querySelectorAll(".active").forEach(function (n) { n.classList.remove("active"); });
    ids.forEach(function (id) {
      scope.querySelectorAll('[data-f~="' + id + '"]').forEach(function (n) { n.classList.add("active"); });
    });
    current = ids.length ? parseInt(ids[0], 10) : -1;
    if (!scroll) { return; }
    var item = scope.querySelector('li.finding[data-f="' + ids[0] + '"]');
    var mark = scope.querySelector('.essay-rendered mark.active') || scope.querySelector("mark.active");
    if (item) { item.focus({preventScroll: true}); }
    (mark || item).scrollIntoView({block: "center"});
  }
  function step(by) {
    var items = document.querySelectorAll("#detail li.finding");
    if (!items.length) { return; }
    var next = Math.min(items.length - 1, Math.max(0, current + by));
    activate([items[next].dataset.f], true);
  }
  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target.closest("[data-open], mark.hl, li.finding") : null;
    if (!t) { return; }
    if (t.dataset.open) { e.preventDefault(); open(t.dataset.open); return; }
    activate((t.dataset.f || "").split(" "), t.tagName === "LI");
  });
  document.addEventListener("keydown", function (e) {
    var tag = e.target.tagName;
    if (e.altKey || e.ctrlKey || e.metaKey || tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    if (e.key === "j" || e.key === "k") { e.preventDefault(); step(e.key === "j" ? 1 : -1); }
    else if (e.key === "Enter" && e.target.matches && e.target.matches("li.finding")) {
      e.preventDefault(); activate([e.target.dataset.f], true);
    }
  });
  filter.addEventListener("input", function () { page = 0; draw(); });
  catFilter.addEventListener("change", function () { page = 0; draw(); });
  document.getElementById("prev").addEventListener("click", function () { page = Math.max(0, page - 1); draw(); });
  document.getElementById("next").addEventListener("click", function () { page += 1; draw(); });
  draw();
})();
"""


# GitHub's job summary takes at most 1 MiB: a top view of a large corpus, the full one in the HTML page.
MARKDOWN_ESSAYS = 100
MARKDOWN_CLAIMS = 300


def render_markdown(essays: Sequence[EssayReport]) -> str:
    from lint.reporters.markdown import cell, table

    findings = [f for e in essays for f in e.result.findings]
    by_level = Counter(f.level.label for f in findings)
    by_category = Counter(f.category for f in findings)
    out = ["# essaylint review report", ""]
    out.append(
        f"**{counted(len(essays), 'essay')}**, {counted(len(findings), 'finding')} "
        f"({counted(by_level.get('error', 0), 'error')}, {counted(by_level.get('warning', 0), 'warning')}, "
        f"{counted(by_level.get('suggestion', 0), 'suggestion')})."
    )
    shown = sorted(essays, key=lambda e: (-e.counts_by_level().get("error", 0), -len(e.result.findings), e.path))
    if len(essays) > MARKDOWN_ESSAYS:
        out += ["", f"The {MARKDOWN_ESSAYS} essays with the most errors, then findings, of {len(essays):,}:"]
    present = [c for c in CATEGORIES if by_category.get(c)]
    out.append("")
    out += table(
        ["essay", "grade", "ease", "words", "findings", *present],
        (
            [
                e.path,
                one_decimal(e.metrics.get("flesch_kincaid_grade", "")),
                one_decimal(e.metrics.get("flesch_reading_ease", "")),
                e.metrics.get("words", ""),
                len(e.result.findings),
                *(e.counts().get(c, 0) for c in present),
            ]
            for e in (shown[:MARKDOWN_ESSAYS] if len(essays) > MARKDOWN_ESSAYS else essays)
        ),
        right=range(1, 5 + len(present)),
    )
    claims = [(e.path, c) for e in essays for c in e.claims]
    out += ["", f"## Claims to review ({len(claims):,})", ""]
    listed = 0
    for state in sorted({c.state for _, c in claims}):
        in_state = [(path, c) for path, c in claims if c.state == state]
        room = max(MARKDOWN_CLAIMS - listed, 0)
        out += [f"### {state} ({len(in_state):,})", ""]
        out += [f"- `{c.claim_id}` {cell(path)}:{c.line}: {cell(c.sentence)}" for path, c in in_state[:room]]
        if len(in_state) > room:
            out.append(f"- ... and {len(in_state) - room:,} more: `essaylint claims list --state {state}`")
        listed += min(room, len(in_state))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
