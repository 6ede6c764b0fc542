"""
The manual page and the bash/zsh completions are generated from the argparse
definitions (argparse-manpage, shtab), kept in share/ by
tools/regen_triage_docs.py, installed with the package (setup.py
data_files), and in step with the parser: ``man`` renders the page without a
warning and lists every triage option; bash's completion offers the triage
options; every subcommand's --help prints (a ``%`` in a help text would make
argparse fail).
"""

import argparse
import doctest
import os
import subprocess
import sys

import pytest

import pagealloc.cli.manuals
from pagealloc.cli import build_parser
from pagealloc.cli.manuals import GENERATED, generated_files
from tests.cli.triage_helpers import require_tool


def test_doc_examples():
    failed, _ = doctest.testmod(pagealloc.cli.manuals)
    assert failed == 0


def triage_options():
    triage = build_parser()._subparsers._group_actions[0].choices["triage"]
    return {option for action in triage._actions for option in action.option_strings
            if option.startswith("--") and option != "--help"}  # the page documents -h once, not per command


def walk(parser, name="pagealloc"):
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub, child in action.choices.items():
                yield from walk(child, name + " " + sub)


def test_every_subcommand_help_prints():
    names = []
    for name, parser in walk(build_parser()):
        assert parser.format_help(), name
        names.append(name)
    assert "pagealloc triage" in names and "pagealloc fleet enqueue" in names


@pytest.mark.parametrize("path", sorted(GENERATED))
def test_installed_with_the_package_and_in_step_with_the_parser(path):
    installed = os.path.join(sys.prefix, path)
    assert os.path.isfile(installed), "%s is not installed (setup.py data_files)" % installed
    with open(installed, encoding="utf-8") as stream:
        assert stream.read() == generated_files()[path], "run tools/regen_triage_docs.py and reinstall"


def test_man_renders_every_triage_option():
    man = require_tool("man")
    page = os.path.join(sys.prefix, "share/man/man1/pagealloc.1")
    completed = subprocess.run([man, "--warnings", "-l", page], capture_output=True, text=True,
                               env=dict(os.environ, MANWIDTH="80", MAN_KEEP_FORMATTING="0", PAGER="cat"),
                               timeout=60)
    # no roff error (a help line starting with "." would be read as an undefined macro); "cannot adjust
    # line" (a long unbreakable word) is layout, not an error
    errors = [line for line in completed.stderr.splitlines() if "cannot adjust line" not in line]
    assert completed.returncode == 0 and not errors, completed.stderr
    assert "pagealloc triage" in completed.stdout and "--short" in completed.stdout.replace("\u2010", "-")
    with open(page, encoding="utf-8") as stream:
        source = stream.read().replace("\\-", "-")  # roff's escaped hyphens
    missing = {option for option in triage_options() if option not in source}
    assert not missing, missing


def complete_bash(words):
    script = os.path.join(sys.prefix, "share/bash-completion/completions/pagealloc")
    line = " ".join(words)
    command = ('source "$1"; COMP_WORDS=(%s); COMP_CWORD=%d; COMP_LINE=%s; COMP_POINT=${#COMP_LINE}; '
               '_shtab_pagealloc pagealloc "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; '
               'printf "%%s\\n" "${COMPREPLY[@]}"' % (" ".join("'%s'" % w for w in words), len(words) - 1,
                                                      "'%s'" % line))
    completed = subprocess.run(["bash", "-c", command, "bash", script], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    return set(completed.stdout.split())


def test_bash_completes_the_subcommands_and_the_triage_options():
    assert {"triage", "parse-log", "fleet"} <= complete_bash(["pagealloc", ""])
    assert {"--short", "--save"} <= complete_bash(["pagealloc", "triage", "--s"])
    assert {"text", "json", "yaml", "markdown", "html"} == complete_bash(["pagealloc", "triage", "--format", ""])
