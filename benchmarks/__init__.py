"""dhbrowser's benchmarks: where its users feel speed, each beside a baseline from the same run.

`python -m benchmarks` (or `make bench`) runs them all against the emulator, prints a table
and writes build/bench/results.json. Every measurement happens in a fresh child process
(benchmarks.drivers), so one benchmark's caches, threads and heap never colour the next.
"""
