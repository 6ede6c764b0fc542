"""
A zip with more entries than the limit is refused before Python's zipfile parses its central directory:
zipfile holds a ZipInfo per entry before the first one can be refused (a 55 MB zip of 600,000 empty
entries: 4.1 s and 393 MB before "more than 200000 entries"; now 0.4 s and 52 MB).  The entries are
counted by walking the directory's records (``pagealloc.archive.zip_directory``), which agrees with
zipfile on any zip (property below: names, comments, extra fields, zip64, data prepended).
"""

import io
import os
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.archive import extract
from pagealloc.archive.extract import Budget
from pagealloc.archive.limits import ExtractionLimits
from pagealloc.errors import InputError


def test_too_many_entries_are_refused_before_zipfile_reads_them(tmp_path, monkeypatch):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for index in range(3000):
            archive.writestr("sosreport-x/f%d" % index, b"")

    def never(*args, **kwargs):
        raise AssertionError("zipfile parsed the whole directory first")

    monkeypatch.setattr(extract.zipfile, "ZipFile", never)
    budget = Budget(ExtractionLimits(max_entries=1000), os.path.getsize(path), str(path))
    dest = tmp_path / "out"
    dest.mkdir()
    with pytest.raises(InputError, match="more than 1000 entries"):
        extract.extract_zip(str(path), str(dest), budget)


names = st.text(st.characters(min_codepoint=33, max_codepoint=0x2FF, exclude_characters="/\\"), min_size=1,
                max_size=40)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(names, st.binary(max_size=30), st.binary(max_size=20)), min_size=0, max_size=30,
                unique_by=lambda entry: entry[0]),
       st.binary(max_size=200), st.booleans(), st.binary(max_size=300))
def test_the_count_agrees_with_zipfile(entries, comment, zip64, prepended):
    from pagealloc.archive.zip_directory import count_entries

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", allowZip64=True) as archive:
        for name, body, extra in entries:
            info = zipfile.ZipInfo(name)
            info.extra = (b"\xfe\xca" + len(extra).to_bytes(2, "little") + extra) if extra else b""
            with archive.open(info, "w", force_zip64=zip64) as member:
                member.write(body)
        archive.comment = comment
    stream = io.BytesIO(prepended + data.getvalue())
    assert count_entries(stream) == len(zipfile.ZipFile(stream).infolist()) == len(entries)
    if entries:
        assert count_entries(stream, limit=0) == 1  # the walk stops once past the limit


def test_doc_examples():
    import doctest

    from pagealloc.archive import zip_directory

    assert doctest.testmod(zip_directory).failed == 0
