"""The pagealloc command's dispatcher: every subcommand registered, usage errors exit 2."""

import subprocess
import sys

import pytest

from pagealloc import __version__
from pagealloc.cli import build_parser, main


def test_every_subcommand_is_registered():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert sorted(subparsers.choices) == ["fleet", "parse-log", "triage"]


def test_no_subcommand_prints_usage_and_exits_2(capsys):
    assert main([]) == 2
    assert "usage: pagealloc" in capsys.readouterr().err


def test_unknown_subcommand_is_a_usage_error():
    with pytest.raises(SystemExit) as exit_info:
        main(["diagnose-everything"])
    assert exit_info.value.code == 2


def test_installed_console_script_reports_the_package_version():
    script = [sys.executable, "-c", "import sys; from pagealloc.cli import main; sys.exit(main())", "--version"]
    out = subprocess.run(script, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "pagealloc " + __version__
