"""Headless commands for scripts and CI: check, export, fmt, approve, new-edition, import-figures."""
