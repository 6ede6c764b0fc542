"""pagealloc.words: a count and its noun agree, in render's Python and in the rules' CONTENT macro alike."""

import doctest
import importlib
import pkgutil

import jinja2
from hypothesis import given
from hypothesis import strategies as st

import pagealloc.rules
from pagealloc import words


def test_doc_examples():
    failed, _ = doctest.testmod(words)
    assert failed == 0


NOUNS = st.text(st.characters(whitelist_categories=("Ll", "Lu", "Nd"), whitelist_characters=" -_/"),
                min_size=1, max_size=30)


@given(st.integers(min_value=0, max_value=10 ** 9), NOUNS, st.one_of(st.none(), NOUNS))
def test_the_macro_and_the_function_say_the_same(number, noun, plural_noun):
    template = jinja2.Template(words.with_counted("{{ counted(n, noun, plural_noun) }}"))
    assert template.render(n=number, noun=noun, plural_noun=plural_noun) == words.counted(number, noun, plural_noun)


def test_the_macro_adds_no_blank_to_the_template():
    # insights-core renders CONTENT as it stands: the macro prefix must leave the text unchanged.
    assert jinja2.Template(words.with_counted("Load at failure time.")).render() == "Load at failure time."


def rule_templates():
    for info in pkgutil.iter_modules(pagealloc.rules.__path__):
        content = getattr(importlib.import_module("pagealloc.rules." + info.name), "CONTENT", None)
        for key, template in (content.items() if isinstance(content, dict) else [(None, content)]):
            if template:
                yield info.name, key, template


def test_no_rule_content_says_s_in_parentheses_beside_a_count():
    # s25: "1 order-0 atomic page allocation failure(s)" in insights-run's short form; counted() knows the number.
    found = [(module, key) for module, key, template in rule_templates() if "(s)" in template]
    assert found == []
    assert len(list(rule_templates())) >= 20  # every rule's CONTENT was read
