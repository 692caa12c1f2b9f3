"""`path:line:col: level rule message`, grouped per file, then a summary line."""

from __future__ import annotations

from collections.abc import Sequence

from lint.reporters import ReportOptions, log_line, summary, terminal_safe
from lint.result import FileResult

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "suggestion": "\033[36m"}
_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    out: list[str] = []
    for result in results:
        if not result.findings:
            continue
        path = log_line(terminal_safe(result.path))
        if options.color:
            out.append(f"{_BOLD}{path}{_RESET}")
        for f in result.findings:
            level = f.level.label
            if options.color:
                level = f"{_COLORS[level]}{level}{_RESET}"
                rule = f"{_DIM}{f.rule}{_RESET}"
            else:
                rule = f.rule
            message = terminal_safe(f.message.replace("\r", "\\r").replace("\n", "\\n"))
            line = f"{path}:{f.line}:{f.column}: {level} {rule} {message}"
            if f.suggestions:
                line += f" (suggestion: {terminal_safe(' | '.join(f.suggestions[:3]))})"
            out.append(line)
        out.append("")
    if not options.quiet or any(r.findings for r in results):
        s = summary(results)
        levels = s["by_level"]
        parts = ", ".join(f"{n} {name}{'s' if n != 1 else ''}" for name, n in levels.items())
        noun = "file" if s["files"] == 1 else "files"
        total = s["findings"]
        out.append(
            f"{total} finding{'s' if total != 1 else ''} ({parts}) in {s['files_with_findings']} of {s['files']} {noun} checked"
            + (f", {s['skipped']} skipped" if s["skipped"] else "")
        )
    return "\n".join(out) + ("\n" if out else "")
