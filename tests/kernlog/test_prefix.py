import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pagealloc.kernlog import prefix
from pagealloc.kernlog.prefix import split_prefix


def test_doc_examples():
    assert doctest.testmod(prefix)[0] == 0


@pytest.mark.parametrize("line, ts, wall, host, body", [
    ("[ 7873.855883] swapper: x", 7873.855883, None, None, "swapper: x"),
    ("<4>[ 7873.855883] swapper: x", 7873.855883, None, None, "swapper: x"),
    ("[Thu Jun 17 21:19:45 2010] swapper: x", None, "Thu Jun 17 21:19:45 2010", None, "swapper: x"),
    ("Jun 17 21:19:45 web1 kernel: swapper: x", None, "Jun 17 21:19:45", "web1", "swapper: x"),
    ("Jun  7 01:02:03.123456 web1 kernel: [  5.000001] swapper: x", 5.000001, "Jun  7 01:02:03.123456", "web1",
     "swapper: x"),
    ("2024-02-09T08:09:39.123456+00:00 web1 kernel: swapper: x", None, "2024-02-09T08:09:39.123456+00:00",
     "web1", "swapper: x"),
    ("[21161.092614] kernel: earlyoom: x", 21161.092614, None, None, "earlyoom: x"),
    ("swapper: x", None, None, None, "swapper: x"),
    ("2010-06-17T21:19:45,123456+09:00 swapper: x", None, "2010-06-17T21:19:45,123456+09:00", None, "swapper: x"),
    ("kern  :warn  : [ 7873.855883] swapper: x", 7873.855883, None, None, "swapper: x"),
    ("May 18 14:56:06 kernel: swapper: x", None, "May 18 14:56:06", None, "swapper: x"),
    ("May 18 14:56:06 router kern.warn kernel: swapper: x", None, "May 18 14:56:06", "router", "swapper: x"),
    # a line indented by one blank with a prefix stacked on it: two blanks after the tag, the uptime still read
    ("Sat Jan 27 00:14:32 2024 kern.warn kernel:  [7730502.783343] CPU: 18", 7730502.783343,
     "Sat Jan 27 00:14:32 2024", None, "CPU: 18"),
    ("Jun 17 21:19:45 web1 kernel:   [ 5.5] swapper: x", 5.5, "Jun 17 21:19:45", "web1", "swapper: x"),
    ("web1 kernel:  [<ffffffff813ffc13>] dump_stack+0x63/0x90", None, None, "web1",
     " [<ffffffff813ffc13>] dump_stack+0x63/0x90"),  # a frame's own blank stays
    # a syslog receiver of netconsole: its date and the sender's host, no tag, then the kernel's uptime
    # (linux-mm 2017, bugzilla 192981's log as Michal Hocko quoted it)
    ("2017-01-18T13:28:42.743176+03:00 storage8 [ 7221.938674] Node 0 DMA32 free: 491744kB", 7221.938674,
     "2017-01-18T13:28:42.743176+03:00", "storage8", "Node 0 DMA32 free: 491744kB"),
    ("Jan 18 13:28:42 storage8 [ 7221.938674] rsync: x", 7221.938674, "Jan 18 13:28:42", "storage8", "rsync: x"),
    ("2017-01-18 13:28:42 [ 7221.938674] rsync: x", 7221.938674, "2017-01-18 13:28:42", None, "rsync: x"),
    # an uptime of 7 digits, no blank in its brackets: not a host, and the comm after it no tag
    ("2024-01-27T00:14:32.123456789Z [2836069.534658] swapper/20: x", 2836069.534658,
     "2024-01-27T00:14:32.123456789Z", None, "swapper/20: x"),
    ("Jan 27 00:14:32 [2836069.534658] swapper/20: x", 2836069.534658, "Jan 27 00:14:32", None, "swapper/20: x"),
])
def test_prefix_forms(line, ts, wall, host, body):
    got = split_prefix(line)
    assert (got.timestamp, got.wallclock, got.host, got.body, got.kernel) == (ts, wall, host, body, True)


def test_printk_caller_id_gives_the_cpu():
    got = split_prefix("[  100.000000][    C3] Call Trace:")
    assert (got.caller_cpu, got.body) == (3, "Call Trace:")


def test_vendor_caller_prefix_gives_cpu_and_pid():
    got = split_prefix("<4>[ 6207.637280]  [3:  Binder:9343_3:22875] Binder:9343_3: page allocation failure: order:0")
    assert (got.timestamp, got.caller_cpu, got.caller_task) == (6207.637280, 3, 22875)
    assert got.body == "Binder:9343_3: page allocation failure: order:0"


@pytest.mark.parametrize("line", [
    "Jan 18 13:28:42 storage8 sshd[812]: [ 7221.9] x",             # a tag: another program's line
    "2017-01-18T13:28:42+03:00 storage8 dnsmasq[812]: [ 7221.9] x",
])
def test_a_receiver_date_before_an_uptime_does_not_take_other_programs_lines(line):
    assert split_prefix(line).kernel is False


def test_a_receiver_date_and_host_without_an_uptime_is_no_known_prefix():
    """Without the kernel's uptime nothing says the text after a date and a word is the kernel's:
    ``Jan 18 13:28:42 The box hung`` stays text."""
    assert split_prefix("Jan 18 13:28:42 storage8 rsync: x").known is False
    assert split_prefix("2017-01-18T13:28:42+03:00 storage8 rsync: x").known is False


def test_busybox_syslog_without_host_is_a_kernel_line_and_other_tags_are_not():
    assert split_prefix("May 18 14:56:06 kernel: x").kernel is True
    assert split_prefix("May 18 14:56:06 router dnsmasq[812]: x").kernel is False


FACILITIES = ("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp")
LEVELS = ("emerg", "alert", "crit", "err", "warn", "notice", "info", "debug")


@pytest.mark.parametrize("facility", FACILITIES)
@pytest.mark.parametrize("level", LEVELS)
def test_dmesg_decoded_facility_and_level_are_a_prefix(facility, level):
    """dmesg -x pads util-linux's names ("kern  :warn  : "); every pair is read as a prefix."""
    line = "%-6s:%-6s: [ 7.5] swapper: x" % (facility, level)
    pre = split_prefix(line)
    assert pre.known and pre.timestamp == 7.5 and pre.body == "swapper: x"


@pytest.mark.parametrize("comm", ["in:imklog", "rs:main", "in:imuxsock", "gdbus:thread", "ab:cde"])
def test_a_comm_holding_a_colon_is_no_facility_and_level(comm):
    """A comm with a colon inside (rsyslog's threads "in:imklog", "rs:main Q:Reg") stays the line's text."""
    pre = split_prefix("%s: page allocation failure: order:0, mode:0x20" % comm)
    assert not pre.known and pre.body.startswith(comm + ": ")


@given(count=st.integers(min_value=1, max_value=10 ** 9), uptime=st.floats(min_value=0, max_value=9e6),
       body=st.sampled_from(["vmtoolsd: page allocation stalls for 190003ms, order:0, mode:0x24201ca",
                             "CPU: 0 PID: 10356 Comm: a.out Tainted: G        W       4.9.0+ #102",
                             " [<ffffffff8115489b>] warn_alloc+0x12b/0x170", "Mem-Info:"]),
       receiver=st.sampled_from(["", "2016-12-19 16:23:15 storage8 ", "Jan 18 13:28:42 storage8 "]))
def test_printk_dropped_note_glued_before_a_record_reads_as_the_record(count, uptime, body, receiver):
    """printk's console note of lost records (console_unlock() 3.5-4.x writes it into the next record's
    buffer) glued before the record's uptime, on a console or behind a netconsole receiver's date: the
    record's own prefix facts and text, as without the note."""
    record = "[%12.6f] %s" % (uptime, body)
    plain = split_prefix(receiver + record)
    noted = split_prefix(receiver + "** %d printk messages dropped ** " % count + record)
    assert (noted.known, noted.timestamp, noted.wallclock, noted.host, noted.body) == \
        (plain.known, plain.timestamp, plain.wallclock, plain.host, plain.body)


def test_printk_dropped_note_without_an_uptime_after_it_is_no_prefix():
    """Only the uptime after the note says the rest is a kernel record (printk.time=0, or prose quoting it)."""
    assert not split_prefix("** 5 printk messages dropped ** swapper: page allocation failure").known
    assert not split_prefix("** 5 printk messages dropped **").known


_RECORD_TEXTS = st.sampled_from([
    "swapper/12: page allocation failure: order:0, mode:0x20", "SLUB: Unable to allocate memory on node -1, gfp=0x600040(GFP_NOFS)",
    "  cache: ext4_inode_cache(100:12G), object size: 1024, buffer size: 1032, default order: 3, min order: 0",
    " [<ffffffff8115489b>] warn_alloc+0x12b/0x170", " ? __alloc_pages_nodemask+0x1f7/0x290", "[drm] GPU reset", "Mem-Info:",
    "P4D 0", "a;b, c", ""])


@given(pri=st.integers(min_value=0, max_value=191), seq=st.integers(min_value=0, max_value=10 ** 12),
       usec=st.integers(min_value=0, max_value=10 ** 14), flag=st.sampled_from("-c+"), text=_RECORD_TEXTS,
       release=st.sampled_from(["", "6.4.0,", "4.19.69-gentoo,", "5.15.0-91-generic,"]),
       fields=st.lists(st.sampled_from([",caller=T4242", ",caller=C3", ",ncfrag=0/986", ",ncfrag=500/986"]),
                       max_size=2, unique=True),
       receiver=st.sampled_from([("", None, None), ("Jul 30 19:11:59 localhost ", "Jul 30 19:11:59", "localhost"),
                                 ("Jan 15 22:27:39 ", "Jan 15 22:27:39", None),
                                 ("2024-01-15T22:27:39.123456+02:00 web-1 ", "2024-01-15T22:27:39.123456+02:00", "web-1")]))
def test_a_dev_kmsg_record_gives_its_time_caller_and_text(pri, seq, usec, flag, text, release, fields, receiver):
    """A record as /dev/kmsg gives it and netconsole's extended mode sends it ('PRI,SEQ,USEC,FLAG[,key=value];text',
    the release first under netconsole's "release" option), maybe behind the date (and host) of the syslog daemon that
    received it: its time in seconds since boot, its caller id, and the kernel's text after the ';' as it is (a "["
    there is the text's, no uptime)."""
    pre = split_prefix("%s%s%d,%d,%d,%s%s;%s" % (receiver[0], release, pri, seq, usec, flag, "".join(fields), text))
    assert (pre.known, pre.kernel, pre.timestamp, pre.body) == (True, True, usec / 1e6, text)
    assert (pre.wallclock, pre.host) == receiver[1:]
    caller = next((field for field in fields if field.startswith(",caller=")), None)
    assert (pre.caller_task, pre.caller_cpu) == (
        (4242, None) if caller == ",caller=T4242" else (None, 3) if caller == ",caller=C3" else (None, None))


@pytest.mark.parametrize("line", [
    "4,1210,922134743;SLUB: x",          # no flag
    "4,1210,922134743,x;SLUB: x",        # no flag of the format
    "2024-01-27,12,13,-;x",              # a date is no priority
    "1,2,3,- x",                         # no ';' ending the header
    "10,000 pages freed, 4,3 MB;",       # a sentence's numbers
])
def test_a_line_like_a_dev_kmsg_record_but_not_one_is_no_prefix(line):
    assert not split_prefix(line).known
