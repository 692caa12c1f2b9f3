from lint.config import Config
from lint.document import Document
from lint.engine import Linter

TEXT = """# Title

Bad the the one.
<!-- essaylint-disable-next-line spelling.repeated-word -->
Bad the the two.
<!-- essaylint-disable spelling -->
Bad the the three.
<!-- essaylint-enable spelling -->
Bad the the four. <!-- essaylint-disable-line -->
Bad the the five.

```
<!-- essaylint-disable-file -->
```
"""


def findings(text: str) -> list[int]:
    linter = Linter(Config(), None)
    linter.rules = [r for r in linter.rules if r.id == "spelling.repeated-word"]
    return [f.line for f in linter.lint_document(Document.from_text("t.md", text)).findings]


def test_each_directive_silences_exactly_its_lines():
    assert findings(TEXT) == [3, 10]


def test_disable_file_and_unrelated_rule_names():
    assert findings("<!-- essaylint-disable-file structure -->\nthe the\n") == [2]
    assert findings("<!-- essaylint-disable-file spelling.repeated-word -->\nthe the\n") == []
    assert findings("<!-- essaylint-disable-file -->\nthe the\n") == []
