"""Per-file result cache, as ruff keeps one: re-linting an unchanged essay costs a hash and a read.

A result is stored under the hash of the file's bytes, its displayed path
and a *rules key*: every rule file's bytes, the config, the command-line
selection, the claims ledger and the essaylint version. Any change to those
makes every key new, so the cache is never stale after a rule change.
Entries are JSON (a cache someone tampered with cannot run code) written to
a temporary file and renamed, so concurrent runs never see half an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from lint import __version__
from lint.engine import FileResult
from lint.finding import Edit, Finding, Fix, Level

CACHE_DIR = ".essaylint_cache"
FORMAT = 1


def rules_key(linter: Any) -> str:
    """A hash of everything besides the essay that can change its findings.

    Built from the bytes of every rule file in the rule folders (found, not
    loaded: a run answered wholly from the cache never loads a rule) and from
    plain config values, which decide the selection and levels. Plain values
    only: the repr of a compiled option can contain a memory address, which
    would give every worker process a different key.
    """
    from lint.ruleset import RuleLoadError, discover

    digest = hashlib.sha256(f"essaylint {__version__} cache {FORMAT}".encode())
    config = linter.config
    for folder in linter.folders:
        digest.update(f"folder\0{folder}\0".encode("utf-8", "surrogatepass"))
        try:
            found = list(discover(folder))
        except RuleLoadError:
            continue  # a missing folder: loading the rules reports it
        for path, rule_id, _category in found:
            digest.update(f"{rule_id}\0".encode())
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"\0unreadable")
    plain = {
        "options": config.rule_options,
        "select_config": config.select,
        "ignore_config": config.ignore,
        "enable": config.enable,
        "levels": {k: v.label for k, v in config.levels.items()},
        "accept": sorted(config.vocabulary_accept),
        "reject": sorted(config.vocabulary_reject),
        "language": config.language,
        "max_file_size": config.max_file_size,
        "overrides": [
            {
                "files": o.files,
                "select": o.select,
                "ignore": o.ignore,
                "levels": {k: v.label for k, v in o.levels.items()},
            }
            for o in config.overrides
        ],
        "settings": config.settings,
        "selection": [linter.selection.select, linter.selection.ignore, linter.selection.extend_select],
        "languagetool_server": os.environ.get("ESSAYLINT_LANGUAGETOOL_SERVER", ""),
    }
    digest.update(json.dumps(plain, sort_keys=True, default=str).encode())
    ledger = Path(config.ledger_path)
    if ledger.is_file():
        digest.update(ledger.read_bytes())
    return digest.hexdigest()


def _finding_from_dict(data: dict[str, Any]) -> Finding:
    fix = None
    if data.get("fix"):
        edits = tuple(Edit(e["start"], e["end"], e["text"]) for e in data["fix"]["edits"])
        fix = Fix(edits, data["fix"]["safe"], data["fix"].get("description", ""))
    return Finding(
        rule=data["rule"],
        category=data["category"],
        level=Level.parse(data["level"]),
        path=data["path"],
        line=data["line"],
        column=data["column"],
        end_line=data["end_line"],
        end_column=data["end_column"],
        message=data["message"],
        suggestions=tuple(data.get("suggestions", ())),
        fix=fix,
        offset=data.get("offset", 0),
        end_offset=data.get("end_offset", 0),
        data=data.get("data", {}),
        fingerprint=data.get("fingerprint", ""),
    )


class Cache:
    def __init__(self, root: Path, key: str) -> None:
        self.dir = root / CACHE_DIR / key[:16]
        self.key = key
        self.hits = self.misses = 0

    def _path(self, raw: bytes, display: str, metrics: bool) -> Path:
        digest = hashlib.sha256(raw)
        digest.update(b"\0" + display.encode("utf-8", "surrogatepass") + (b"\0m" if metrics else b""))
        name = digest.hexdigest()
        return self.dir / name[:2] / f"{name}.json"

    def get(self, raw: bytes, display: str, metrics: bool) -> FileResult | None:
        path = self._path(raw, display, metrics)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            result = FileResult(
                path=data["path"],
                findings=[_finding_from_dict(f) for f in data["findings"]],
                notices=list(data.get("notices", [])),
                skipped=bool(data.get("skipped")),
                metrics=data.get("metrics", {}),
            )
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, raw: bytes, display: str, metrics: bool, result: FileResult) -> None:
        if any(f.rule.startswith("essaylint.") for f in result.findings):
            return  # time-outs and internal errors may not recur: never cache them
        from lint.checks.languagetool import NOTICE_PREFIX

        if any(n.startswith(NOTICE_PREFIX) for n in result.notices):
            return  # LanguageTool may be back next run
        path = self._path(raw, display, metrics)
        findings = []
        for f in result.findings:
            entry = f.to_dict()
            entry["offset"], entry["end_offset"] = f.offset, f.end_offset
            findings.append(entry)
        data = {
            "path": result.path,
            "findings": findings,
            "notices": result.notices,
            "skipped": result.skipped,
            "metrics": result.metrics,
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            gitignore = self.dir.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# created by essaylint\n*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs speed
