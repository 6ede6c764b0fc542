"""
The remediation pastes into a root shell as shown, from every human format:
the block (text: the column-0 lines under "Fix: paste into a root shell";
markdown: the fenced ``sh`` block; HTML: the ``<pre class="commands">``,
unescaped as a browser copies it) is fed to ``bash`` on stdin, as a paste is,
in a sandbox: a private mount namespace (``unshare --mount
--map-root-user``) with a temporary directory bound over /etc/sysctl.d, and
a stand-in ``sysctl`` on PATH that applies ``-p FILE`` to a state file and
prints ``key = value``.  The file written must hold exactly the setting, the
check command must print the new value, and the real /etc/sysctl.d is not
touched.
"""

import html
import os
import re
import shutil
import subprocess

import pytest

from pagealloc.render import render
from tests.render.sample_result import SEED_RESULT
from tests.services import service_missing

# A stand-in for procps sysctl(8): "-w key=value" sets it; "-p FILE" sets each "key = value" of FILE (echoing it, as
# procps does); "KEY" prints "key = value" from the state, or fails like sysctl on an unknown key.
STAND_IN_SYSCTL = r"""#!/bin/sh
state="$SYSCTL_STATE"
if [ "$1" = "-w" ]; then
  key="${2%%=*}"; printf '%s\n' "${2#*=}" > "$state.$key"; printf '%s = %s\n' "$key" "${2#*=}"; exit 0
fi
if [ "$1" = "-p" ]; then
  [ -r "$2" ] || { echo "sysctl: cannot open \"$2\"" >&2; exit 1; }
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in ''|'#'*|';'*) continue;; esac
    key=$(printf '%s' "${line%%=*}" | tr -d ' \t'); value=$(printf '%s' "${line#*=}" | tr -d ' \t')
    printf '%s\n' "$value" > "$state.$key"
    printf '%s = %s\n' "$key" "$value"
  done < "$2"
  exit 0
fi
[ -f "$state.$1" ] || { echo "sysctl: cannot stat /proc/sys/$1: No such file or directory" >&2; exit 255; }
printf '%s = %s\n' "$1" "$(cat "$state.$1")"
"""
SEED_FILE = "/etc/sysctl.d/90-pagealloc-min-free-kbytes.conf"  # sample_result's remediation


def text_block(out):
    lines = out.split("\n")
    start = lines.index("Fix: paste into a root shell") + 2  # the heading, a blank line, the block
    return "\n".join(lines[start:lines.index("", start)]) + "\n"


def markdown_block(out):
    return re.search(r"^```sh\n(.*?\n)```$", out, re.S | re.M).group(1)


def html_block(out):
    return html.unescape(re.search(r'<pre class="commands">(.*?)</pre>', out, re.S).group(1)) + "\n"


BLOCKS = {"text": text_block, "markdown": markdown_block, "html": html_block}


def paste(block, tmp_path):
    """``block`` fed to bash in the sandbox; returns (completed, the sandbox's sysctl.d, state prefix)."""
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "--mount", "--map-root-user", "true"],
                                         capture_output=True).returncode != 0:
        service_missing("unshare --mount --map-root-user is not available (util-linux, user namespaces)")
    sysctl_d = tmp_path / "root" / "etc" / "sysctl.d"
    sysctl_d.mkdir(parents=True)
    stand_in = tmp_path / "bin" / "sysctl"
    stand_in.parent.mkdir()
    stand_in.write_text(STAND_IN_SYSCTL)
    stand_in.chmod(0o755)
    state = tmp_path / "state"
    env = dict(os.environ, PATH="%s:%s" % (stand_in.parent, os.environ.get("PATH", "/usr/bin:/bin")),
               SYSCTL_STATE=str(state))
    completed = subprocess.run(
        [unshare, "--mount", "--map-root-user", "bash", "-c",
         'mount --bind "$1" /etc/sysctl.d && exec bash --norc --noprofile -e', "sandbox", str(sysctl_d)],
        input=block, capture_output=True, text=True, env=env, timeout=60)
    return completed, sysctl_d, state


@pytest.mark.parametrize("fmt", sorted(BLOCKS))
def test_the_remediation_pastes_into_a_root_shell_from_every_format(fmt, tmp_path):
    block = BLOCKS[fmt](render(SEED_RESULT, fmt))
    assert block.count("\n") == 3 and all(line == line.lstrip() for line in block.splitlines())  # as shown
    completed, sysctl_d, state = paste(block, tmp_path)
    assert completed.returncode == 0, completed.stderr
    written = sysctl_d / os.path.basename(SEED_FILE)
    assert written.read_text() == "vm.min_free_kbytes = 8192\n"  # exactly the setting, nothing else
    assert (tmp_path / "state.vm.min_free_kbytes").read_text() == "8192\n"  # sysctl -p applied it
    assert completed.stdout.splitlines()[-1] == "vm.min_free_kbytes = 8192"  # the check prints the value
    assert not os.path.exists(SEED_FILE)  # the machine's own /etc/sysctl.d is untouched
    assert [p.name for p in sysctl_d.iterdir()] == [written.name]


def test_the_sandbox_catches_a_block_that_does_not_paste(tmp_path):
    """The check above can fail: an indented here-document (the old layout) never ends, so the
    file holds the rest of the paste."""
    old = ("  sysctl -w vm.min_free_kbytes=8192\n  cat > %s <<'EOF'\n  vm.min_free_kbytes = 8192\n  EOF\n"
           "  sysctl -p %s\n" % (SEED_FILE, SEED_FILE))
    completed, sysctl_d, _ = paste(old, tmp_path)
    written = sysctl_d / os.path.basename(SEED_FILE)
    assert written.read_text() != "vm.min_free_kbytes = 8192\n"
    assert "here-document" in completed.stderr
