"""JUnit XML: one testsuite per file, one testcase per rule, a failure per rule with findings.

CI dashboards (GitLab, Jenkins, Azure) show rules as tests, so a file's
report reads "structure.single-title passed, spelling.confusables failed
(line 23: ...)". A rule fails only with findings at or above `--fail-on`,
so JUnit agrees with the exit status; findings below it are listed in the
test case's `<system-out>`. XML is written with ElementTree, which escapes
markup; characters XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF, lone
surrogates) are written as `\\xNN` escapes, or no parser reads the file.
Validated against the Jenkins xunit plugin's junit-10.xsd.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from lint.finding import Finding
from lint.reporters import ReportOptions
from lint.result import FileResult

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    root = ET.Element("testsuites", name="essaylint")
    total_tests = total_failures = 0
    rule_ids = sorted(options.rules)
    fail_on = options.fail_on
    for result in results:
        by_rule: dict[str, list] = {}
        for f in result.findings:
            by_rule.setdefault(f.rule, []).append(f)
        ids = sorted(set(rule_ids) | set(by_rule))
        failing = {r for r, found in by_rule.items() if any(f.level >= fail_on for f in found)}
        path = xml_safe(result.path)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=path,
            tests=str(len(ids)),
            failures=str(len(failing)),
            errors="0",
            skipped="1" if result.skipped else "0",
        )
        for rule_id in ids:
            case = ET.SubElement(suite, "testcase", name=rule_id, classname=path)
            findings = by_rule.get(rule_id, [])
            failures = [f for f in findings if f.level >= fail_on]
            below = [f for f in findings if f.level < fail_on]
            if failures:
                first = failures[0]
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=first.level.label,
                    message=xml_safe(f"{len(failures)} finding(s); first at line {first.line}: {first.message}"),
                )
                failure.text = xml_safe("\n".join(_line(f) for f in failures))
            if below:
                ET.SubElement(case, "system-out").text = xml_safe("\n".join(_line(f) for f in below))
        total_tests += len(ids)
        total_failures += len(failing)
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _line(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.level.label} {f.message}"
