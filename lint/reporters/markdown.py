"""A Markdown summary for $GITHUB_STEP_SUMMARY or a pull-request comment.

Totals by level and category, then the findings, most severe first (every
error before any warning) and by file and line, capped at MAX_ROWS so
2,000 essays still fit GitHub's 1 MiB step summary; the cap and where the
full list is are stated. Every piece of text from essays or rules is
escaped for Markdown tables.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from lint.reporters import ReportOptions, counted, summary
from lint.result import FileResult

MAX_ROWS = 200


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no HTML, no links."""
    text = " ".join(str(text).split())
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text


def table(header: Sequence[str], rows: Iterable[Sequence[object]], right: Sequence[int] = ()) -> list[str]:
    """A Markdown table, every cell escaped (`cell`); columns numbered in `right` are right-aligned numbers."""
    out = [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "| " + " | ".join("---:" if i in right else "---" for i in range(len(header))) + " |",
    ]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return out


def full_report_hint() -> str:
    """Where the whole list is: the workflow run's page on GitHub Actions, else the commands that make it."""
    server, repo, run = (os.environ.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    commands = (
        "`essaylint check --format json` lists them all; `essaylint report PATHS -o report.html` shows them in place"
    )
    if server and repo and run:
        return f"{commands}; this run: {server}/{repo}/actions/runs/{run}"
    return commands


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    s = summary(results)
    out = ["## essaylint", ""]
    levels = s["by_level"]
    out.append(
        f"**{counted(s['findings'], 'finding')}** in {s['files_with_findings']:,} of {counted(s['files'], 'file')}: "
        f"{counted(levels['error'], 'error')}, {counted(levels['warning'], 'warning')}, "
        f"{counted(levels['suggestion'], 'suggestion')}."
    )
    out.append("")
    if s["by_category"]:
        out += table(["category", "findings"], ((c, f"{n:,}") for c, n in s["by_category"].items()), right=[1])
        out.append("")
    rows = sorted(
        ((r.path, f) for r in results for f in r.findings),
        key=lambda pf: (-pf[1].level, pf[0], pf[1].line, pf[1].column),
    )
    if rows:
        if len(rows) > MAX_ROWS:
            out += [f"The {MAX_ROWS} most severe of {counted(len(rows), 'finding')}, errors first:", ""]
        out += table(
            ["file", "line", "level", "rule", "message"],
            ((path, f.line, f.level.label, f.rule, f.message) for path, f in rows[:MAX_ROWS]),
            right=[1],
        )
        if len(rows) > MAX_ROWS:
            out += ["", f"... and {len(rows) - MAX_ROWS:,} more: {full_report_hint()}."]
    return "\n".join(out) + "\n"
