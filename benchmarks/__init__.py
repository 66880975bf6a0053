"""Benchmarks of Cluster Explorer (`make bench`); not part of the test suite."""
