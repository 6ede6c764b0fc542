"""
An entry of ``fleet run DIR`` swapped after the listing (renamed away, a link or another file put in its
place: a shared upload folder) is refused and named in its record, never followed: each entry is opened
once, without following a link the listing did not follow (``O_NOFOLLOW``), and must be the file (or
folder) the listing saw (``pagealloc.archive.kinds.open_regular``).

Before, the listing kept names only, and the child analysing ``web2.log`` read whatever the name led to
then: a link to a log outside DIR was analysed as if it were the entry.
"""

import os
import subprocess
import sys

from pagealloc.fleet.jsonl import read_records
from tests.archive_factory import seed_dmesg, write_sos_tree

# The listing done, a hook swaps entries before any child starts (deterministic: no timing).
SWAP_AFTER_LISTING = """
import os, sys
import pagealloc.fleet.bundles as bundles
real = bundles.fleet_sources
def listed_then_swapped(*args, **kwargs):
    sources = real(*args, **kwargs)
    for name, target in (("web2.log", os.environ["SECRET_LOG"]), ("sos-web3", os.environ["SECRET_DIR"]),
                         ("web4.log", os.environ["OTHER_LOG"])):
        entry = os.path.join(sys.argv[3], name)
        os.rename(entry, entry + ".old")
        if name == "web4.log":
            os.link(target, entry)  # another file under the listed name, no link at all
        else:
            os.symlink(target, entry)
    return sources
bundles.fleet_sources = listed_then_swapped
from pagealloc.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_entries_swapped_after_the_listing_are_refused_and_named(tmp_path):
    top, outside = tmp_path / "in", tmp_path / "outside"
    top.mkdir()
    outside.mkdir()
    for name in ("web1.log", "web2.log", "web4.log"):
        (top / name).write_text(seed_dmesg())
    write_sos_tree(str(top), "sos-web3")
    (outside / "secret.log").write_text(seed_dmesg())
    (outside / "other.log").write_text(seed_dmesg())
    secret_dir = write_sos_tree(str(outside), "sos-secret")
    out = tmp_path / "r.jsonl"
    env = dict(os.environ, SECRET_LOG=str(outside / "secret.log"), SECRET_DIR=str(secret_dir),
               OTHER_LOG=str(outside / "other.log"))
    completed = subprocess.run([sys.executable, "-c", SWAP_AFTER_LISTING, "fleet", "run", str(top), "--out",
                                str(out), "--workers", "1"], capture_output=True, text=True, timeout=240, env=env)
    assert os.path.islink(top / "web2.log"), "the swap happened"
    records = {os.path.basename(r["source"]): r for r in read_records(str(out))}
    assert sorted(records) == ["sos-web3", "web1.log", "web2.log", "web4.log"], completed.stderr
    assert records["web1.log"]["error"] is None and records["web1.log"]["failure_events"]
    assert "replaced by a symbolic link since it was listed or checked: not followed" in records["web2.log"]["error"]
    assert "replaced by a symbolic link since it was listed or checked: not followed" in records["sos-web3"]["error"]
    assert "replaced by another file since it was listed or checked" in records["web4.log"]["error"]
    assert str(top / "web2.log") in records["web2.log"]["error"]
    assert completed.returncode == 0, completed.stderr


def test_a_link_of_the_folder_still_leads_where_it_led_when_listed(tmp_path):
    """A link inside DIR is followed (the listing followed it); re-pointed since, it is refused."""
    from pagealloc.archive import kinds
    from pagealloc.errors import InputError
    from pagealloc.fleet.bundles import evaluate_source
    from pagealloc.fleet.sources import list_sources

    top = tmp_path / "in"
    (top / ".store").mkdir(parents=True)
    (top / ".store" / "a.log").write_text(seed_dmesg())
    (top / ".store" / "b.log").write_text(seed_dmesg())
    os.symlink(".store/a.log", top / "current.log")
    listed = {}
    assert list_sources(str(top), identities=listed) == [str(top / "current.log")]
    assert listed[str(top / "current.log")].through_link
    os.unlink(top / "current.log")
    os.symlink(".store/b.log", top / "current.log")
    try:
        evaluate_source(str(top / "current.log"), listed=listed)
    except InputError as exc:
        assert "replaced by another file since it was listed or checked" in str(exc)
    else:
        raise AssertionError("a re-pointed link was analysed")
    os.unlink(top / "current.log")
    os.symlink(".store/a.log", top / "current.log")
    assert evaluate_source(str(top / "current.log"), listed=listed)["events"]
    assert not kinds._pinned
