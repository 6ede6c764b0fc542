"""
RabbitMQ message bodies of another shape than pagealloc's: not JSON, not UTF-8, a JSON scalar or list,
a source that is a list, an object, a number or empty, a huge body.  A work message of another shape is
dead-lettered by the worker (``decode_message``: MalformedMessage); a results message of another shape is
dropped by the collector (the shape check every reader of results files makes,
``pagealloc.fleet.record.well_formed``) and never counts towards ``--expect``.

Before, a results message whose source was a list or an object ended ``fleet collect`` with
``TypeError: unhashable type`` (and again on every redelivery: no result could be collected past it), and
other foreign messages (``{"source": 5}``, ``{"source": null}``) were written to the results file and
counted as collected, so ``--expect N`` could be met while real results were missing.
"""

import pytest

from pagealloc.fleet.collector import Collection, _take
from pagealloc.fleet.consumer import MalformedMessage, decode_message

FOREIGN = [b"not json", b"\xff\xfe\x00", b'"a string"', b"[1, 2]", b"null", b'{"source": ["x"]}',
           b'{"source": {"a": 1}}', b'{"source": 5}', b'{"source": null}', b'{"source": ""}',
           b'{"source": "/srv/a.tar.xz", "verdicts": "x"}', b'{"source": "/srv/a.tar.xz", "figures": []}',
           b'{"error": null}', b'{"source": "' + b"x" * (16 << 20) + b'", "figures": []}']


class Out:
    def __init__(self):
        self.written = []

    def write(self, record):
        self.written.append(record)


@pytest.mark.parametrize("body", FOREIGN, ids=range(len(FOREIGN)))
def test_a_results_message_of_another_shape_is_dropped(body):
    out, stats = Out(), Collection({})
    _take(out, stats, None, body)
    assert out.written == [] and stats.collected == 0 and stats.seen == {}


def test_a_well_formed_results_message_is_taken():
    class Properties:
        headers = None

    out, stats = Out(), Collection({})
    _take(out, stats, Properties(), b'{"source": "/srv/a.tar.xz", "error": null, "verdicts": [], "figures": {}}')
    assert stats.collected == 1 and out.written[0]["source"] == "/srv/a.tar.xz"


@pytest.mark.parametrize("body", [b for b in FOREIGN if b"verdicts" not in b and b"figures" not in b],
                         ids=lambda b: repr(b[:20]))
def test_a_work_message_of_another_shape_is_malformed(body):
    with pytest.raises(MalformedMessage):
        decode_message(body)


@pytest.mark.parametrize("location,reason", [("file:///ROOT/a%00b.tar.xz", "empty or invalid location"),
                                             ("file://fileserver/ROOT/a.tar.xz", "file URL of another host")])
def test_a_work_message_location_that_cannot_be_a_local_archive_is_final(tmp_path, location, reason):
    """Before, ``%00`` in a file URL raised ValueError in os.stat (an analysis failure, retried up to
    --max-attempts times) and a file URL naming another host was read as a local path."""
    from pagealloc.fleet.locations import AllowedRoots, LocationRejected

    (tmp_path / "a.tar.xz").write_bytes(b"x")
    with pytest.raises(LocationRejected, match=reason):
        AllowedRoots([str(tmp_path)]).local_path(location.replace("/ROOT", str(tmp_path)))
    assert AllowedRoots([str(tmp_path)]).local_path("file://localhost%s/a.tar.xz" % tmp_path) == str(tmp_path / "a.tar.xz")
