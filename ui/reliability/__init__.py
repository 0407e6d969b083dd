"""Dialogs and hooks that keep drafts safe: lock prompt, changed-on-disk, recovery, save errors."""
