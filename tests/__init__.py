"""pagealloc's test suite: runs from the checkout against the installed package (see the Makefile)."""

import os

CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# First line of a ``python -c`` script that imports ``tests.*``: the checkout
# goes after site-packages (as pytest's append import mode does for the suite),
# so ``pagealloc`` stays the installed package.
CHECKOUT_ON_PATH = "import sys; sys.path.append(%r)\n" % CHECKOUT
