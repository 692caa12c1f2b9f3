"""essaylint: a content-quality linter for essays and articles written in Markdown."""

__version__ = "0.1.0"
