"""Word lists and lexicons shipped with essaylint (provenance in README.md here)."""
