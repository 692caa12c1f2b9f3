"""A Markdown summary for $GITHUB_STEP_SUMMARY or a pull-request comment.

Totals by level and category, then the findings, most severe first (every
error before any warning) and by file and line, capped at MAX_ROWS so
2,000 essays still fit GitHub's 1 MiB step summary; the cap and where the
full list is are stated. Every piece of text from essays or rules is
escaped for Markdown tables.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from lint.reporters import ReportOptions, counted, summary
from lint.result import FileResult

MAX_ROWS = 200


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no HTML, no links."""
    text = " ".join(str(text).split())
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text


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
        out += ["| category | findings |", "| --- | ---: |"]
        out += [f"| {cell(c)} | {n:,} |" for c, n in s["by_category"].items()]
        out.append("")
    rows = sorted(
        ((r.path, f) for r in results for f in r.findings),
        key=lambda pf: (-pf[1].level, pf[0], pf[1].line, pf[1].column),
    )
    if rows:
        if len(rows) > MAX_ROWS:
            out += [f"The {MAX_ROWS} most severe of {counted(len(rows), 'finding')}, errors first:", ""]
        out += ["| file | line | level | rule | message |", "| --- | ---: | --- | --- | --- |"]
        for path, f in rows[:MAX_ROWS]:
            out.append(f"| {cell(path)} | {f.line} | {f.level.label} | {cell(f.rule)} | {cell(f.message)} |")
        if len(rows) > MAX_ROWS:
            out += ["", f"... and {len(rows) - MAX_ROWS:,} more: {full_report_hint()}."]
    return "\n".join(out) + "\n"
