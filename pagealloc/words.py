"""
Words - a count and its noun agreeing, in Python and in a rule's CONTENT
========================================================================

"1 report", "6 reports": never "report(s)" beside a number that is known.
:func:`counted` serves the human formats (:mod:`pagealloc.render`) and the
rules' Python; :data:`COUNTED` is the same rule as a jinja macro for the
rules' ``CONTENT`` (the short form ``insights-run -p pagealloc`` prints).
insights-core renders ``CONTENT`` with a bare ``jinja2.Template(content)``
(insights/formats/__init__.py ``format_rule``): no filter or global can be
registered for it, so a template that counts starts with :data:`COUNTED`
(see :func:`with_counted`).  tests/test_words.py draws counts and nouns and
checks that the macro and the function say the same.

Examples:
    >>> counted(1, "report"), counted(6, "report"), counted(0, "burst")
    ('1 report', '6 reports', '0 bursts')
    >>> counted(2, "TuneD profile"), counted(3, "free block", "free blocks")
    ('2 TuneD profiles', '3 free blocks')
    >>> import jinja2
    >>> jinja2.Template(with_counted("{{ counted(n, 'failure') }} found.")).render(n=1)
    '1 failure found.'
"""


def counted(number, noun, plural_noun=None):
    """The number and the noun, singular for exactly one (``plural_noun`` for an irregular plural)."""
    return "%s %s" % (number, noun if number == 1 else (plural_noun or noun + "s"))


# The same rule as :func:`counted`, for a jinja template; whitespace-trimmed, so it adds nothing.
COUNTED = ('{%- macro counted(number, noun, plural_noun=none) -%}'
           '{{ number }} {{ noun if number == 1 else (plural_noun or noun ~ "s") }}'
           '{%- endmacro -%}')


def with_counted(template):
    """A CONTENT template that may call ``counted(number, noun)``."""
    return COUNTED + template
