"""JUnit XML: one testsuite per file, one testcase per rule, a failure per rule with findings.

CI dashboards (GitLab, Jenkins, Azure) show rules as tests, so a file's
report reads "structure.single-title passed, spelling.confusables failed
(line 23: ...)". XML is written with ElementTree, which escapes everything.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from lint.engine import FileResult
from lint.reporters import ReportOptions


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    root = ET.Element("testsuites", name="essaylint")
    total_tests = total_failures = 0
    rule_ids = sorted(options.rules)
    for result in results:
        by_rule: dict[str, list] = {}
        for f in result.findings:
            by_rule.setdefault(f.rule, []).append(f)
        ids = sorted(set(rule_ids) | set(by_rule))
        suite = ET.SubElement(
            root,
            "testsuite",
            name=result.path,
            tests=str(len(ids)),
            failures=str(len(by_rule)),
            errors="0",
            skipped="1" if result.skipped else "0",
        )
        for rule_id in ids:
            case = ET.SubElement(suite, "testcase", name=rule_id, classname=result.path)
            findings = by_rule.get(rule_id)
            if findings:
                first = findings[0]
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=first.level.label,
                    message=f"{len(findings)} finding(s); first at line {first.line}: {first.message}",
                )
                failure.text = "\n".join(f"{f.path}:{f.line}:{f.column}: {f.level.label} {f.message}" for f in findings)
        total_tests += len(ids)
        total_failures += len(by_rule)
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
