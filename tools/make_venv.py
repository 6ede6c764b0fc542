"""Create the project's virtual env with the system python3.

Debian ships the ``venv`` module without ``ensurepip`` unless python3-venv is
installed; say so plainly (or install it when running as root) instead of
leaving a half-made env behind.
"""

import os
import shutil
import subprocess
import sys
import venv


def have_ensurepip():
    try:
        import ensurepip  # noqa: F401
    except ImportError:
        return False
    return True


def install_python3_venv():
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    minor = "python3.%d-venv" % sys.version_info[1]
    print("installing %s with apt-get (ensurepip is missing)" % minor, file=sys.stderr)
    subprocess.run(["apt-get", "update", "-qq"], check=False)
    return subprocess.run(["apt-get", "install", "-y", "-qq", "python3-venv", minor]).returncode == 0


def main(target):
    if not have_ensurepip() and not install_python3_venv():
        sys.exit("pagealloc: python3 has no ensurepip; install Debian's python3-venv package "
                 "(apt-get install python3-venv) and run make again")
    if not have_ensurepip():
        # ensurepip was just installed: create the env with a fresh interpreter.
        sys.exit(subprocess.run([sys.executable, __file__, target]).returncode)
    venv.EnvBuilder(with_pip=True).create(target)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".venv")
