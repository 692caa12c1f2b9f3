"""Encoding checks on files written here, on the seed corpus, and on ftfy's own test cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.config import Config
from lint.document import Document
from lint.engine import Linter, Selection
from lint.fixes import apply_edits
from tests.conftest import CORPUS, ROOT, run_cli

FTFY = ROOT.parent / "shared" / "external" / "ftfy"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(), Selection(select=["encoding"]))


def lint_bytes(linter: Linter, raw: bytes):
    return linter.lint_bytes("t.md", raw).findings


def where(findings):
    return [(f.rule.split(".", 1)[1], f.line, f.column) for f in findings]


def test_seed_corpus_only_003_has_mojibake(linter):
    for path in sorted(CORPUS.iterdir()):
        found = linter.lint_path(path, path.name).findings
        if path.name.startswith("003"):
            assert where(found) == [("mojibake", 1, 27)]
            assert found[0].suggestions == ("Nation’s",)
            assert path.read_text(encoding="utf-8")[found[0].offset : found[0].end_offset] == "Nationâ€™s"
        else:
            assert found == [], path.name


def test_cp1252_file_names_the_encoding_per_line(linter):
    raw = "# Café\n\nNaïve text\nclean line\n“Quoted” too\n".encode("cp1252")
    found = lint_bytes(linter, raw)
    undecodable = [f for f in found if f.rule == "encoding.undecodable"]
    assert [(f.line, f.column) for f in undecodable] == [(1, 6), (3, 3), (5, 1)]
    assert "cp1252" in undecodable[0].message or "1252" in undecodable[0].message
    assert "iconv" in undecodable[0].message
    assert not [f for f in found if f.rule == "encoding.replacement-character"]


@pytest.mark.parametrize(
    ("text", "rule", "line", "column"),
    [
        ("# T\n\nA \ufffd lost.\n", "replacement-character", 3, 3),
        ("# T\n\nBell\x07 here.\n", "control-characters", 3, 5),
        ("# T\n\nC1 \x85 here.\n", "control-characters", 3, 4),
        ("# T\n\nco\u200boperation\n", "invisible-characters", 3, 3),
        ("# T\n\nsoft\u00adhyphen\n", "invisible-characters", 3, 5),
        ("# T\n\nsafe \u202eevil\u202c text\n", "bidi-controls", 3, 6),
        ("# T\n\nisolate \u2066x\u2069\n", "bidi-controls", 3, 9),
        ("\ufeff# T\n\nBody.\n", "bom", 1, 1),
        ("# T\n\nthin\u2009space\n", "unusual-spaces", 3, 5),
        ("# T\n\nCafe\u0301 au lait\n", "not-nfc", 3, 1),
    ],
)
def test_each_character_class(linter, text, rule, line, column):
    found = [f for f in lint_bytes(linter, text.encode()) if f.rule == f"encoding.{rule}"]
    assert (found[0].line, found[0].column) == (line, column), where(found)


def test_bidi_is_an_error_and_unusual_space_a_suggestion(linter):
    found = {f.rule: f.level.label for f in lint_bytes(linter, "a\u202eb c\u3000d\n".encode())}
    assert found["encoding.bidi-controls"] == "error"
    assert found["encoding.unusual-spaces"] == "suggestion"


def test_unusual_spaces_in_code_are_left_alone(linter):
    assert not lint_bytes(linter, "# T\n\n```\na\u2009b\n```\n".encode())


def test_mixed_line_endings_one_finding_where_minority_starts(linter):
    raw = b"# T\r\n\r\nOne.\r\nTwo.\nThree.\r\n"
    found = [f for f in lint_bytes(linter, raw) if f.rule == "encoding.mixed-line-endings"]
    assert [(f.line, f.column) for f in found] == [(4, 5)]
    assert "1 LF" in found[0].message and "4 CRLF" in found[0].message


def test_curly_quotes_that_are_correct_stay_curly(linter):
    assert not lint_bytes(linter, "# T\n\nThe nation’s “right” — fine.\n".encode())


def run_fix(tmp_path: Path, raw: bytes, *extra: str) -> tuple[bytes, object]:
    path = tmp_path / "essay.md"
    path.write_bytes(raw)
    result = run_cli("check", "essay.md", "--select", "encoding", "--fix", *extra, cwd=tmp_path)
    return path.read_bytes(), result


@pytest.mark.parametrize(
    ("raw", "expected", "extra"),
    [
        ("# Nationâ€™s Title\r\n\r\nBody “ok”.\r\n".encode(), "# Nation’s Title\r\n\r\nBody “ok”.\r\n".encode(), ()),
        ("\ufeff# T\n\nBody.\n".encode(), b"# T\n\nBody.\n", ()),
        ("# T\n\nco\u200bop and bell\x07.\n".encode(), b"# T\n\ncoop and bell.\n", ()),
        ("# T\n\nthin\u2009space and\u00a0nbsp.\n".encode(), "# T\n\nthin space and\u00a0nbsp.\n".encode(), ()),
        ("# T\n\nthin\u2009space and\u00a0nbsp.\n".encode(), b"# T\n\nthin space and nbsp.\n", ("--unsafe-fixes",)),
        (b"# T\r\n\r\nOne.\nTwo.\r\nThree.\r\n", b"# T\r\n\r\nOne.\r\nTwo.\r\nThree.\r\n", ()),
        ("# T\n\nCafe\u0301.\n".encode(), "# T\n\nCaf\u00e9.\n".encode(), ()),
        ("# T\n\na\u202eb\n".encode(), "# T\n\na\u202eb\n".encode(), ()),
        ("# T\n\na\u202eb\n".encode(), b"# T\n\nab\n", ("--unsafe-fixes",)),
    ],
)
def test_fix_writes_exact_bytes_and_is_idempotent(tmp_path, raw, expected, extra):
    after, _ = run_fix(tmp_path, raw, *extra)
    assert after == expected
    again, result = run_fix(tmp_path, after, *extra)
    assert again == expected and "fixed" not in result.stderr


def test_undecodable_file_is_never_rewritten(tmp_path):
    raw = "# T\n\nCaf\u00e9 \u200b.\n".encode("utf-8").replace(b"\xc3\xa9", b"\xe9")
    after, result = run_fix(tmp_path, raw)
    assert after == raw and "not valid UTF-8" in result.stderr


def _ftfy_cases(name: str) -> list[dict]:
    return json.loads((FTFY / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(not FTFY.is_dir(), reason="../shared/external/ftfy is not present")
def test_ftfy_test_cases_detection_and_false_positives(linter):
    """Measured on text nobody here wrote: ftfy's own in-the-wild and negative cases."""
    import ftfy

    from lint.checks.encoding import _ftfy_config

    def mojibake(text: str):
        return [
            f for f in linter.lint_document(Document.from_text("t.md", text)).findings if f.rule == "encoding.mojibake"
        ]

    wild = _ftfy_cases("in-the-wild")
    flagged = sum(1 for case in wild if mojibake(case["original"]))
    assert flagged >= 63, f"only {flagged}/{len(wild)} in-the-wild cases flagged"
    negatives = [c for c in _ftfy_cases("negative") if c["original"] == c["fixed"]]
    assert [c["original"] for c in negatives if mojibake(c["original"])] == []
    # Applying our span fixes gives exactly ftfy's own encoding repair of the whole text.
    config = _ftfy_config()
    for case in wild + _ftfy_cases("synthetic"):
        original = case["original"]
        expected = "\n".join(ftfy.fix_encoding(line, config) for line in original.split("\n"))
        found = mojibake(original)
        if found:
            assert apply_edits(original, found)[0] == expected, case["label"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=400), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_random_input_never_raises_and_spans_stay_inside(linter, raw):
    doc = Document("t.md", raw)
    for finding in linter.lint_document(doc).findings:
        assert finding.rule.startswith("encoding."), finding
        assert 0 <= finding.offset <= finding.end_offset <= len(doc.text)
        assert 1 <= finding.line <= finding.end_line <= doc.lines.count


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("ab \n\r\t\u200b\u202e\ufeff\u00a0\u2009\x07é\u0301â€™")), max_size=80))
def test_fixes_are_idempotent(linter, text):
    doc = Document.from_text("t.md", text)
    fixed, _ = apply_edits(doc.text, [f for f in linter.lint_document(doc).findings if f.fix])
    for _ in range(5):
        findings = [f for f in linter.lint_document(Document.from_text("t.md", fixed)).findings if f.fix]
        if not findings:
            break
        fixed, _ = apply_edits(fixed, findings)
    refound = [f for f in linter.lint_document(Document.from_text("t.md", fixed)).findings if f.fix and f.fix.safe]
    assert refound == [], (text, fixed)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Привет, как дела? Это тестовый текст на русском языке, довольно длинный. " * 5, "cp1251"),
        ("Καλημέρα, αυτό είναι ένα ελληνικό κείμενο για δοκιμή. " * 5, "cp1253"),
        ("The Islámic nation’s “security” — in détail. " * 5, "cp1252"),
        ((CORPUS / "000_d1ea6cfdf41060e6.txt").read_text(encoding="utf-8").replace("Islamic", "Islámic"), "cp1252"),
    ],
)
def test_detected_encoding_of_non_utf8_files(text, encoding):
    from lint.checks.encoding import detect_encoding

    assert detect_encoding(text.encode(encoding)) == encoding


def test_typography_skipped_without_ftfy_is_never_mojibake_to_ftfy():
    """The skip list is sound: ftfy files those marks only as common or quoting punctuation,
    and every branch of its badness pattern needs a character from another class."""
    import re

    from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES

    from lint.checks.encoding import PLAIN_TYPOGRAPHY

    harmless = {"common", "start_punctuation", "end_punctuation", "lower_common", "upper_common"}
    for char in PLAIN_TYPOGRAPHY:
        classes = {name for name, chars in MOJIBAKE_CATEGORIES.items() if char in chars}
        assert classes <= harmless, (char, classes)
    # Each branch of the pattern names at least one class or literal outside ASCII and the skip list.
    pattern = BADNESS_RE.pattern
    for name in harmless:
        pattern = pattern.replace(MOJIBAKE_CATEGORIES[name], "")
    for branch in re.split(r"\n\s*\|\s*\n", pattern):
        body = re.sub(r"#[^\n]*", "", branch)
        assert re.search("[^\\x00-\\x7f" + PLAIN_TYPOGRAPHY + "]", body), branch


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"aAzZ .,;:!?'\"-()0123456789\t", *"’‘“”–—…"]), max_size=60))
def test_lines_of_ascii_and_typography_are_left_alone_by_ftfy(text):
    import ftfy

    from lint.checks.encoding import _ftfy_config

    assert ftfy.fix_encoding(text, _ftfy_config()) == text


def test_replacement_character_in_a_code_block_is_shown_output():
    from lint.config import Config
    from lint.engine import Linter, Selection

    linter = Linter(Config(), Selection(select=["encoding.replacement-character"]))
    code = "# T\n\nproduces this mess:\n\n\t\ufffd\ufffd=\ufffd\n\nEnd.\n"
    assert linter.lint_document(Document.from_text("c.md", code)).findings == []
    prose = "# T\n\nThe Nation\ufffds strength.\n"
    assert len(linter.lint_document(Document.from_text("p.md", prose)).findings) == 1


def test_mojibake_in_code_is_shown_output_and_in_front_matter_is_damage():
    linter = Linter(Config(), Selection(select=["encoding.mojibake"]))
    code = "# T\n\n```js\n// Prints: this is a tÃ©st\n```\n"
    assert linter.lint_document(Document.from_text("c.md", code)).findings == []
    front = "---\ntitle: The Nationâ€™s Way\n---\n\nText.\n"
    assert [f.line for f in linter.lint_document(Document.from_text("f.md", front)).findings] == [2]


def test_a_line_that_names_the_replacement_character_mentions_it():
    linter = Linter(Config(), Selection(select=["encoding.replacement-character"]))
    text = "# T\n\nInvalid data is written as the replacement character `U+FFFD` \ufffd here.\n"
    assert linter.lint_document(Document.from_text("m.md", text)).findings == []


def test_utf16_and_utf32_are_read_reported_and_fixed_to_utf8(tmp_path):
    from tests.conftest import run_cli

    text = "# Title\n\nThe the text, café.\n"
    (tmp_path / "le.md").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (tmp_path / "be.md").write_bytes(text.encode("utf-16-be"))  # no byte order mark
    (tmp_path / "u32.md").write_bytes(b"\xff\xfe\x00\x00" + text.encode("utf-32-le"))
    (tmp_path / "bin.md").write_bytes(b"\x00\x01\x02\x03garbage\x00\xff\x10" * 20)
    result = run_cli("check", ".", "--no-cache", cwd=tmp_path)
    assert "le.md:1:1: error encoding.not-utf8 The file is UTF-16LE, not UTF-8" in result.stdout
    assert "be.md:1:1: error encoding.not-utf8 The file is UTF-16BE (no byte order mark)" in result.stdout
    assert "u32.md:1:1: error encoding.not-utf8 The file is UTF-32LE" in result.stdout
    assert "le.md:3:1: error spelling.repeated-word" in result.stdout  # the text itself is linted
    assert "bin.md: skipped: binary file" in result.stderr
    run_cli("check", "le.md", "be.md", "u32.md", "--fix", "--no-cache", cwd=tmp_path)
    for name in ("le.md", "be.md", "u32.md"):
        assert (tmp_path / name).read_bytes() == b"# Title\n\nThe text, caf\xc3\xa9.\n"


def test_homoglyphs_are_named_with_the_latin_word_and_code_is_left_alone():
    linter = Linter(Config(), Selection(select=["encoding.mixed-script"]))
    doc = Document.from_text("h.md", "# Title\n\nWe met in P\u0430ris. See `sc\u043epe` in code.\n")
    (finding,) = linter.lint_document(doc).findings
    assert finding.suggestions == ("Paris",) and "Cyrillic Small Letter A" in finding.message
    assert not finding.fix.safe


def test_tag_characters_show_the_text_they_hide():
    linter = Linter(Config(), Selection(select=["encoding.invisible-characters"]))
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "ignore")
    (finding,) = linter.lint_document(Document.from_text("t.md", f"# Title\n\nA note{hidden} here.\n")).findings
    assert "invisible text 'ignore'" in finding.message


def test_undecodable_advice_names_utf8_damage_cjk_guesses_and_iconv_names(tmp_path):
    from tests.conftest import run_cli

    (tmp_path / "cut.md").write_bytes(b"# Title\n\nA caf\xc3")
    (tmp_path / "mix.md").write_bytes("# Café\n\nNaïve text".encode() + b" with one \xff bad byte.\n")
    (tmp_path / "cp.md").write_bytes(b"# Title\n\nThe caf\xe9 opened.\n")
    (tmp_path / "sj.md").write_bytes(
        "# タイトル\n\nこれは日本語の文章です。東京は大きな都市です。\n".encode("shift_jis")
    )
    (tmp_path / "mac.md").write_bytes("# Title\n\nThe café’s “menu”.\n".encode("mac_roman"))
    out = run_cli("check", ".", "--no-cache", "--select", "encoding.undecodable", cwd=tmp_path).stdout
    lines = {line.split(":", 1)[0]: line for line in out.splitlines() if ": error " in line}
    assert "UTF-8 with 1 bad byte (the first at byte offset 14, a UTF-8 sequence cut short)" in lines["cut.md"]
    assert "UTF-8 with 1 bad byte" in lines["mix.md"] and "iconv" not in lines["mix.md"]
    assert "`iconv -f WINDOWS-1252 -t UTF-8`" in lines["cp.md"]
    assert "CP932" in lines["sj.md"] or "SHIFT_JIS" in lines["sj.md"]
    assert "latin_1" not in out and "mac_roman" not in out


def test_joiners_doing_their_job_are_not_invisible_characters(rule_factory):
    """Emoji sequences and scripts that write with joiners (Persian, Indic) keep them; a stray one is flagged."""
    from tests.conftest import lint_with

    rule = rule_factory("extends: invisible-characters\n", "encoding.invisible-characters", "encoding")
    assert (
        lint_with(rule, "A family \U0001f468\u200d\U0001f469\u200d\U0001f467 and a \u2764\ufe0f\u200d\U0001f525.\n")
        == []
    )
    assert (
        lint_with(rule, "Persian \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645, Hindi \u0915\u094d\u200d\u0937.\n")
        == []
    )
    assert len(lint_with(rule, "A Latin ab\u200dcd and a trailing joiner\u200c here.\n")) == 2
