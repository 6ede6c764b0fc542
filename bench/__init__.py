"""
pagealloc benchmarks (``make bench``): deterministic input generators, the
timing harness and the suites; ``bench/run.py`` is the entry point.  Nothing
here is an insights component.
"""
