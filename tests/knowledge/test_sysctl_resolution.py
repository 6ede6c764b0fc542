"""The resolver's record read into a typed Resolution gives back the same JSON form, key for key."""

import doctest
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.knowledge import sysctl_resolution
from pagealloc.knowledge.sysctl_precedence import proposed_file_name, resolve
from pagealloc.knowledge.sysctl_resolution import resolution_of
from tests.knowledge.test_sysctl_precedence_properties import KEY, files, raw_values

TUNED = st.one_of(st.none(), st.builds(
    lambda value, unread: {"profile": "hpc-compute", "value": value, "file": "/usr/lib/tuned/hpc-compute/tuned.conf",
                           "line": 3, "chain": ["hpc-compute"], "unread_profiles": unread},
    st.one_of(st.none(), st.integers(min_value=0, max_value=2 ** 20)), st.lists(st.sampled_from(["a", "b"]), max_size=2)))


def test_doc_examples():
    assert doctest.testmod(sysctl_resolution)[0] == 0


@settings(max_examples=150, deadline=None)
@given(files, st.one_of(st.none(), st.lists(raw_values, max_size=2)), TUNED,
       st.one_of(st.none(), st.integers(min_value=0, max_value=2 ** 20)),
       st.one_of(st.none(), st.lists(st.sampled_from(["hpc-compute", "virtual-guest"]), max_size=2)))
def test_to_dict_is_the_record_in_its_key_order(sysctl_d, conf_values, tuned, current, active):
    conf = None if conf_values is None else {"settings": {KEY: [(i + 1, v) for i, v in enumerate(conf_values)]}}
    record = resolve(sysctl_d, sysctl_conf=conf, tuned=tuned, current=current)
    proposed = proposed_file_name(record)
    typed = resolution_of(record, active if record["tuned"] is not None else None, proposed)
    expected = dict(record, proposed_file=proposed)
    if record["tuned"] is not None and active is not None:  # the combiner adds the active profiles last
        expected["tuned"] = dict(record["tuned"], active_profiles=active)
    # the same JSON text: same keys, same order, same values
    assert json.dumps(typed.to_dict()) == json.dumps(expected)
    assert (typed.value, typed.winning_file, [f.path for f in typed.files]) == \
        (record["value"], record["winning_file"], [f["path"] for f in record["files"]])
