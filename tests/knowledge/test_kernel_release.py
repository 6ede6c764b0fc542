"""KernelRelease: one parse of a kernel release string for every knowledge table
(version tuple, distribution build, arch, at_least)."""

import doctest

from hypothesis import given
from hypothesis import strategies as st

from pagealloc.knowledge import kernel_release
from pagealloc.knowledge.kernel_release import KernelRelease

versions = st.tuples(st.integers(2, 99), st.integers(0, 999), st.integers(0, 300))
# suffixes of real releases: Debian, Ubuntu, RHEL, Fedora, SUSE, upstream -rc
SUFFIXES = ("", "-5-686", "-18-amd64", "-125-generic", "-1160.el7.x86_64", "-553.el8_10.x86_64",
            "-427.13.1.el9_4.aarch64", "-200.fc40.ppc64le", "-150600.23.7-default", "-rc3")


def test_doc_examples():
    assert doctest.testmod(kernel_release)[0] == 0


# what kernlog/release.py's doctest asserted (now KernelRelease.version)
def test_version_tuples_of_the_former_kernlog_release():
    assert KernelRelease.parse("3.10.0-1160.el7.x86_64").version == (3, 10, 0)
    assert (KernelRelease.parse("6.1").version, KernelRelease.parse("unknown").version) == ((6, 1, 0), None)


@given(versions, st.sampled_from(SUFFIXES))
def test_a_distribution_suffix_changes_neither_the_version_nor_its_order(version, suffix):
    plain = "%d.%d.%d" % version
    release = KernelRelease.parse(plain + suffix)
    assert release.version == KernelRelease.parse(plain).version == version
    assert release.at_least(*version) and release.at_least(*version[:2])
    assert release.at_least(version[0], version[1] + 1) is False
    assert release.known


@given(versions, versions)
def test_at_least_is_the_order_of_version_tuples(a, b):
    assert KernelRelease.parse("%d.%d.%d-1" % a).at_least(*b) == (a >= b)


@given(st.text(max_size=30))
def test_any_text_parses_to_a_release_or_to_unknown(text):
    release = KernelRelease.parse(text)
    assert release.version is None or (release.version[0] <= 99 and release.version[1] <= 999)
    assert (release.at_least(0, 0) is None) == (release.version is None)
