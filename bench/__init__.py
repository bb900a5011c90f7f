"""The benchmark: corpora of synthetic cases, in-process measurements and a load test (see README.md)."""
