"""The child processes of the benchmarks: each measures one thing and prints one JSON result.

They import as little as they can at the top, because the cold-start drivers are timed from
the moment the parent spawned them.
"""
