"""Claims: signals, non-claims, the seed corpus, the ledger's states and the CLI."""

from __future__ import annotations

import json
import sys

import pytest

from lint.config import Config
from lint.document import Document
from lint.engine import Linter, Selection
from tests.conftest import CORPUS, ROOT, run_cli

TIPPED = "the national intelligence agency tipped Australian authorities about a significant planned cyberattack"
FOUNDATION = (
    "the Bilateral Industrial Research and Development Foundation has sponsored numerous cybersecurity projects"
)
SUMMARY = "In summary, international collaboration is integral to the Islamic Nation's defense and conflict resolution strategies."


@pytest.fixture(scope="module")
def linter() -> Linter:
    config = Config()
    config.rule_options = {"claims.checkable-claim": {"ledger": False}}
    return Linter(config, Selection(select=["claims"]))


def claims_in(linter: Linter, text: str) -> list:
    return linter.lint_document(Document.from_text("t.md", text + "\n")).findings


def test_the_two_corpus_claims_are_flagged_and_the_summary_is_not(linter):
    findings = {f.data["sentence"]: f for p in sorted(CORPUS.iterdir()) for f in linter.lint_path(p, p.name).findings}
    assert any(TIPPED in s for s in findings) and any(FOUNDATION in s for s in findings)
    assert SUMMARY not in findings
    tipped = next(f for s, f in findings.items() if TIPPED in s)
    assert "entity: Australian authorities" in tipped.message and "event: tipped" in tipped.message
    assert len(tipped.data["claim_id"]) == 12 and tipped.data["signals"]["event"] == ["tipped"]


def test_an_acronym_on_the_nationality_list_is_named_alone(linter):
    """Seed essay 003 was shown as "entity: UN gives": the word after an adjective is its noun, not an acronym's."""
    found = claims_in(linter, "Participation in global platforms like the UN gives the Ummah a chance in 2024.")
    assert found and found[0].data["signals"]["entity"] == ["UN"]
    found = claims_in(linter, "In 2019 the agency tipped Australian authorities about a cyberattack.")
    assert found and "Australian authorities" in found[0].data["signals"]["entity"]


@pytest.mark.parametrize(
    ("sentence", "signal"),
    [
        ("Egypt signed a peace treaty with Israel in 1979.", "entity"),
        ("Germany spent 2.1 percent of its GDP on defence last year.", "figure"),
        ("Marie Curie was the first woman to win a Nobel Prize.", "superlative"),
        ("According to the ministry, the programme reached every province.", "attribution"),
        ("The Qatari government hosted the talks between the two delegations.", "event"),
    ],
)
def test_each_signal_is_named_in_the_finding(linter, sentence, signal):
    (finding,) = claims_in(linter, sentence)
    assert signal in finding.data["signals"], finding.data["signals"]
    assert finding.data["kind"] in ("attribution", "figure", "superlative", "event", "entity")
    assert 0.0 <= finding.data["score"] <= 1.0 and finding.data["evidence"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Cooperation benefits everyone in the long run.",
        "Governments should invest more in cybersecurity education.",
        "The Islamic Nation must deepen its cooperation with European partners.",
        "We believe that dialogue is better than confrontation.",
        "Is military power still the best guarantee of security?",
        "A cybersecurity strategy covers prevention, detection and response.",
        SUMMARY,
    ],
)
def test_non_claims(linter, sentence):
    assert claims_in(linter, sentence) == []


def test_code_and_headings_are_not_claims(linter):
    text = "# Egypt signed a treaty with Israel in 1979\n\n```\nGermany spent 2.1 percent in 2020.\n```\n"
    assert linter.lint_document(Document.from_text("t.md", text)).findings == []


def test_claim_id_is_stable_under_spacing_and_quotes():
    from lint.checks.claims import claim_id

    assert claim_id("The “agency”  tipped them.") == claim_id('the "agency" tipped them.')
    assert claim_id("The agency tipped them.") != claim_id("The agency warned them.")


@pytest.fixture
def project(tmp_path):
    (tmp_path / "essay.md").write_bytes((CORPUS / "004_487bc65cb95615c7.txt").read_bytes())
    (tmp_path / ".essaylint.yaml").write_text("select: [claims]\nclaims:\n  ledger: review/claims.yaml\n")
    return tmp_path


def claim_id_for(project, fragment: str) -> str:
    listed = json.loads(run_cli("claims", "list", ".", "--format", "json", cwd=project).stdout)["claims"]
    return next(c["claim_id"] for c in listed if fragment in c["sentence"])


def test_verified_claim_is_silent_until_its_sentence_changes(project):
    cid = claim_id_for(project, "tipped")
    marked = run_cli("claims", "mark", cid, "--status", "verified", "--source", "https://example.org/x", cwd=project)
    assert marked.returncode == 0, marked.stderr
    assert (project / "review" / "claims.yaml").exists()
    assert "tipped" not in run_cli("check", "essay.md", "--format", "json", cwd=project).stdout
    essay = project / "essay.md"
    essay.write_text(essay.read_text().replace("tipped Australian", "warned Australian"))
    out = json.loads(run_cli("check", "essay.md", "--format", "json", cwd=project).stdout)
    states = {f["data"]["sentence"]: f["data"]["state"] for f in out["files"][0]["findings"]}
    assert any("warned" in s and state == "changed" for s, state in states.items())
    listed = json.loads(run_cli("claims", "list", ".", "--format", "json", cwd=project).stdout)["claims"]
    assert [c["state"] for c in listed if c["claim_id"] == cid] == ["stale"]


def test_disputed_claim_is_an_error_and_needs_source_is_reported(project):
    disputed = claim_id_for(project, "Bilateral")
    needs = claim_id_for(project, "Singapore")
    run_cli("claims", "mark", disputed, "--status", "disputed", "--note", "no such foundation record", cwd=project)
    run_cli("claims", "mark", needs, "--status", "needs-source", cwd=project)
    result = run_cli("check", "essay.md", "--format", "json", cwd=project)
    findings = {f["data"]["claim_id"]: f for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert findings[disputed]["level"] == "error" and "no such foundation record" in findings[disputed]["message"]
    assert findings[needs]["data"]["state"] == "needs-source"
    assert result.returncode == 1


def test_mark_keeps_comments_and_order(project):
    first, second = claim_id_for(project, "tipped"), claim_id_for(project, "Singapore")
    run_cli("claims", "mark", first, "--status", "verified", cwd=project)
    ledger = project / "review" / "claims.yaml"
    ledger.write_text(ledger.read_text().replace("claims:\n", "# reviewed by the desk\nclaims:\n", 1))
    run_cli("claims", "mark", second, "--status", "needs-source", cwd=project)
    text = ledger.read_text()
    assert "# reviewed by the desk" in text and text.index(first) < text.index(second)
    run_cli("claims", "mark", first, "--status", "disputed", cwd=project)
    assert ledger.read_text().count(first) == 1 and "status: disputed" in ledger.read_text()


def test_list_formats_and_unknown_id(project):
    assert run_cli("claims", "list", ".", "--format", "csv", cwd=project).stdout.startswith("id,state,file,line")
    text = run_cli("claims", "list", ".", cwd=project).stdout
    flagged = json.loads(run_cli("check", ".", "--format", "json", cwd=project).stdout)
    count = sum(1 for file in flagged["files"] for f in file["findings"] if f["rule"] == "claims.checkable-claim")
    assert "new" in text and text.rstrip().splitlines()[-1].startswith(f"{count} claims")
    bad = run_cli("claims", "mark", "ffffffffffff", "--status", "verified", cwd=project)
    assert bad.returncode == 2 and "no single claim" in bad.stderr


def test_broken_ledger_is_a_clear_error(project):
    (project / "review").mkdir()
    (project / "review" / "claims.yaml").write_text("claims:\n  - id: abc\n    status: maybe\n")
    result = run_cli("claims", "list", ".", cwd=project)
    assert result.returncode == 2 and "claims.yaml:3: status: 'maybe'" in result.stderr


def test_the_model_beats_both_baselines_on_every_test_set():
    """benchmarks/claims.py's figures as a floor: a change to features, data or rule that loses them fails here."""
    sys.path.insert(0, str(ROOT))
    from benchmarks import claims
    from benchmarks.claims_data import test_sets

    floors = {"claimbuster-test": 0.74, "prose": 0.52, "prose-2": 0.52, "old": 0.90}
    for name, rows in test_sets().items():
        figures = {d: claims.score(rows, claims.flags(d, rows))["f1"] for d in claims.DETECTORS}
        assert figures["model"] >= floors[name], (name, figures)
        if name != "old":  # the old set was written to the lexicon's rules
            assert figures["model"] > max(figures["lexicon"], figures["digit-or-capital"]), (name, figures)


def test_no_training_sentence_is_a_test_sentence():
    """Our labelled training sets share no sentence with the test sets: a figure measured on what was learnt is no figure."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.claims_data import PROSE_TRAIN, PROSE_TRAIN_2, labelled_tsv, test_sets

    tested = {sentence for rows in test_sets().values() for _, _, sentence in rows}
    for path in (PROSE_TRAIN, PROSE_TRAIN_2):
        rows = labelled_tsv(path)
        assert rows and not tested & {sentence for _, _, sentence in rows}, path.name


def test_country_names_from_the_cache_equal_a_fresh_build(tmp_path, monkeypatch):
    from lint.checks import claims

    monkeypatch.setenv("ESSAYLINT_CACHE_DIR", str(tmp_path))
    claims._countries.cache_clear()
    try:
        built = claims._countries()
        assert list((tmp_path / "essaylint").glob("countries-*.marshal"))
        claims._countries.cache_clear()
        assert claims._countries() == built == claims._build_countries()
        assert {"germany", "australia", "united states", "middle east"} <= built
    finally:
        claims._countries.cache_clear()


def test_a_year_before_a_comma_is_one_figure_in_the_message(linter):
    (found,) = claims_in(linter, "In 1969, 600 million people watched the landing.")
    assert found.data["signals"]["figure"] == ["1969", "600 million"]
    assert "figure: 1969, 600 million)" in found.message and ",," not in found.message


def test_the_check_reads_the_ledger_it_is_given_and_opens_no_file(monkeypatch, tmp_path):
    """The engine reads the ledger (lint/engine.py `_ledger`); the check only consults it."""
    import builtins

    from lint.checks import Context
    from lint.checks.claims import claim_id
    from lint.claims_ledger import Entry, Ledger

    sentence = "In 2019 the national intelligence agency tipped Australian authorities about a cyberattack."
    linter = Linter(Config(), Selection(select=["claims"]))
    check = linter.checks["claims.checkable-claim"]
    doc = Document.from_text("e.md", f"# A\n\n{sentence}\n")
    verified = Ledger(tmp_path / "claims.yaml", [Entry(claim_id(sentence), "e.md", sentence, "verified")])

    def no_open(*args, **kwargs):
        raise AssertionError(f"a check opened a file: {args[:1]}")

    monkeypatch.setattr(builtins, "open", no_open)
    assert list(check.check(doc, Context(ledger=verified))) == []  # verified: silent
    assert len(list(check.check(doc, Context(ledger=Ledger(tmp_path / "x.yaml", []))))) == 1
    assert len(list(check.check(doc, Context()))) == 1  # no ledger consulted


def test_a_ledger_changed_between_files_is_seen_by_the_next_one(project):
    sentence = "Egypt signed a peace treaty with Israel in 1979."
    (project / "a.md").write_text(f"# A\n\n{sentence}\n")
    linter = Linter(Config(root=project), Selection(select=["claims"]))
    assert [f.rule for f in linter.lint_path(project / "a.md", "a.md").findings] == ["claims.checkable-claim"]
    from lint.checks.claims import claim_id

    (project / "claims.yaml").write_text(
        f"claims:\n  - id: {claim_id(sentence)}\n    file: a.md\n    sentence: {sentence}\n    status: verified\n"
    )
    assert linter.lint_path(project / "a.md", "a.md").findings == []


@pytest.mark.skipif(not (ROOT.parent / "shared" / "realtext").exists(), reason="../shared/realtext is not here")
def test_the_quick_turn_away_only_turns_away_sentences_without_an_anchor():
    """`_plainly_unanchored` skips the cue search; on every realtext sentence it agrees with the search."""
    from lint.checks.claims import _anchored

    (check,) = Linter(Config(), Selection(select=["claims"])).checks.values()
    turned = 0
    for path in sorted((ROOT.parent / "shared" / "realtext").rglob("*.md")):
        doc = Document(str(path), path.read_bytes())
        for sentence in doc.sentences:
            text = doc.plain(sentence.start, sentence.end)
            if check._plainly_unanchored(text):
                turned += 1
                found = check.cues(text)
                assert found is None or not _anchored(text, found, check.generic), text
    assert turned > 10_000  # most sentences of published prose
