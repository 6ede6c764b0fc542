"""Property tests: the precedence resolver on arbitrary files never raises and never invents a value."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.knowledge.sysctl_precedence import SYSCTL_D_DIRS, int_value, resolve

KEY = "vm.min_free_kbytes"
raw_values = st.one_of(st.integers(min_value=-10, max_value=2 ** 40).map(str), st.text(max_size=12))
names = st.from_regex(r"[0-9a-z_-]{1,8}\.(conf|txt)", fullmatch=True)
files = st.lists(st.builds(
    lambda d, name, values: {"path": d + "/" + name, "settings": {KEY: [(i + 1, v) for i, v in enumerate(values)]}},
    st.sampled_from(SYSCTL_D_DIRS + ("/etc", "/tmp/x")), names, st.lists(raw_values, max_size=3)), max_size=8)


@settings(max_examples=200, deadline=None)
@given(files, st.one_of(st.none(), st.lists(raw_values, max_size=2)))
def test_resolve_never_raises_and_picks_a_usable_value_from_the_input(sysctl_d, conf_values):
    conf = None if conf_values is None else {"settings": {KEY: [(i + 1, v) for i, v in enumerate(conf_values)]}}
    p = resolve(sysctl_d, sysctl_conf=conf)
    every_raw = [v for f in sysctl_d for _, v in f["settings"][KEY]] + (conf_values or [])
    usable = {int_value(v)[0] for v in every_raw} - {None}
    assert p["value"] is None or p["value"] in usable
    assert all(isinstance(e["reason"], str) for e in p["errors"])


@settings(max_examples=100, deadline=None)
@given(files, st.randoms())
def test_input_order_does_not_matter(sysctl_d, rnd):
    # One file per path, as on a filesystem; the resolver orders by name, not by input order.
    unique = list({f["path"]: f for f in sysctl_d}.values())
    shuffled = list(unique)
    rnd.shuffle(shuffled)
    a, b = resolve(unique), resolve(shuffled)
    assert (a["value"], a["winning_file"], a["masked"]) == (b["value"], b["winning_file"], b["masked"])


@given(files, st.integers(min_value=0, max_value=2 ** 31 - 1))
def test_a_file_named_last_in_etc_always_wins_without_sysctl_conf(sysctl_d, value):
    last = {"path": "/etc/sysctl.d/zzzzzzzzz.conf", "settings": {KEY: [(1, str(value))]}}
    p = resolve(sysctl_d + [last])
    assert (p["value"], p["winning_file"]) == (value, last["path"])
