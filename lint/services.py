"""External services a check may use, behind an interface the engine owns.

A check does no I/O of its own: the engine hands it, through its context,
a `Services` whose connections are made once per process (and whose
failures are remembered, so a LanguageTool that is not there is asked once,
not once per file). Today that is LanguageTool, through language-tool-python:
a server the user runs (`server:` or ESSAYLINT_LANGUAGETOOL_SERVER) or a
local install it starts; never a download unless the rule says so.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

SERVER_ENV = "ESSAYLINT_LANGUAGETOOL_SERVER"


class Services:
    """What the engine lends its checks (lint/checks/__init__.Context.services)."""

    def languagetool(self, options: dict[str, Any]) -> tuple[Any, str]:
        """A LanguageTool client for the rule's options and the server's version (Unavailable if none)."""
        return client_for(options)


class Unavailable(Exception):
    """LanguageTool cannot be reached; the message says why and how to enable it."""


_CLIENTS: dict[tuple[Any, ...], Any] = {}
_FAILED: dict[tuple[Any, ...], str] = {}


def client_for(options: dict[str, Any]) -> tuple[Any, str]:
    """A language-tool-python client and the LanguageTool version, shared by the process."""
    server = options["server"] or os.environ.get(SERVER_ENV, "")
    key = (server, options["language"], options["download"], options["timeout"])
    if key in _FAILED:
        raise Unavailable(_FAILED[key])
    if key in _CLIENTS:
        return _CLIENTS[key]
    try:
        made = _connect(server, options)
    except Unavailable as exc:
        _FAILED[key] = str(exc)
        raise
    _CLIENTS[key] = made
    return made


def _connect(server: str, options: dict[str, Any]) -> tuple[Any, str]:
    try:
        import language_tool_python
        from language_tool_python import utils
    except ImportError as exc:  # pragma: no cover - it is a dependency
        raise Unavailable(f"language-tool-python is not installed ({exc})") from None
    timeout = options["timeout"]
    # The library's request timeout is a class attribute (300 s) used from the constructor on,
    # so a subclass carries ours: a server that never answers cannot hang a run.
    tool_class = type("EssaylintLanguageTool", (language_tool_python.LanguageTool,), {"_TIMEOUT": timeout})
    if server:
        how = f"the server at {server}"
        try:
            tool = tool_class(options["language"], remote_server=server)
        except Exception as exc:  # requests, LanguageToolError...: all mean "cannot use it"
            raise Unavailable(f"{how} did not answer ({short_error(exc)}); start it or fix `server:`") from None
    else:
        if shutil.which("java") is None:
            raise Unavailable(
                f"no Java on PATH for a local LanguageTool; install Java 17+ or set `server:` (or {SERVER_ENV})"
            )
        installs = utils.find_existing_language_tool_downloads(utils.get_language_tool_download_path())
        if not installs and not options["download"]:
            raise Unavailable(
                f"no local LanguageTool in {utils.get_language_tool_download_path()} and downloads are off; "
                f"set `server:` (or {SERVER_ENV}), or `download: true` to let language-tool-python fetch it (~250 MB)"
            )
        how = "the local LanguageTool"
        try:
            tool = tool_class(options["language"])
        except Exception as exc:
            raise Unavailable(f"{how} could not start ({short_error(exc)})") from None
    tool.picky = options["picky"]
    tool.enabled_rules = set(options["enabled_rules"])
    tool.disabled_rules = set(options["disabled_rules"])
    tool.enabled_categories = set(options["enabled_categories"])
    tool.disabled_categories = set(options["disabled_categories"])
    try:
        # language-tool-python's Match hides the software version; one tiny request reads it.
        import urllib.parse

        answer = tool._query_server(
            urllib.parse.urljoin(tool._url, "check"), {"text": "x", "language": options["language"]}, method="post"
        )
        version = str((answer or {}).get("software", {}).get("version", "unknown"))
    except Exception as exc:
        raise Unavailable(f"{how} did not answer a check ({short_error(exc)})") from None
    return tool, version


def short_error(exc: BaseException) -> str:
    """An exception in one line of at most 160 characters, for a notice."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) < 160 else text[:157] + "..."
