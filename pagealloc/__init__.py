"""
pagealloc: an insights-core plugin that explains Linux page allocation
failures and recommends a measured ``vm.min_free_kbytes``.

The insights components live in the subpackages ``pagealloc.specs``,
``pagealloc.parsers``, ``pagealloc.combiners`` and ``pagealloc.rules``; the
rest of this package (``kernlog``, ``knowledge``, ``cli``) is plain Python
that the components and the command line call.
"""

__version__ = "0.1.0"
