"""A Markdown summary for $GITHUB_STEP_SUMMARY or a pull-request comment.

Totals by level and category, then the findings per file (capped, so a
large corpus still fits a comment). Every piece of text from essays or
rules is escaped for Markdown tables.
"""

from __future__ import annotations

from collections.abc import Sequence

from lint.engine import FileResult
from lint.reporters import ReportOptions, summary

MAX_ROWS = 200


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no HTML, no links."""
    text = " ".join(str(text).split())
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    s = summary(results)
    out = ["## essaylint", ""]
    levels = s["by_level"]
    out.append(
        f"**{s['findings']} findings** in {s['files_with_findings']} of {s['files']} files: "
        f"{levels['error']} errors, {levels['warning']} warnings, {levels['suggestion']} suggestions."
    )
    out.append("")
    if s["by_category"]:
        out += ["| category | findings |", "| --- | ---: |"]
        out += [f"| {cell(c)} | {n} |" for c, n in s["by_category"].items()]
        out.append("")
    rows = [(r.path, f) for r in results for f in r.findings]
    if rows:
        out += ["| file | line | level | rule | message |", "| --- | ---: | --- | --- | --- |"]
        for path, f in rows[:MAX_ROWS]:
            out.append(f"| {cell(path)} | {f.line} | {f.level.label} | {cell(f.rule)} | {cell(f.message)} |")
        if len(rows) > MAX_ROWS:
            out += ["", f"... and {len(rows) - MAX_ROWS} more (see the full report)."]
    return "\n".join(out) + "\n"
