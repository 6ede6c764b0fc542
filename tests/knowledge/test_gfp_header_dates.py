"""What a header's form proves about its kernel (pagealloc.knowledge.gfp.HEADER_DATES) narrows the GFP
eras of an undated mask, and only then: checked against every real report whose task line names its
release (tests/fixtures: logs, posted, rules), and as properties over drawn masks."""

import glob
import os
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pagealloc.kernlog.parse import parse_file
from pagealloc.knowledge.gfp import (
    ERAS,
    ERAS_BY_NAME,
    HEADER_DATES,
    decode_gfp,
    era_for_release,
    era_releases,
    header_since,
)
from pagealloc.knowledge.kernel_release import KernelRelease

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures")
SINCE = [release for _clue, release, _words in HEADER_DATES]


def version(release):
    return KernelRelease.parse(release).version[:2]


def code_version(release):
    """The release whose code a build runs: a linux-next build (``4.10.0-rc5-next-20170125``) carries what the
    next merge window takes, so its headers may have the next release's form (4.11's nodemask in a stall header)."""
    major, minor = version(release)
    return (major, minor + 1) if re.search(r"-next-\d{8}", release) else (major, minor)


def real_events():
    paths = sorted(p for folder in ("logs", "posted", "rules")
                   for p in glob.glob(os.path.join(FIXTURES, folder, "**", "*.txt"), recursive=True))
    return [event for path in paths for event in parse_file(path).events]


def test_no_real_report_is_older_than_its_header_form_says():
    # Every real report that prints its release (task line) and whose header the table dates: the
    # release is at or after the date. A wrong row (a clue older than the table says) fails here.
    dated = [(e.kernel, e.header_since) for e in real_events()
             if e.kernel and e.header_since and KernelRelease.parse(e.kernel).version]
    assert len(dated) >= 20  # RHEL 7/8/9, Debian, Ubuntu, ARM, MIPS reports among the fixtures
    too_old = [(kernel, since) for kernel, since in dated if code_version(kernel) < version(since)]
    assert too_old == []
    assert {since for _kernel, since in dated} >= {"3.0", "4.11", "4.18"}  # colon, nodemask, one-line cpuset
    # ... and so each report's own era is among the eras the date leaves (a distro backport the table
    # missed would drop the right layout).
    for kernel, since in dated:
        assert era_for_release(kernel).name in decode_gfp(0x20, since=since).candidates, (kernel, since)


def test_2_6_reports_are_never_dated_by_the_colon():
    olds = [e for e in real_events() if e.kernel and e.kernel.startswith("2.6.") and e.kind == "page-allocation-failure"]
    assert olds and all(e.header_since is None for e in olds)


@given(st.integers(min_value=1, max_value=(1 << 26) - 1), st.sampled_from(SINCE))
def test_the_header_date_leaves_out_only_eras_before_it(value, since):
    undated, dated = decode_gfp(value), decode_gfp(value, since=since)
    reaching = [name for name in undated.candidates
                if era_releases(name).endswith("+") or version(era_releases(name).split("-")[-1]) >= version(since)]
    if reaching and dated.candidates:
        # the narrowed eras all reach the date; the undated reading's eras that reach it stay unless the
        # warning-mask rule (gfp.WARNING_MASKS) now leaves them out
        assert all(name in reaching or name not in undated.candidates for name in dated.candidates)
        assert set(dated.candidates) <= set(undated.candidates) | {e.name for e in ERAS}
        for name in dated.candidates:
            last = era_releases(name).split("-")[-1].rstrip("+")
            assert era_releases(name).endswith("+") or version(last) >= version(since)


@given(st.integers(min_value=1, max_value=(1 << 26) - 1), st.sampled_from(SINCE),
       st.sampled_from(["2.6.32-754.el6.x86_64", "3.10.0-1160.el7.x86_64", "4.18.0-513.el8.x86_64",
                        "5.14.0-362.el9.x86_64", "6.8.0-45-generic"]))
def test_a_known_release_or_printed_names_outrank_the_header_date(value, since, release):
    assert decode_gfp(value, kernel_release=release, since=since) == decode_gfp(value, kernel_release=release)
    names = "GFP_ATOMIC"
    assert decode_gfp(value, printed_names=names, since=since) == decode_gfp(value, printed_names=names)


@pytest.mark.parametrize("rest, since", [
    (": order:0, mode:0x20", "3.0"),
    (". order:0, mode:0x20", None),
    (": order:0, mode:0x10(), nodemask=(null)", "4.11"),
    (": order:0, mode:0x820(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0", "4.18"),
    (" on node -1 (gfp=0x20)", None),
])
def test_header_since_reads_the_clues(rest, since):
    assert header_since(rest) == since


def test_era_releases_tile_the_kernel_history():
    # Each era's range ends just before the next one starts (2.6 is the last 2.x series; 2.5 was a
    # development series, so 2.4's range is 2.4 alone).
    ranges = [era_releases(e.name) for e in ERAS]
    assert ranges == ["2.4", "2.6", "3.0-4.3", "4.4-4.9", "4.10-4.17", "4.18-5.0", "5.1-6.2", "6.3+"]
    assert all(era_releases(name).startswith("%d.%d" % ERAS_BY_NAME[name].first) for name in ERAS_BY_NAME)
