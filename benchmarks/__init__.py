"""The benchmark command (`make bench`, `python -m benchmarks.ingest_build`): not a test, a measurement.

benchmarks.stages holds one function per measured stage, each run in its own process so that its peak memory
is its own; benchmarks.ingest_build runs them per scale and prints and writes the figures.
"""
