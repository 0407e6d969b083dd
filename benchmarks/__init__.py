"""Benchmarks: `python -m benchmarks` prints each figure against its floor measured in the same run."""
