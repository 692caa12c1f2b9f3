"""The default essaylint style: one YAML rule per file, a folder per category."""
