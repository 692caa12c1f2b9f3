"""Train the claim model shipped in lint/data/claims-model.json.

    pip install -e '.[train]'
    python benchmarks/train_claims.py [--out lint/data/claims-model.json] [--extra FILE.tsv ...]

Logistic regression (scikit-learn, L-BFGS, fixed seed) over the binary
features of lint/claimmodel.py, fitted on the ClaimBuster train split (and any
`--extra` labelled TSV given, in our label / provenance / sentence format).
The regularisation strength and the probability threshold are chosen on the
dev split: the threshold is the one with the best F1 among those with
precision at least MIN_PRECISION. The test split and our own sets are never
looked at here; benchmarks/claims.py reports them.

Features seen fewer than MIN_COUNT times in training are dropped, and weights
are rounded, so the file stays small and the same data gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.claims_data import SEED, Row, claimbuster, labelled_tsv, training_extra  # noqa: E402
from lint.claimmodel import ClaimModel, features  # noqa: E402

MIN_COUNT = 2
MIN_PRECISION = 0.8
EXTRA_WEIGHT = 10.0
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
DIGITS = 4


def cue_checker():
    """The default rule's claims check in lexicon mode: its cues are features of the model."""
    from lint.config import Config
    from lint.engine import Linter, Selection

    config = Config()
    config.rule_options = {"claims.checkable-claim": {"ledger": False, "detector": "lexicon", "min_words": 1}}
    (check,) = Linter(config, Selection(select=["claims"])).checks.values()
    return check


def featurise(rows: list[Row], check) -> list[list[str]]:
    out = []
    for _, _, sentence in rows:
        found = check.cues(sentence)
        out.append(features(sentence, found.as_dict() if found else {}))
    return out


def prf(labels: list[bool], scores: list[float], t: float) -> tuple[float, float, float]:
    tp = sum(1 for y, s in zip(labels, scores, strict=True) if y and s >= t)
    fp = sum(1 for y, s in zip(labels, scores, strict=True) if not y and s >= t)
    fn = sum(1 for y, s in zip(labels, scores, strict=True) if y and s < t)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def best_threshold(devs: list[tuple[list[bool], list[float]]]) -> tuple[float, list[tuple[float, float, float]]]:
    """The threshold whose worst F1 over the dev sets is best, among those keeping the first set's precision.

    The targets hold per test set, so the threshold serves the weakest
    genre, not the largest. The precision floor applies to the ClaimBuster
    dev split (1,100 sentences); on the small cross-validated prose set, a
    floor picks a threshold by the noise of a dozen sentences (measured: at
    0.84 its test precision was 0.60 and recall 0.41).
    """
    best: tuple[float, float, list] | None = None
    for step in range(10, 91):
        t = step / 100
        figures = [prf(labels, scores, t) for labels, scores in devs]
        worst_f1 = min(f for _, _, f in figures)
        if figures[0][0] >= MIN_PRECISION and (best is None or worst_f1 > best[1]):
            best = (t, worst_f1, figures)
    if best is None:
        raise SystemExit(f"no threshold keeps the dev precision at {MIN_PRECISION}")
    return best[0], best[2]


FOLDS = 5


def fit(rows_x: list[list[str]], labels: list[bool], weights: list[float], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats in rows_x for f in feats)
    keep = {f for f, n in counts.items() if n >= MIN_COUNT}
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys((f for f in feats if f in keep), 1) for feats in rows_x])
    model = LogisticRegression(C=c, solver="lbfgs", random_state=SEED, max_iter=5000)
    model.fit(matrix, labels, sample_weight=weights)
    return vectorizer, model


def predict(vectorizer, model, rows_x: list[list[str]]) -> list[float]:
    matrix = vectorizer.transform([dict.fromkeys(feats, 1) for feats in rows_x])
    return [float(p) for p in model.predict_proba(matrix)[:, 1]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "lint" / "data" / "claims-model.json")
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="more labelled TSV files to train on")
    parser.add_argument(
        "--no-own", action="store_true", help="ClaimBuster alone, without our prose and encyclopedia labels"
    )
    parser.add_argument("--extra-weight", type=float, default=EXTRA_WEIGHT, help="weight of each --extra sentence")
    parser.add_argument("--curve", action="store_true", help="print precision, recall and F1 by threshold")
    args = parser.parse_args()

    check = cue_checker()
    base = claimbuster("train")
    sources = {} if args.no_own else training_extra()
    sources.update({path.name: labelled_tsv(path) for path in args.extra})
    extra = [row for rows in sources.values() for row in rows]
    source_of = [name for name, rows in sources.items() for _ in rows]
    dev = claimbuster("dev")
    base_x, extra_x, dev_x = featurise(base, check), featurise(extra, check), featurise(dev, check)
    base_y, extra_y, dev_y = [r[0] for r in base], [r[0] for r in extra], [r[0] for r in dev]
    order = list(range(len(extra)))
    random.Random(SEED).shuffle(order)
    folds = [order[i::FOLDS] for i in range(FOLDS)]

    chosen = None
    for c in C_GRID:
        vectorizer, model = fit(
            base_x + extra_x, base_y + extra_y, [1.0] * len(base) + [args.extra_weight] * len(extra), c
        )
        devs = [(dev_y, predict(vectorizer, model, dev_x))]
        if extra:  # the extra set's own dev scores: each sentence scored by a model that did not see it
            scores = [0.0] * len(extra)
            for fold in folds:
                held = set(fold)
                kept = [i for i in order if i not in held]
                v, m = fit(
                    base_x + [extra_x[i] for i in kept],
                    base_y + [extra_y[i] for i in kept],
                    [1.0] * len(base) + [args.extra_weight] * len(kept),
                    c,
                )
                for i, s in zip(fold, predict(v, m, [extra_x[i] for i in fold]), strict=True):
                    scores[i] = s
            for name in sources:  # one dev set per source: the threshold serves the weakest
                members = [i for i, source in enumerate(source_of) if source == name]
                devs.append(([extra_y[i] for i in members], [scores[i] for i in members]))
        if args.curve:
            for step in range(20, 80, 5):
                shown = "; ".join("P {:.2f} R {:.2f} F1 {:.2f}".format(*prf(y, sc, step / 100)) for y, sc in devs)
                print(f"    C={c} t={step / 100:.2f}: {shown}")
        t, figures = best_threshold(devs)
        worst = min(f for _, _, f in figures)
        shown = "; ".join(f"P {p:.3f} R {r:.3f} F1 {f:.3f}" for p, r, f in figures)
        print(f"C={c:<5} threshold {t:.2f}: {shown}")
        if chosen is None or worst > chosen[3]:
            chosen = (vectorizer, model, (t, figures), worst, c)
    assert chosen is not None
    vectorizer, model, (t, figures), _, c = chosen
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): round(float(w), DIGITS)
        for name, w in zip(names, model.coef_[0], strict=True)
        if round(float(w), DIGITS) != 0.0
    }
    dev_names = ["claimbuster-dev", *[f"{name} (cross-validated)" for name in sources]]
    result = ClaimModel(
        weights,
        round(float(model.intercept_[0]), DIGITS),
        t,
        {
            "trained_on": [f"ClaimBuster train split (seed {SEED})", *sources],
            "train_sentences": len(base) + len(extra),
            "extra_weight": args.extra_weight,
            "C": c,
            "dev": {
                name: {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
                for name, (p, r, f) in zip(dev_names, figures, strict=True)
            },
            "licence": "weights derived from the ClaimBuster dataset (Arslan et al. 2020, Zenodo 3609356)",
        },
    )
    args.out.write_text(result.to_json() + "\n", encoding="utf-8")
    print(f"chose C={c}, threshold {t:.2f}: {len(weights)} weights, {args.out.stat().st_size:,} bytes -> {args.out}")


if __name__ == "__main__":
    main()
