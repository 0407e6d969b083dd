"""Small programs the GUI and memory benchmarks run as subprocesses; each prints one JSON line."""
