"""The labelled claim sets, loaded the same way by the trainer and the benchmark.

- ClaimBuster (../shared/external/claims/claimbuster-train.tsv): debate
  sentences labelled by its coders, split here into train / dev / test with a
  fixed seed. Only `test` is ever reported; `dev` chooses the regularisation
  and the threshold.
- prose (benchmarks/data/claims-prose.tsv): 320 sentences of published prose
  and corpus/ labelled by hand for essaylint, never trained on.
- prose-2 (benchmarks/data/claims-prose-2.tsv): 270 more sentences of
  published prose, labelled by hand after the model existed, never trained on.
- old (benchmarks/data/claims.tsv): the first set, mostly sentences written for
  the lexicon rules; kept as a third test set.

benchmarks/data/claims-prose-train-2.tsv (1,260 more realtext sentences
labelled by hand) is not read here: the shipped model is not trained on it
(docs/claims-model.md says why); `train_claims.py --extra` takes it.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAIMBUSTER = ROOT.parent / "shared" / "external" / "claims" / "claimbuster-train.tsv"
PROSE = ROOT / "benchmarks" / "data" / "claims-prose.tsv"
OLD = ROOT / "benchmarks" / "data" / "claims.tsv"
PROSE_TRAIN = ROOT / "benchmarks" / "data" / "claims-prose-train.tsv"
PROSE_2 = ROOT / "benchmarks" / "data" / "claims-prose-2.tsv"
PROSE_TRAIN_2 = ROOT / "benchmarks" / "data" / "claims-prose-train-2.tsv"  # not trained on by default (see above)
WIKIPEDIA_LABELS = ROOT / "benchmarks" / "data" / "claims-wikipedia-train.tsv"
WIKIPEDIA = ROOT.parent / "shared" / "external" / "spelling" / "realword-wikipedia-train.jsonl"
SEED = 20261201
SPLIT = (0.7, 0.15, 0.15)

Row = tuple[bool, str, str]  # is a claim, provenance, sentence


def claimbuster(part: str, path: Path = CLAIMBUSTER) -> list[Row]:
    """One part ("train", "dev" or "test") of the seeded split, by sentence id so it never shifts."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            (r["label"] == "1", f"claimbuster:{r['sentence_id']}", r["text"].strip())
            for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]
    rows.sort(key=lambda r: int(r[1].split(":")[1]))
    random.Random(SEED).shuffle(rows)
    first = int(len(rows) * SPLIT[0])
    second = first + int(len(rows) * SPLIT[1])
    return {"train": rows[:first], "dev": rows[first:second], "test": rows[second:]}[part]


def labelled_tsv(path: Path) -> list[Row]:
    """Our own sets: label (claim / none), provenance, sentence; `#` lines are comments."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, provenance, sentence = line.split("\t", 2)
        rows.append((label == "claim", provenance, sentence))
    return rows


def wikipedia_train(labels: Path = WIKIPEDIA_LABELS, sentences: Path = WIKIPEDIA) -> list[Row]:
    """Encyclopedia sentences (the corrected sentences of the Wikipedia real-word set) with our labels.

    The labels file holds ids only: the text stays in shared/, under its own licence.
    """
    import json

    text = {}
    with sentences.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text[record["id"]] = record["sentence_correct"]
    rows = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, ident = line.split("\t")
        rows.append((label == "claim", f"wikipedia:{ident}", text[ident]))
    return rows


def training_extra() -> dict[str, list[Row]]:
    """Our labelled sentences of other genres, trained on beside ClaimBuster, by source."""
    extra = {"prose-train": labelled_tsv(PROSE_TRAIN)}
    if WIKIPEDIA.exists():
        extra["wikipedia-train"] = wikipedia_train()
    return extra


def test_sets() -> dict[str, list[Row]]:
    """Every set the benchmark reports, by name."""
    sets = {"claimbuster-test": claimbuster("test")} if CLAIMBUSTER.exists() else {}
    sets["prose"] = labelled_tsv(PROSE)
    sets["prose-2"] = labelled_tsv(PROSE_2)
    sets["old"] = labelled_tsv(OLD)
    return sets
