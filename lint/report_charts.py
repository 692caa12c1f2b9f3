"""Small bar charts for the review report, drawn as inline SVG with their data as a table beside them.

Two charts go into every essay's panel (findings by category, reading grade
per section). matplotlib, which draws the corpus-wide histogram once, costs
about 40 ms a chart: 160 s more for 2,000 essays, so these few rectangles
are written directly. Every chart is an image with a name for screen readers
(`role="img"`, `aria-label`) and its numbers as a table one click away, the
text alternative a reader without the picture gets.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from lint.reporters import formatted

BAR_HEIGHT = 18
LABEL_WIDTH = 185
BAR_WIDTH = 220


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _short(label: str, limit: int = 27) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "\u2026"


def bar_chart(
    title: str,
    bars: Sequence[tuple[str, float | int]],
    unit: str,
    marker: float | None = None,
    marker_label: str = "",
) -> str:
    """A horizontal bar chart: one labelled bar per item, an optional dashed line at `marker`."""
    if not bars:
        return ""
    top = max([*(value for _, value in bars), marker or 0.0, 1.0])
    height = BAR_HEIGHT * len(bars) + 8
    width = LABEL_WIDTH + BAR_WIDTH + 50
    summary = "; ".join(f"{label}: {formatted(value)}" for label, value in bars)
    parts = [
        f'<svg class="bars" role="img" aria-label="{esc(title)}: {esc(summary)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">'
    ]
    for row, (label, value) in enumerate(bars):
        y = 4 + row * BAR_HEIGHT
        length = max(0.0, value) / top * BAR_WIDTH
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end">{esc(_short(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{length:.1f}" height="{BAR_HEIGHT - 5}"></rect>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 13}">{esc(formatted(value))}</text>'
        )
    if marker is not None:
        x = LABEL_WIDTH + marker / top * BAR_WIDTH
        parts.append(f'<line class="marker" x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{height}"></line>')
    parts.append("</svg>")
    rows = "".join(f"<tr><th>{esc(label)}</th><td>{esc(formatted(value))}</td></tr>" for label, value in bars)
    note = f" The dashed line is {esc(marker_label)}." if marker is not None and marker_label else ""
    return (
        f'<figure class="chart"><figcaption>{esc(title)}.{note}</figcaption>{"".join(parts)}'
        f"<details><summary>{esc(title)} as a table</summary><table><tr><th>{esc(unit[0])}</th>"
        f"<th>{esc(unit[1])}</th></tr>{rows}</table></details></figure>"
    )


def findings_by_category(counts: dict[str, int]) -> str:
    bars = [(category, n) for category, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n]
    return bar_chart("Findings by category", bars, ("category", "findings"))


def grade_by_section(sections: Sequence[dict]) -> str:
    bars = [
        (str(s.get("heading") or f"line {s.get('line')}"), float(s["flesch_kincaid_grade"]))
        for s in sections
        if isinstance(s.get("flesch_kincaid_grade"), int | float)
    ]
    if len(bars) < 2:  # one section is the document's own grade, in the table above
        return ""
    return bar_chart(
        "Reading grade per section", bars, ("section", "Flesch-Kincaid grade"), 12.0, "grade 12, a general audience"
    )
