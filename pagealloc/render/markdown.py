r"""
Markdown output, for pasting into a ticket: readable raw, and inert.  Text
from the archive is escaped only where it would change the rendering
(CommonMark 0.31 and GitHub Flavored Markdown), so ``2.6.32`` and
``vm.min_free_kbytes`` stay as they are:

* inline markup: ``\`` `````` ``*`` ``[`` ``]`` ``|`` ``~`` ``$`` always, ``(`` after ``]``, ``_``
  unless it sits between two letters or digits (intraword ``_`` cannot
  start emphasis), ``&`` before an entity name;
* ``<`` and ``>`` as ``&lt;`` ``&gt;``: no raw HTML, no ``<url>`` autolink;
* GFM autolinks (``www.x``, ``http://x``, ``a@b.c``, ``mailto:``): ``.`` and
  ``:`` inside such a word;
* line starts: ``#``, ``-``, ``+``, ``=``, ``1.`` / ``1)`` (headings, lists,
  rules); blanks are collapsed (no indented code block).

Commands and log excerpts go in fenced code blocks (longer fences than any
backtick run inside), after the shape check of
:func:`pagealloc.render.remediation.safe_remediation` for commands.

Examples:
    >>> print(escape("[click](javascript:alert(1)) <img src=x onerror=alert(1)>"))
    \[click\]\(javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;
    >>> print(escape("kernel 2.6.32-5-686, vm.min_free_kbytes = 4096, _init_ *x*"))
    kernel 2.6.32-5-686, vm.min_free_kbytes = 4096, \_init\_ \*x\*
    >>> print(escape("visit www.evil.example/x or http://evil.example or admin@evil.example"))
    visit www\.evil\.example/x or http\://evil\.example or admin@evil\.example
    >>> print(escape("# not a heading"), escape("1. not a list"))
    \# not a heading 1\. not a list
"""

import re

from pagealloc.render.summary import build_view

ALWAYS = re.compile(r"[\\`*\[\]|~$]")
FLANKING_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
AUTOLINK_WORD = re.compile(r"\S*(?:www\.|://|@|mailto:|xmpp:)\S*", re.I)
LINE_START = re.compile(r"\A(?:[#+=-]|\d{1,9}(?=[.)](?:\s|\Z)))")
ENTITIES = {"<": "&lt;", ">": "&gt;"}


def escape(value):
    """Archive (or any) text as inert markdown inline text, on one line."""
    text = " ".join(str("" if value is None else value).split())
    text = ALWAYS.sub(lambda m: "\\" + m.group(), text).replace("\\](", "\\]\\(")
    text = FLANKING_UNDERSCORE.sub(r"\\_", text)
    text = ENTITY.sub("&amp;", text)
    text = AUTOLINK_WORD.sub(lambda m: re.sub(r"[.:]", lambda c: "\\" + c.group(), m.group()), text)
    match = LINE_START.match(text)
    if match:
        end = match.end()
        text = "\\" + text if not text[0].isdigit() else text[:end] + "\\" + text[end:]
    return re.sub("[<>]", lambda m: ENTITIES[m.group()], text)


def fenced(lines, info=""):
    """A fenced code block longer than any backtick run inside it."""
    longest = max([len(run) for line in lines for run in re.findall("`+", line)] + [2])
    fence = "`" * (longest + 1)
    return [fence + info] + list(lines) + [fence]


def render(result, show="all", colour=False, short=False, **options):
    view = build_view(result, show=show)
    out = ["## %s" % escape(view["headline"])]
    for part in view["sections"]:
        if short and part["id"] != "remediation":
            continue
        out += ["", "### %s" % escape(part["title"])]
        for block in part["blocks"]:
            lines = LAYOUT.get(block["kind"], skip)(block)
            if lines:
                out += [""] + lines
    return "\n".join(out) + "\n"


def paragraph(block):
    return [escape(block["text"])]


def bullet_list(block):
    return ["- " + escape(item) for item in block["items"]]


def commands(block):
    return fenced(block["lines"], "sh")


def log(block):
    return fenced(block["lines"])


def table(block):
    rows, header = block["rows"], block["header"]
    columns = len(header or rows[0])
    out = ["| %s |" % " | ".join(escape(cell) for cell in (header or [""] * columns)).replace("|  |", "| |"),
           "|%s|" % "|".join("---:" if i in block["numeric"] else "---" for i in range(columns))]
    out += ["| %s |" % " | ".join(escape(cell) for cell in row) for row in rows]
    if block.get("caption"):
        out += ["", "_%s_" % escape(block["caption"])]
    return out


def links(block):
    # Our own URLs from pagealloc.knowledge.references (shape-checked): left bare for GFM to link.
    # One URL per line under its category: a run of URLs separated by commas reads as one on a phone.
    return [line for group in block["items"] for line in ["- %s:" % escape(group["label"])] + ["  - " + url for url in group["urls"]]]


def skip(block):
    return []  # charts: the tables beside them carry the same figures


LAYOUT = {"paragraph": paragraph, "list": bullet_list, "commands": commands, "log": log, "table": table,
          "links": links}
