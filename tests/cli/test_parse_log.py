import json

from pagealloc.cli import main
from pagealloc.kernlog.event import FailureEvent
from tests.kernlog.helpers import fixture_path

SEED = "dmesg_2.6.32_i686_e100_seed.txt"
DESIGN_CARD_KEYS = set(FailureEvent(kind="page-allocation-failure").to_dict())


def test_parse_log_json_on_the_seed_report(capsys):
    assert main(["parse-log", fixture_path(SEED), "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert len(events) == 1
    event = events[0]
    assert set(event) == DESIGN_CARD_KEYS
    assert (event["comm"], event["order"], event["gfp_mask"], event["atomic"]) == ("swapper", 0, "0x20", True)
    assert (event["context"], event["driver"]) == ("network-rx", "e100")
    normal = [z for z in event["zones"] if z["zone"] == "Normal"][0]
    assert (normal["free_kb"], normal["min_kb"]) == (716, 1908)
    assert event["line"] == 2  # line 1 of the fixture is its comment


def test_parse_log_with_no_events_exits_0_with_an_empty_list(tmp_path, capsys):
    log = tmp_path / "dmesg"
    log.write_text("[    0.000000] Linux version 6.8.0\n")
    assert main(["parse-log", str(log), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_parse_log_unreadable_input_exits_2_with_one_line(tmp_path, capsys):
    assert main(["parse-log", str(tmp_path / "missing.log"), "--json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.log" in err
    assert main(["parse-log", str(tmp_path)]) == 2  # a directory is not a log file


def test_parse_log_text_output_is_one_line_per_event(capsys):
    assert main(["parse-log", fixture_path(SEED)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and "driver=e100" in out[0] and "order=0" in out[0]


def test_parse_log_kernel_option_decodes_reports_that_print_no_release(tmp_path, capsys):
    # A pre-filtered RHEL 9 messages line without names or task line: 0xa20 fits several GFP tables;
    # --kernel (uname -r) settles it: 5.1-6.2, HIGH|ATOMIC|KSWAPD_RECLAIM = GFP_ATOMIC.
    log = tmp_path / "messages"
    log.write_text("Jun 17 21:19:45 web1 kernel: swapper/3: page allocation failure: order:0, mode:0xa20\n")
    assert main(["parse-log", str(log), "--json", "--kernel", "5.14.0-362.el9.x86_64"]) == 0
    event = json.loads(capsys.readouterr().out)[0]
    assert (event["gfp_flags"], event["gfp_era"], event["atomic"]) == (["GFP_ATOMIC"], "5.1-6.2", True)
    assert main(["parse-log", str(log), "--json"]) == 0
    assert "|" in json.loads(capsys.readouterr().out)[0]["gfp_era"]  # without it: every era 0xa20 fits


def test_parse_log_reads_compressed_rotated_logs_and_rejects_corrupt_ones(tmp_path, capsys):
    import bz2
    import gzip
    import lzma

    raw = open(fixture_path(SEED), "rb").read()
    for name, compress in (("messages-1.gz", gzip.compress), ("messages-2.xz", lzma.compress),
                           ("messages-3.bz2", bz2.compress)):
        path = tmp_path / name
        path.write_bytes(compress(raw))
        assert main(["parse-log", str(path), "--json"]) == 0
        assert [e["driver"] for e in json.loads(capsys.readouterr().out)] == ["e100"]
    cut = tmp_path / "messages-4.gz"
    cut.write_bytes(gzip.compress(raw)[:200])
    assert main(["parse-log", str(cut)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "messages-4.gz" in err and "compressed" in err
