"""The pagealloc command's dispatcher: every subcommand registered, usage errors exit 2."""

import argparse
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


def command_paths(parser, prefix=()):
    """Every command of the parser tree, as argument lists: (), ("triage",), ("fleet", "run"), ..."""
    yield prefix
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from command_paths(sub, prefix + (name,))


COMMANDS = list(command_paths(build_parser()))


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) or "pagealloc" for c in COMMANDS])
def test_every_command_has_a_help_text(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(list(command) + ["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: pagealloc" + "".join(" " + c for c in command))


def test_the_broker_default_in_the_help_is_the_real_url(capsys):
    with pytest.raises(SystemExit):
        main(["fleet", "enqueue", "--help"])
    assert "amqp://guest:guest@127.0.0.1:5672/%2F" in " ".join(capsys.readouterr().out.split())


def test_a_closed_stdout_ends_parse_log_quietly(tmp_path):
    """``pagealloc parse-log big.log | head -1``: no BrokenPipeError traceback (exit 141, as SIGPIPE)."""
    from tests.archive_factory import seed_dmesg

    log = tmp_path / "dmesg"
    log.write_text(seed_dmesg() * 2000)  # 2000 events: far more than a pipe buffer of output
    script = "import sys; from pagealloc.cli import main; sys.exit(main())"
    parse = subprocess.Popen([sys.executable, "-c", script, "parse-log", str(log)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    first = parse.stdout.readline()
    parse.stdout.close()  # what head does after its line
    _, stderr = parse.communicate(timeout=120)
    assert first.startswith(str(log).encode())
    assert stderr == b"" and parse.returncode == 141


def _parsers(parser, path=()):
    """(command path, parser) of the top-level parser and every subcommand below it."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, path + (name,))


def test_every_command_says_what_it_does_and_every_argument_has_a_help_text():
    # A user reading --help must learn what each positional and option is (the man page and the
    # completions are generated from the same texts).
    for path, parser in _parsers(build_parser()):
        for action in parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            assert action.help, "%s: %s has no help text" % (" ".join(path) or "pagealloc",
                                                            "/".join(action.option_strings) or action.dest)
    fleet = dict(_parsers(build_parser()))[("fleet",)]
    assert fleet.description
