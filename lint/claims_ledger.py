"""The review ledger: which claims an editor has checked, and what they found.

`claims.yaml` (at the project root unless the config says otherwise) holds
one entry per reviewed claim: id, file, sentence, status (verified,
disputed, needs-source), source, note, reviewer, date. It is edited with
ruamel.yaml's round-trip mode, so comments and order written by people
survive `essaylint claims mark`, and written atomically like every fix.

A claim's id is the hash of its normalised sentence: an edited sentence is a
new claim, and the old entry, matched by file and similarity, is listed as
stale ("changed").
"""

from __future__ import annotations

import datetime
import difflib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STATUSES = ("verified", "disputed", "needs-source")
SIMILAR = 0.6  # how alike an edited sentence must be to its reviewed version to count as "changed"


class LedgerError(Exception):
    """A ledger that cannot be read or written; the message names the file."""


@dataclass
class Entry:
    id: str
    file: str
    sentence: str
    status: str
    source: str = ""
    note: str = ""
    reviewer: str = ""
    date: str = ""


class Ledger:
    """Entries by claim and file: a review holds for the sentence in the file it was made in.

    Files are named relative to the project root (the config file's folder,
    else the git work tree), so `2023/intro.md` and `2024/intro.md` are
    different files and a run from a subfolder finds the same entries.
    """

    def __init__(self, path: Path, entries: list[Entry]) -> None:
        self.path = path
        self.entries = entries
        self.by_key = {(e.id, e.file): e for e in entries}
        # Entries by file: a ledger of thousands of reviewed claims is searched per claim.
        self.by_file: dict[str, list[Entry]] = {}
        for entry in entries:
            self.by_file.setdefault(entry.file, []).append(entry)

    def get(self, claim_id: str, file: str) -> Entry | None:
        return self.by_key.get((claim_id, file))

    def similar(self, file: str, sentence: str) -> Entry | None:
        """The reviewed entry of the same file this sentence is an edit of, if any."""
        best, score = None, SIMILAR
        for entry in self.by_file.get(file, ()):
            ratio = difflib.SequenceMatcher(None, entry.sentence.lower(), sentence.lower()).ratio()
            if ratio >= score and ratio < 1.0:
                best, score = entry, ratio
        return best


_CACHE: dict[str, tuple[float, Ledger]] = {}


def load_ledger(path: str | Path) -> Ledger:
    path = Path(path)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return Ledger(path, [])
    cached = _CACHE.get(str(path))
    if cached and cached[0] == mtime:
        return cached[1]
    from lint.yamlio import YamlError, load_yaml

    try:
        data, lines = load_yaml(path)
    except YamlError as exc:
        raise LedgerError(str(exc)) from None
    entries = []
    for i, raw in enumerate((data or {}).get("claims", []) if isinstance(data, dict) else []):
        if not isinstance(raw, dict) or "id" not in raw or "status" not in raw:
            line = lines.get(("claims", i), "?")
            raise LedgerError(f"{path}:{line}: claims.{i}: each entry needs 'id' and 'status'")
        if raw["status"] not in STATUSES:
            line = lines.get(("claims", i, "status"), "?")
            raise LedgerError(f"{path}:{line}: status: {raw['status']!r} is not one of {', '.join(STATUSES)}")
        entries.append(Entry(**{k: str(raw.get(k, "") or "") for k in Entry.__dataclass_fields__}))
    ledger = Ledger(path, entries)
    _CACHE[str(path)] = (mtime, ledger)
    return ledger


def mark(path: Path, claim: dict[str, Any], status: str, source: str = "", note: str = "", reviewer: str = "") -> Entry:
    """Record a review, keeping the ledger's comments and order; written atomically, under a lock."""
    if status not in STATUSES:
        raise LedgerError(f"status must be one of {', '.join(STATUSES)}")
    from lint.files import folder_lock

    with folder_lock(path):  # read, merge and write as one step: concurrent marks all land
        entry = _mark_locked(path, claim, status, source, note, reviewer)
    _CACHE.pop(str(path), None)
    return entry


def _mark_locked(path: Path, claim: dict[str, Any], status: str, source: str, note: str, reviewer: str) -> Entry:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    original: bytes | None
    yaml = YAML()  # round-trip: comments, order and quoting survive
    yaml.width = 4096
    if path.exists():
        from lint.files import read_regular
        from lint.yamlio import MAX_YAML_BYTES

        try:
            original = read_regular(path, MAX_YAML_BYTES)
            document = yaml.load(original.decode("utf-8")) or CommentedMap()
        except Exception as exc:  # ruamel raises many types; all mean "cannot read the ledger"
            raise LedgerError(f"{path}: cannot read the ledger: {exc}") from None
    else:
        original = None
        document = CommentedMap()
        document.yaml_set_start_comment(
            "Claims reviewed by editors (essaylint claims mark). Edit freely; ids are sentence hashes."
        )
    claims = document.setdefault("claims", CommentedSeq())
    entry = Entry(
        id=claim["claim_id"],
        file=claim["file"],
        sentence=claim["sentence"],
        status=status,
        source=source,
        note=note,
        reviewer=reviewer or default_reviewer(),
        date=datetime.date.today().isoformat(),
    )
    record = CommentedMap((k, getattr(entry, k)) for k in Entry.__dataclass_fields__)
    for existing in claims:
        if isinstance(existing, dict) and existing.get("id") == entry.id and existing.get("file") == entry.file:
            for key, value in record.items():
                existing[key] = value
            break
    else:
        claims.append(record)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    data = buffer.getvalue().encode("utf-8")
    from lint.fixes import FixError, write_atomic

    try:
        if original is not None:
            write_atomic(path, data, original)
        else:
            from lint.files import atomic_binary

            with atomic_binary(path) as handle:
                handle.write(data)
    except (FixError, OSError) as exc:
        raise LedgerError(f"{path}: not written: {exc}") from None
    return entry


def default_reviewer() -> str:
    """$USER, else the git user (CI runners and containers often have no $USER), else empty."""
    user = os.environ.get("USER", "")
    if user:
        return user
    import subprocess

    try:
        found = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return found.stdout.strip() if found.returncode == 0 else ""


def review_state(ledger: Ledger, claim_id: str, file: str, sentence: str) -> tuple[str, Entry | None, Entry | None]:
    """(state, the entry of this claim, the entry it is an edit of): one place for check and list to agree."""
    entry = ledger.get(claim_id, file)
    if entry is not None:
        return entry.status, entry, None
    old = ledger.similar(file, sentence)
    return ("changed", None, old) if old is not None else ("new", None, None)


@dataclass
class ListedClaim:
    claim_id: str
    file: str
    line: int
    sentence: str
    state: str  # new, verified, disputed, needs-source, changed, stale
    signals: str = ""
    source: str = ""
    note: str = ""
    relpath: str = ""  # as the ledger names the file: relative to the project root
    kind: str = ""  # attribution, figure, superlative, event, entity or statement


def list_claims(linter: Any, files: list[tuple[Path, str]], ledger: Ledger) -> list[ListedClaim]:
    """Every claim in the files with its review state, then ledger entries no claim matches (stale)."""
    from lint.checks import Rule
    from lint.document import Document

    rules: list[Rule] = [r for r in linter.all_rules if r.kind == "claims"]
    if not rules:
        return []
    from lint.ruleset import build_checks

    checks = build_checks([_without_ledger(r) for r in rules])
    seen_ids: set[str] = set()
    changed_entries: set[str] = set()
    listed: list[ListedClaim] = []
    for path, display in files:
        from lint.files import read_regular

        try:
            doc = Document(display, read_regular(path, linter.config.max_file_size))
        except OSError:
            continue
        doc.relpath = linter.config.relative(path)
        for check in checks.values():
            for finding in check.check(doc, linter.context):
                cid = finding.data["claim_id"]
                if (cid, doc.relpath) in seen_ids:
                    continue
                seen_ids.add((cid, doc.relpath))
                sentence = finding.data["sentence"]
                state, entry, old = review_state(ledger, cid, doc.relpath, sentence)
                source, note = (entry.source, entry.note) if entry is not None else ("", "")
                if old is not None:
                    note = f"edited since review of {old.id} ({old.status})"
                    changed_entries.add((old.id, old.file))
                signals = "; ".join(
                    f"{k}: {', '.join(dict.fromkeys(v))}" for k, v in finding.data["signals"].items() if k != "blocked"
                )
                listed.append(
                    ListedClaim(cid, display, finding.line, sentence, state, signals, source, note, doc.relpath)
                )
    for entry in ledger.entries:
        if (entry.id, entry.file) not in seen_ids:
            edited = (entry.id, entry.file) in changed_entries
            note = "its sentence was edited" if edited else "no longer found in the checked files"
            listed.append(
                ListedClaim(entry.id, entry.file, 0, entry.sentence, "stale", "", entry.source, note, entry.file)
            )
    return listed


def claims_in_findings(findings: list[Any], display: str) -> list[ListedClaim]:
    """The claims among one file's findings, as listed: what a report shows beside those findings.

    A report built from `list_claims` instead counted claims the findings do
    not show (verified ones, and duplicates across files collapsed into one).
    """
    listed = []
    for finding in findings:
        data = finding.data or {}
        if "claim_id" not in data:
            continue
        signals = "; ".join(
            f"{k}: {', '.join(dict.fromkeys(v))}" for k, v in data.get("signals", {}).items() if k != "blocked"
        )
        listed.append(
            ListedClaim(
                data["claim_id"],
                display,
                finding.line,
                data.get("sentence", ""),
                data.get("state", "new"),
                signals,
                kind=data.get("kind", ""),
            )
        )
    return listed


def _without_ledger(rule: Any) -> Any:
    from dataclasses import replace

    return replace(rule, options={**rule.options, "ledger": False})
