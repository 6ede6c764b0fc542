"""The HTML report's text without the layout markup of pagealloc.render.html_page's ``cell`` filter (the
``<wbr>`` soft breaks in long paths and the ``<span class="nw">`` around a number and its unit), for tests
that look for a sentence in the page's source."""

import re

SOFT_MARKUP = re.compile(r'<wbr>|<span class="nw">|</span>')


def without_soft_markup(html):
    return SOFT_MARKUP.sub("", html)
