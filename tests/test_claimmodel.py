"""The claim model: shipped weights load, inference imports no framework, training reproduces the file."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lint.claimmodel import FEATURES_VERSION, ClaimModel, features, shipped_model, word_classes
from tests.conftest import ROOT

SHARED = ROOT.parent / "shared" / "external" / "claims" / "claimbuster-train.tsv"


def test_shipped_model_is_small_and_of_this_feature_version():
    path = ROOT / "lint" / "data" / "claims-model.json"
    assert path.stat().st_size <= 5_000_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["features_version"] == FEATURES_VERSION
    model = shipped_model()
    assert 0.1 <= model.threshold <= 0.9 and len(model.weights) > 1000


def test_a_model_of_another_feature_version_is_refused_with_the_way_out():
    text = (
        ClaimModel({"w:x": 1.0}, 0.0, 0.5, {})
        .to_json()
        .replace(f'"features_version":{FEATURES_VERSION}', '"features_version":0')
    )
    with pytest.raises(ValueError, match=r"train_claims\.py"):
        ClaimModel.from_json(text)


def test_round_trip_keeps_weights_and_threshold():
    model = ClaimModel({"w:born": 0.5, "cue:figure": 1.25}, -0.75, 0.6, {"C": 1})
    again = ClaimModel.from_json(model.to_json())
    assert again == model
    assert again.probability(["w:born", "cue:figure"]) == pytest.approx(1 / (1 + 2.718281828459045**-1.0))


def test_word_classes_know_tense_and_part_of_speech():
    table = word_classes()
    assert table["signed"] == "D" and "V" in table["sign"] and "N" in table["sign"]
    assert "G" in table["running"] and table["quickly"] == "R"


def test_features_are_binary_names_with_numbers_by_shape():
    feats = features("In 1979, Egypt signed 2 treaties worth $5 and 40% of it.", {"figure": ["1979"], "entity": []})
    assert len(feats) == len(set(feats))
    assert {"w:<year>", "w:<num>", "w:<money>", "w:<pct>", "cue:figure", "t:D"} <= set(feats)
    assert "w:egypt" not in feats and "w:<name>" in feats  # names by shape, not spelling


def test_linting_a_claim_imports_no_training_framework():
    code = (
        "import sys; from lint.config import Config; from lint.document import Document;"
        "from lint.engine import Linter, Selection;"
        "l = Linter(Config(), Selection(select=['claims']));"
        "r = l.lint_document(Document.from_text('t.md', 'Egypt signed a peace treaty with Israel in 1979.\\n'));"
        "assert r.findings, r; print(sorted(m for m in ('sklearn', 'scipy', 'numpy', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/external/claims is not here")
def test_training_reproduces_the_shipped_model(tmp_path):
    pytest.importorskip("sklearn")
    out = tmp_path / "model.json"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "train_claims.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    trained, shipped = ClaimModel.from_json(out.read_text()), shipped_model()
    assert trained.threshold == shipped.threshold and trained.meta["C"] == shipped.meta["C"]
    assert trained.weights.keys() == shipped.weights.keys()
    assert max(abs(trained.weights[k] - shipped.weights[k]) for k in shipped.weights) < 1e-3


def test_claims_run_offline_with_an_empty_cache(tmp_path):
    """Sockets blocked and a fresh cache folder: the word classes are built from lemminflect's installed files."""
    from tests.test_textstat_offline import run_python

    result = run_python(
        f"""
        os.environ["ESSAYLINT_CACHE_DIR"] = {str(tmp_path)!r}
        from lint.config import Config
        from lint.document import Document
        from lint.engine import Linter, Selection
        config = Config()
        config.rule_options = {{"claims.checkable-claim": {{"ledger": False}}}}
        linter = Linter(config, Selection(select=["claims"]))
        doc = Document.from_text("t.md", "Anne Rice was born in the United States.\\n")
        print("FOUND", [f.data["kind"] for f in linter.lint_document(doc).findings])
        """
    )
    assert result.returncode == 0, result.stderr
    assert "FOUND ['entity']" in result.stdout, result.stdout
    assert list(tmp_path.glob("essaylint/word-classes-*.marshal"))
