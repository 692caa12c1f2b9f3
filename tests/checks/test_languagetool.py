"""LanguageTool through the real language-tool-python client.

A local HTTP server speaking LanguageTool's documented JSON (offsets in
UTF-16 code units, as the Java server counts) checks the mapping back to
lines and columns, the category translation and the per-block cache; the
failure modes use the real library against no Java, a refused port and a
server that never answers. A real server is used when
ESSAYLINT_LANGUAGETOOL_SERVER is set.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import CORPUS, run_cli

# word -> (rule id, category id, issue type, replacement)
RULES = {
    "teh": ("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "the"),
    "alot": ("EN_A_LOT", "GRAMMAR", "grammar", "a lot"),
    "very unique": ("EN_VERY_UNIQUE", "STYLE", "style", "unique"),
}


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class LanguageToolProtocol(BaseHTTPRequestHandler):
    texts: list[str] = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.startswith("/v2/languages"):
            self._send([{"name": "English (US)", "code": "en", "longCode": "en-US"}])
        else:
            self.send_error(404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        text = form.get("text", [""])[0]
        type(self).texts.append(text)
        matches = []
        for word, (rule, category, issue, fix) in RULES.items():
            for found in re.finditer(re.escape(word), text):
                matches.append(
                    {
                        "message": f"Possible mistake: {word}",
                        "shortMessage": "",
                        "replacements": [{"value": fix}],
                        "offset": utf16_len(text[: found.start()]),
                        "length": utf16_len(found.group()),
                        "context": {
                            "text": text,
                            "offset": utf16_len(text[: found.start()]),
                            "length": utf16_len(found.group()),
                        },
                        "sentence": text,
                        "rule": {
                            "id": rule,
                            "description": rule,
                            "issueType": issue,
                            "category": {"id": category, "name": category},
                        },
                    }
                )
        matches.sort(key=lambda m: m["offset"])
        self._send(
            {
                "software": {"name": "LanguageTool", "version": "6.6-test"},
                "language": {"code": "en-US"},
                "matches": matches,
            }
        )


@pytest.fixture
def lt_server():
    LanguageToolProtocol.texts = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), LanguageToolProtocol)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


ESSAY = (
    "# Teh Title\r\n\r\n"
    "Café naïveté 🙂 and teh word.\r\n"
    "- a list item with alot\r\n\r\n"
    "```\nteh code is never sent\n```\r\n\r\n"
    "A very unique idea, `teh` inline code.\r\n"
)


def test_mapping_categories_and_only_prose_sent(lt_server, tmp_path):
    (tmp_path / "e.md").write_bytes(ESSAY.encode())
    result = run_cli(
        "check",
        "e.md",
        "--languagetool",
        "--select",
        "grammar",
        "--format",
        "json",
        "--no-cache",
        cwd=tmp_path,
        env={"ESSAYLINT_LANGUAGETOOL_SERVER": lt_server},
    )
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)["files"][0]["findings"]
    got = [
        (f["line"], f["column"], f["end_column"], f["category"], f["data"]["languagetool_rule"], f["suggestions"])
        for f in findings
    ]

    def where(line_start: str, word: str) -> tuple[int, int, int]:
        lines = ESSAY.splitlines()  # CRLF and LF both end a line, as in the file
        line_no = next(i for i, line in enumerate(lines, 1) if line.startswith(line_start))
        column = lines[line_no - 1].index(word) + 1  # columns count code points: the emoji is one
        return line_no, column, column + len(word)

    assert got == [
        (*where("Café", "teh"), "spelling", "MORFOLOGIK_RULE_EN_US", ["the"]),
        (*where("- a list", "alot"), "grammar", "EN_A_LOT", ["a lot"]),
        (*where("A very", "very unique"), "style", "EN_VERY_UNIQUE", ["unique"]),
    ]
    sent = "".join(LanguageToolProtocol.texts[1:])
    assert "code is never sent" not in sent and "`" not in sent and "#" not in sent and "- a list" not in sent


def test_only_edited_blocks_are_sent_again(lt_server, tmp_path):
    essay = tmp_path / "e.md"
    essay.write_text("# Title\n\nFirst paragraph with teh.\n\nSecond paragraph.\n")
    env = {"ESSAYLINT_LANGUAGETOOL_SERVER": lt_server}
    run_cli("check", "e.md", "--languagetool", "--no-cache", cwd=tmp_path, env=env)
    first = [t for t in LanguageToolProtocol.texts if t != "x"]
    assert "First paragraph" in first[0] and "Second paragraph" in first[0]
    LanguageToolProtocol.texts.clear()
    essay.write_text("# Title\n\nFirst paragraph with teh.\n\nSecond paragraph, edited.\n")
    out = run_cli("check", "e.md", "--languagetool", "--no-cache", cwd=tmp_path, env=env)
    again = [t for t in LanguageToolProtocol.texts if t != "x"]
    assert again == ["Second paragraph, edited."]
    assert "MORFOLOGIK_RULE_EN_US" in out.stdout  # the cached block's finding is still reported


def test_status_says_it_answers(lt_server):
    result = run_cli("languagetool", "status", env={"ESSAYLINT_LANGUAGETOOL_SERVER": lt_server})
    assert result.returncode == 0 and "answers (LanguageTool 6.6-test)" in result.stdout


def unavailable_run(env: dict, *extra: str):
    return run_cli("check", str(CORPUS / "002_e419e24209e60c16.txt"), "--languagetool", "--no-cache", *extra, env=env)


def assert_graceful(result, reason: str):
    assert result.returncode == 0, result.stderr  # as if the rule were off: only warnings and suggestions here
    notices = [line for line in result.stderr.splitlines() if "LanguageTool is not available" in line]
    assert len(notices) == 1 and reason in notices[0]
    assert "spelling.confusables" in result.stdout  # every other check ran


def test_no_java_on_path():
    env = {"PATH": "/nonexistent", "ESSAYLINT_LANGUAGETOOL_SERVER": ""}
    assert_graceful(unavailable_run(env), "no Java on PATH")


def test_refused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = unavailable_run({"ESSAYLINT_LANGUAGETOOL_SERVER": f"http://127.0.0.1:{port}"})
    assert_graceful(result, "did not answer")
    required = unavailable_run({"ESSAYLINT_LANGUAGETOOL_SERVER": f"http://127.0.0.1:{port}"}, "--require-languagetool")
    assert required.returncode == 2


def test_server_that_never_answers_times_out(tmp_path):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    port = silent.getsockname()[1]
    (tmp_path / ".essaylint.yaml").write_text("options:\n  grammar.languagetool: {timeout: 1}\n")
    (tmp_path / "e.md").write_bytes((CORPUS / "002_e419e24209e60c16.txt").read_bytes())
    start = time.monotonic()
    try:
        result = run_cli(
            "check",
            "e.md",
            "--languagetool",
            "--no-cache",
            cwd=tmp_path,
            env={"ESSAYLINT_LANGUAGETOOL_SERVER": f"http://127.0.0.1:{port}"},
        )
    finally:
        silent.close()
    assert time.monotonic() - start < 60
    assert_graceful(result, "did not answer")


@pytest.mark.skipif(
    not os.environ.get("ESSAYLINT_LANGUAGETOOL_SERVER"),
    reason="set ESSAYLINT_LANGUAGETOOL_SERVER to a LanguageTool server to run this test",
)
def test_against_a_real_languagetool_server(tmp_path):
    (tmp_path / "e.md").write_text("# Title\n\nThis are a sentence with teh error.\n")
    result = run_cli("check", "e.md", "--require-languagetool", "--format", "json", "--no-cache", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    rules = {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert "grammar.languagetool" in rules
