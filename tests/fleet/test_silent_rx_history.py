"""
Receive-path failures that print nothing, followed across collections: the fleet record keeps the
counters (TcpExt PFMemallocDrop, the NICs' rx allocation failures) and the boot they count since
(/proc/sys/kernel/random/boot_id), the history store keeps them per host and run (SQLite and
PostgreSQL, and a store of the version before them gains them), and the host history gives the
growth between two collections of the same boot - never across a reboot or without a boot id.

The collections are copies of examples/sosreport-mlx5-silent-rx (sos 4.x layout, RHEL 8 kernel,
mlx5 ens1f0): PFMemallocDrop 18233 in /proc/net/netstat and nstat -zas, ens1f0 rx_buff_alloc_err
1290 (the device total), so silent receive failures = 18233 + 1290 = 19523.
"""

import shutil
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pagealloc.evaluate import evaluate_path
from pagealloc.fleet.history import counter_growth, fleet_history, host_timelines, record_results
from pagealloc.fleet.record import result_record
from pagealloc.fleet.store import open_store, schema

BOOT_A = "4c0b4a1e-91f3-4c8a-9d3b-6f7e2a1c5d90"
BOOT_B = "9e2f7c41-0b6d-4d2a-8f31-5a7c9e0d1b23"
EXAMPLE_DROPS = 18233


def collection(examples_dir, folder, boot_id, drops):
    """A copy of the mlx5 example collected in boot ``boot_id`` with PFMemallocDrop = ``drops``."""
    root = folder / "sosreport-mlx5-host"
    shutil.copytree(examples_dir + "/sosreport-mlx5-silent-rx", str(root))
    if boot_id:
        (root / "proc/sys/kernel/random").mkdir(parents=True)
        (root / "proc/sys/kernel/random/boot_id").write_text(boot_id + "\n")
    netstat = root / "proc/net/netstat"
    lines = netstat.read_text().splitlines()
    for index in range(0, len(lines), 2):  # "TcpExt: names" then "TcpExt: values"
        names, values = lines[index].split(), lines[index + 1].split()
        if "PFMemallocDrop" in names:
            values[names.index("PFMemallocDrop")] = str(drops)
            lines[index + 1] = " ".join(values)
    netstat.write_text("\n".join(lines) + "\n")
    nstat = root / "sos_commands/networking/nstat_-zas"
    nstat.write_text(nstat.read_text().replace("TcpExtPFMemallocDrop            %d" % EXAMPLE_DROPS,
                                               "TcpExtPFMemallocDrop            %d" % drops))
    return result_record(evaluate_path(str(root)))


@pytest.fixture(scope="module")
def nights(examples_dir, tmp_path_factory):
    """Four nightly collections of the host: +300 drops in the same boot, then none, then a reboot."""
    plan = [(BOOT_A, EXAMPLE_DROPS), (BOOT_A, EXAMPLE_DROPS + 300), (BOOT_A, EXAMPLE_DROPS + 300), (BOOT_B, 40)]
    return [collection(examples_dir, tmp_path_factory.mktemp("night%d" % day), boot, drops)
            for day, (boot, drops) in enumerate(plan)]


def test_the_record_keeps_the_counters_and_the_boot(nights):
    first = nights[0]
    assert first["boot_id"] == BOOT_A
    figures = first["figures"]
    assert (figures["pfmemalloc_drops"], figures["nic_rx_alloc_failures"], figures["silent_rx_failures"]) == (
        18233, 1290, 19523)
    assert nights[1]["figures"]["silent_rx_failures"] == 19823


def record_nights(target, records):
    for day, record in enumerate(records):
        record_results(target, [record], "run", started_at="2026-11-%02dT02:30:00Z" % (24 + day))


def test_growth_between_collections_of_one_boot_and_none_across_a_reboot(nights, store_target):
    record_nights(store_target, nights)
    with open_store(store_target) as store:
        ((host_id, events),) = host_timelines(store, "mlx5-host").items()
        states = [store.states(run["id"])[host_id] for run in store.runs()]
        assert [(s["boot_id"], s["pfmemalloc_drops"], s["nic_rx_alloc_failures"], s["silent_rx_failures"])
                for s in states] == [(BOOT_A, 18233, 1290, 19523), (BOOT_A, 18533, 1290, 19823),
                                     (BOOT_A, 18533, 1290, 19823), (BOOT_B, 40, 1290, 1330)]
    said = [what for when, what in events if "silent" in what]
    assert said == [
        "silent receive failures: 19,523 since this boot",
        "silent receive failures: 19,823, +300 since 2026-11-24T02:30:00Z (same boot)",
        "no new silent receive failures since 2026-11-25T02:30:00Z (19,823, same boot)",
        "silent receive failures: 1,330 since a reboot",  # 40 + 1290: no difference across boots
    ]


def test_the_timeline_in_docs_fleet_md_is_what_the_code_prints(nights, tmp_path, capsys, request):
    from pagealloc.cli import main

    db = str(tmp_path / "history.sqlite")
    record_nights(db, nights)
    capsys.readouterr()
    assert main(["fleet", "report", "--db", db, "--host", "mlx5-host"]) == 0
    shown = "$ pagealloc fleet report --db history.sqlite --host mlx5-host\n" + capsys.readouterr().out
    assert shown in (request.config.rootpath / "docs" / "fleet.md").read_text(encoding="utf-8")


def test_the_run_comparison_says_the_growth_of_an_ongoing_host(nights, tmp_path):
    target = str(tmp_path / "h.sqlite")
    record_nights(target, nights[:2])
    with open_store(target) as store:
        (ongoing,) = fleet_history(store)["since_previous_run"]["ongoing"]
    assert ongoing["silent_rx"] == {"value": 19823, "previous": 19523, "same_boot": True, "growth": 300}
    from pagealloc.fleet.history import render_history_text

    with open_store(target) as store:
        text = render_history_text(fleet_history(store))
    assert "silent receive failures 19,823 (+300, same boot)" in " ".join(text.split())


def test_without_a_boot_id_no_growth_is_computed(examples_dir, tmp_path):
    records = [collection(examples_dir, tmp_path / name, None, drops)
               for name, drops in (("a", EXAMPLE_DROPS), ("b", EXAMPLE_DROPS + 300))]
    assert records[0]["boot_id"] is None
    target = str(tmp_path / "h.sqlite")
    record_nights(target, records)
    with open_store(target) as store:
        (events,) = host_timelines(store, "mlx5-host").values()
    assert [what for _, what in events if "silent" in what] == [
        "silent receive failures: 19,523 since this boot",
        "silent receive failures: 19,823, was 19,523 (no boot id for both: growth not computed)"]


V2_STATE = ("host_id", "host", "source", "archives", "problem", "failing_keys", "failures")


def make_version_2_store(target):
    """A history as pagealloc wrote it before the counters (schema version 2), with one run."""
    if target.startswith("postgresql://"):
        import psycopg

        connection, marker = psycopg.connect(target, autocommit=True), "%s"
        dialect = "postgresql"
    else:
        connection, marker, dialect = sqlite3.connect(target, isolation_level=None), "?", "sqlite"
    cursor = connection.cursor()
    cursor.execute("CREATE TABLE pagealloc_schema (version INTEGER NOT NULL)")
    cursor.execute("INSERT INTO pagealloc_schema (version) VALUES (2)")
    for version in (1, 2):
        for statement in schema.statements(version, dialect):
            cursor.execute(statement)
    cursor.execute("INSERT INTO fleet_runs (started_at, kind, archives, errors, hosts, pagealloc_version) "
                   "VALUES ('2026-11-23T02:30:00Z', 'run', 1, 0, 1, 'old')")
    cursor.execute("SELECT id FROM fleet_runs")
    run_id = cursor.fetchone()[0]
    cursor.execute("INSERT INTO fleet_host_states (run_id, %s) VALUES (%s)" % (
        ", ".join(V2_STATE), ", ".join([marker] * (len(V2_STATE) + 1))),
        (run_id, "mlx5-host", "mlx5-host", "/srv/old.tar.xz", 1, 1, "SILENT_RX_ALLOC_FAILURES", 0))
    connection.close()


def test_a_store_of_the_version_before_gains_the_columns_and_keeps_its_runs(nights, store_target):
    make_version_2_store(store_target)
    with open_store(store_target) as store:
        assert store.schema_version() == schema.SCHEMA_VERSION == 3
        (old_run,) = store.runs()
        old = store.states(old_run["id"])
        assert old["mlx5-host"]["source"] == "/srv/old.tar.xz"
        assert (old["mlx5-host"]["boot_id"], old["mlx5-host"]["silent_rx_failures"]) == (None, None)
    record_results(store_target, [nights[0]], "run", started_at="2026-11-24T02:30:00Z")
    with open_store(store_target) as store:
        assert [run["pagealloc_version"] for run in store.runs()][0] == "old"
        timelines = host_timelines(store, "mlx5-host")
    # the old run had no count: the first count is said as it is, with no difference
    said = [what for events in timelines.values() for _, what in events if "silent" in what]
    assert said == ["silent receive failures: 19,523 since this boot"]


COUNTS = st.integers(0, 10 ** 12)
BOOTS = st.sampled_from([None, BOOT_A, BOOT_B])


@given(before=COUNTS, after=COUNTS, boot_before=BOOTS, boot_after=BOOTS)
def test_growth_is_given_only_within_one_known_boot_and_only_upwards(before, after, boot_before, boot_after):
    growth = counter_growth({"silent_rx_failures": before, "boot_id": boot_before},
                            {"silent_rx_failures": after, "boot_id": boot_after})
    assert growth["value"] == after and growth["previous"] == before
    same = boot_before is not None and boot_before == boot_after
    if same and after >= before:
        assert growth["growth"] == after - before
    else:
        assert growth["growth"] is None
    assert growth["same_boot"] == (None if None in (boot_before, boot_after) else boot_before == boot_after)
    # the same counts one boot later say nothing about growth
    assert counter_growth({"silent_rx_failures": before, "boot_id": BOOT_A},
                          {"silent_rx_failures": after, "boot_id": BOOT_B})["growth"] is None


def test_a_counter_that_went_down_in_one_boot_gives_no_growth_even_when_the_sum_grew():
    # PFMemallocDrop +500, the NIC's counters restarted by a driver reload (1290 -> 990): the sum grew
    # by 200, which would say too little; nothing is said about growth
    before = {"boot_id": BOOT_A, "pfmemalloc_drops": 18233, "nic_rx_alloc_failures": 1290, "silent_rx_failures": 19523}
    after = {"boot_id": BOOT_A, "pfmemalloc_drops": 18733, "nic_rx_alloc_failures": 990, "silent_rx_failures": 19723}
    growth = counter_growth(before, after)
    assert (growth["same_boot"], growth["growth"]) == (True, None)
    from pagealloc.fleet.history import silent_rx_event

    assert "a counter went down" in silent_rx_event(growth, "2026-11-24T02:30:00Z", False)


def test_an_unknown_count_is_no_growth_and_no_zero():
    assert counter_growth({"silent_rx_failures": 5, "boot_id": BOOT_A}, {"silent_rx_failures": None}) is None
    first = counter_growth(None, {"silent_rx_failures": 7, "boot_id": BOOT_A})
    assert (first["previous"], first["growth"], first["same_boot"]) == (None, None, None)
