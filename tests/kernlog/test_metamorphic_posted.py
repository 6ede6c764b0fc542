"""The metamorphic suite over the reports people really posted (tests/fixtures/posted): each excerpt,
reshaped once more the way mail, tickets and log tools reshape text, decodes to the same figures.

A posted excerpt is already reshaped by its poster (quoted, indented, wrapped, pasted with and without
its prefixes), so a second reshaping stacks a prefix on lines that carry mixed ones.  Every case keeps
its figures, the lone header lines of a Q&A post and a KB page too: issue 12's prose rule makes a header
prose inside a sentence or a list item, and a header line standing alone behind a quote, a box or a
prompt is the header-only report it is without them (pagealloc.kernlog.prose).
"""

import functools
import os
import re

import pytest

from pagealloc.kernlog import mail_base64, quoted_printable
from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import decoded, fixture_group
from tests.kernlog.test_metamorphic import TRANSFORMS, check_every_transform, figures

POSTED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "posted")
NAMES = sorted(name for name in os.listdir(POSTED) if name.endswith(".txt"))
# Each one's report is a header line with no report line after it (a Q&A post, a KB page quoting the line).
LONE_HEADER = ("qa_3.10_header_bracketed_comm.txt", "kb_2.6.16_sles10_title_without_comm.txt")


@functools.lru_cache(maxsize=None)  # (read once per process)
def _read(name):
    with open(os.path.join(POSTED, name), encoding="utf-8") as handle:
        return handle.read()


@functools.lru_cache(maxsize=None)
def _as_read(name):
    """The fixture as a reader sees it: a quoted-printable or base64 mail is decoded by the mail client before
    anyone quotes, indents or re-logs it (reshaping the encoded lines one by one would cut its soft breaks apart)."""
    raw = _read(name)
    data = raw.encode("utf-8")
    if mail_base64.declares_base64(data):
        data = mail_base64.decode(data)
        raw = data.decode("utf-8")
    # (a part in ISO-8859-1 decodes its "=A0" to a byte no UTF-8 text holds: read as _fixture reads it, replaced)
    return quoted_printable.decode(data).decode("utf-8", "replace") if quoted_printable.looks_quoted_printable(data) \
        else raw


def _original(name):
    return decoded(_read(name)).figures


# s27 (tests/kernlog/shape_transforms.py): a log tool renders the records of a kernel log, not a post.  A post
# whose own reshaping left part of its report outside the rendered records (lines a mail client wrapped: their
# rests have no uptime and fall between the records; page markup glued to some lines; trace lines pasted without
# their uptimes), or whose figures rest on what the rendering drops (a SLUB block told apart from the report
# above it by its uptime alone, under -o cat; a title header that blank lines set apart, in a CSV of events;
# a blog's italics behind an RFC 5424 prefix), is no text any tool writes.  Listed here with the reason; the
# case passes once it keeps its figures anyway.
_MAIL_WRAPPED = "the post's mail-wrapped rests carry no uptime: no tool renders them as records"
_MARKUP = "page markup glued to some of the post's lines keeps them out of the records"
# (s41-hold41rx) A rendering that writes one time on every line (the renderer's clock, not the records' uptimes) takes
# away what tells a record pasted twice (a mail's text/html copy, a header cited with its stamp) and a dump printed
# minutes after a lone header (a SysRq-W task list) from new records: the post's copies are new records there.
_STAMPS_ERASED = "the rendering writes one time on every line: the uptimes that tell the post's copies apart are gone"
NOT_RENDERED = {
    ("mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt", "dmesg-human"): _STAMPS_ERASED,
    ("mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt", "dmesg-iso"): _STAMPS_ERASED,
    ("mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt", "journal-cat"): _STAMPS_ERASED,
    ("mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt", "journal-short-iso"): _STAMPS_ERASED,
    ("mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt", "journal-short-precise"): _STAMPS_ERASED,
    ("mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt", "logcat-kernel"): _STAMPS_ERASED,
    ("mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt", "logcat-kernel-uid"): _STAMPS_ERASED,
    ("mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt", "syslog-without-uptime"): _STAMPS_ERASED,
    ("mail_2.6.32_meminfo_wrapped_before_high_r8169.txt", "dmesg-json"): _MAIL_WRAPPED,
    ("mail_2.6.32_meminfo_wrapped_before_high_r8169.txt", "journal-export"): _MAIL_WRAPPED,
    ("mail_5.7_arm64_headless_trace_pasted_under_report.txt", "journal-export"): _MAIL_WRAPPED,
    ("mail_6.0_arm64_vmalloc_wrapped_72_zone_before_low.txt", "dmesg-json"): _MAIL_WRAPPED,
    ("mail_6.0_arm64_vmalloc_wrapped_72_zone_before_low.txt", "journal-export"): _MAIL_WRAPPED,
    ("wrapped_4.12_android_x86_i915.txt", "journal-export"): _MAIL_WRAPPED,
    # (s34-holdAC: the first SLUB block's 'size: 256, default order: 1, min order: 0' rest falls between records)
    ("mail_5.4_ltp_zeroed_header_split_by_oops_then_slub_blocks.txt", "dmesg-json"): _MAIL_WRAPPED,
    ("mail_5.4_ltp_zeroed_header_split_by_oops_then_slub_blocks.txt", "journal-export"): _MAIL_WRAPPED,
    # (s33: RFC 5424 makes the mail-wrapped "0, min order: 0" a record of its own, "<4>1 ... - - - 0, min order: 0",
    # which a wrap at 60 cuts behind its "0,": a figure no relayed record opens with)
    ("mail_5.4_slub_flood_interleaved_wrapped.txt", "rfc5424"): _MAIL_WRAPPED,
    # (s33: a reply Outlook reflowed, records glued and cut mid-stamp, rendered line by line as records and then
    # quoted and re-wrapped: the frame whose symbol carried the driver, the zone line, cut again inside the pieces)
    ("mail_4.9_outlook_qp_reflowed_reply_after_prompted_header_sh_eth.txt", "dmesg-color"): _MAIL_WRAPPED,
    ("mail_4.9_outlook_qp_reflowed_reply_after_prompted_header_sh_eth.txt", "rsyslog-rfc3339"): _MAIL_WRAPPED,
    ("stackexchange_4.9_csky_trace_unprefixed.txt", "dmesg-json"): "trace lines pasted without uptimes fall outside the records",
    ("tracker_5.9_fence_glued_to_first_log_line.txt", "journal-cat"): _MARKUP,
    ("blog_2.6.32_el6_italic_header_pl.txt", "rfc5424"): "a blog's italics behind a syslog daemon's prefix",
    ("issue_2.6.38_title_header_then_slub_other_prefix.txt", "journal-cat"): "the SLUB block is its own only by its uptime",
    ("issue_2.6.38_title_header_then_slub_other_prefix.txt", "graylog-csv"): "a post's title rendered as a log event",
    ("issue_2.6.38_title_header_then_slub_other_prefix.txt", "kibana-csv"): "a post's title rendered as a log event",
    ("issue_4.4_slub_title_without_gfp_memcg_two_nodes.txt", "journal-cat"):
        "the title's SLUB line is no log line only by the log prefix -o cat drops",
    # (s36-meta10) a log search's CSV holds log events, not the poster's sentence "... as I thought:" that, rendered as
    # an event with the blank line under it dropped, introduces the first header as its quote
    ("mail_2.4.10_syslog_host_no_date_last_message_repeated.txt", "graylog-csv"): "a post's sentence rendered as a log event",
    ("mail_2.4.10_syslog_host_no_date_last_message_repeated.txt", "kibana-csv"): "a post's sentence rendered as a log event",
    ("kb_4.x_azure_lone_header_then_later_frame_in_fence.txt", "journal-cat"):
        "the later example's frame is no part of the lone header's report only by the uptime -o cat drops",
}
# (s35) script(1) around dmesg --color=always (shape_transforms.script_typescript) renders what dmesg-color renders:
# a post no dmesg renders so is no typescript's capture either (the Outlook reply reflowed, then quoted and re-wrapped
# with the typescript's codes and CRs: its frames and zone line cut again inside the reflowed pieces).
for (_name, _transform), _why in list(NOT_RENDERED.items()):
    if _transform == "dmesg-color":
        NOT_RENDERED[(_name, "script-typescript")] = _why + " (the typescript captures dmesg --color=always)"
# (s30-lead) logcat renders the kernel's ring buffer, whose records never hold a syslog tag or a blank a poster
# typed into a comm: re-rendered, those lines are split by logd's tag rule as no record of the kernel is.
for _name, _why in (("journal_5.9_uptime_kernel_tag.txt", "the post's records hold journald's 'kernel: ' tag"),
                    ("issue_5.x_journal_monotonic_title_header_slub_blocks.txt",
                     "the post's records hold journald's 'kernel: ' tag"),
                    ("mail_6.x_arm64_stamp_glued_blank_after_colon_in_comm_hid.txt",
                     "the post's comm holds a blank its poster typed after the colon ('kworker/1: 0')")):
    for _transform in ("logcat-kernel", "logcat-kernel-uid"):
        NOT_RENDERED[(_name, _transform)] = _why + ", which no ring buffer record logcat reads holds"
# The caller id one CPU's records carry, stamped on two CPUs' interleaved lines (their task lines say CPU 1
# and CPU 0): the fault's frames then say CPU 1 printed them, the failure's CPU (test_metamorphic.CONTRADICTED).
NOT_RENDERED[("syzkaller_4.15_vmalloc_trace_interleaved_with_gpf_irq.txt", "caller-cpu")] = (
    "one CPU's caller id stamped on two CPUs' interleaved records: the text contradicts it")
NOT_RENDERED.update({("markdown_3.10_bold_header_repeated.txt", transform): _MARKUP for transform in (
    "dmesg-json", "graylog-csv", "journal-cat", "journal-export", "journal-json-pretty", "journal-verbose", "kibana-csv")})
# (s34-holdAB) A console interleaving two CPUs' records glued one record behind another's unfinished text, and the
# mail wrapped every long line: the kernel's buffer holds neither, so a log tool re-rendering the records (their
# uptimes kept, the rests of the mail's wraps left outside them) writes no such text.
NOT_RENDERED.update({("mail_5.2_caller_id_header_glued_to_cut_record_interleaved_smartpqi.txt", transform):
                     "a console's glued record and a mail's wrapped rests no log tool renders as records"
                     for transform in ("dmesg-json", "journal-cat", "journal-export", "journal-json",
                                       "journal-json-pretty", "journal-json-spaced", "journal-verbose",
                                       "logcat-kernel", "logcat-kernel-uid", "dev-kmsg",
                                       "netconsole-received")})
# (s37-meta11) A paste flattened into one line holds every record of the report behind the first one's stamp: a log
# tool re-rendering records gives the first stamp its own time form and leaves the rest as the text they are, so the
# records after it stand in no framing of the header's (the trace behind them, its context, is lost).
NOT_RENDERED.update({("paste_4.4_arm64_flattened_records_btrfs_submit_scsi.txt", transform):
                     "one line of glued records: a log tool renders the first record's stamp alone"
                     for transform in ("dmesg-human", "dmesg-iso", "journal-cat", "journal-short-iso",
                                       "journal-short-precise", "logcat-kernel", "logcat-kernel-uid",
                                       "syslog-without-uptime", "dev-kmsg", "netconsole-received")})
# printk's '** N printk messages dropped ** ' note is the console's (console_unlock() writes it before the next
# record it prints): the records in the kernel's buffer never hold it, so a tool re-rendering their uptimes
# (dmesg -H/--time-format iso, journalctl, syslog, logcat) cannot leave it glued before an uptime it kept.
NOT_RENDERED.update({("mail_4.9_serial_printk_dropped_note_glued_stalls.txt", transform):
                     "a console's dropped-records note left before uptimes a log tool re-rendered around it"
                     for transform in ("dmesg-human", "dmesg-iso", "journal-cat", "journal-short-iso",
                                       "journal-short-precise", "logcat-kernel", "logcat-kernel-uid",
                                       "syslog-without-uptime", "dev-kmsg", "netconsole-received")})

# (s42-hold42t) A post's /dev/kmsg records ("4,1210,922134743,-;SLUB: ...") after its dmesg lines: a CSV export renders
# the lines with an uptime as rows and leaves the kmsg records between them, where the CSV reader takes each (its
# commas) for a row of its own; no log search exports such a mixture (its rows would hold the kmsg records' text).
NOT_RENDERED.update({("mail_4.19_dev_kmsg_netconsole_slub_blocks.txt", transform):
                     "kmsg records left unrendered between a CSV export's rows"
                     for transform in ("graylog-csv", "kibana-csv")})

# (s38-holdM) A serial console cut each line at 100 columns and the test's output overwrote line starts: the kernel's
# buffer holds whole records, so journalctl -o export renders none of that text (the report's frames behind the other
# CPUs' SLUB blocks are then lost).
NOT_RENDERED[("mail_5.7_ltp_serial_cut_slub_blocks_before_first_frame_tty.txt", "journal-export")] = (
    "a console's cut lines and a test's output over line starts no log tool renders as records")
# (s38-holdM) A stall's task line printed 170 ms after its header, another task's OOM report between them: only the
# moment both were printed ties the late task line to its header (assembler._late_task_line); journalctl -o cat drops
# the times and dmesg -H prints minutes and deltas, so the trace is no longer the stall's (context unknown).
NOT_RENDERED.update({("mail_4.10_late_stall_task_line_after_another_tasks_oom_report.txt", transform):
                     "the moment that ties a late task line to its header dropped or made relative"
                     for transform in ("dmesg-human", "journal-cat")})

# The NOT_RENDERED cases whose figures differ today, and how (test_metamorphic.differs_how: the event counts, or the
# columns that differ).  Asserted: a case that starts keeping its figures, or differs another way, fails the test
# (then this table is updated); every NOT_RENDERED case not listed here keeps its figures and is asserted to.
# (s40: these were the suite's 37 xfails of this test, each passing silently had it started to keep its figures.)
DIFFER_NOW = {
    ('mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt', 'dmesg-human'): '4 event(s) for 3',
    ('mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt', 'dmesg-iso'): '4 event(s) for 3',
    ('mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt', 'journal-cat'): '4 event(s) for 3',
    ('mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt', 'journal-short-iso'): '4 event(s) for 3',
    ('mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt', 'journal-short-precise'): '4 event(s) for 3',
    ('mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt', 'logcat-kernel'): '4 event(s) for 3',
    ('mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt', 'logcat-kernel-uid'): '4 event(s) for 3',
    ('mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt', 'syslog-without-uptime'): '4 event(s) for 3',
    ('mail_4.10_late_stall_task_line_after_another_tasks_oom_report.txt', 'dmesg-human'): 'context+zones',
    ('mail_4.10_late_stall_task_line_after_another_tasks_oom_report.txt', 'journal-cat'): 'context+zones',
    ('issue_2.6.38_title_header_then_slub_other_prefix.txt', 'graylog-csv'): '1 event(s) for 2',
    ('issue_2.6.38_title_header_then_slub_other_prefix.txt', 'kibana-csv'): '1 event(s) for 2',
    ('issue_4.4_slub_title_without_gfp_memcg_two_nodes.txt', 'journal-cat'): '4 event(s) for 3',
    ('issue_5.x_journal_monotonic_title_header_slub_blocks.txt', 'logcat-kernel-uid'): '1 event(s) for 4',
    ('journal_5.9_uptime_kernel_tag.txt', 'logcat-kernel-uid'): 'comm',
    ('kb_4.x_azure_lone_header_then_later_frame_in_fence.txt', 'journal-cat'): 'context',
    ('mail_2.4.10_syslog_host_no_date_last_message_repeated.txt', 'graylog-csv'): '12 event(s) for 13',
    ('mail_2.4.10_syslog_host_no_date_last_message_repeated.txt', 'kibana-csv'): '12 event(s) for 13',
    ('mail_2.6.32_meminfo_wrapped_before_high_r8169.txt', 'journal-export'): 'zones',
    ('mail_4.9_serial_printk_dropped_note_glued_stalls.txt', 'dmesg-human'): '9 event(s) for 11',
    ('mail_4.9_serial_printk_dropped_note_glued_stalls.txt', 'dmesg-iso'): '9 event(s) for 11',
    ('mail_4.9_serial_printk_dropped_note_glued_stalls.txt', 'journal-cat'): '9 event(s) for 11',
    ('mail_4.9_serial_printk_dropped_note_glued_stalls.txt', 'journal-short-iso'): '9 event(s) for 11',
    ('mail_4.9_serial_printk_dropped_note_glued_stalls.txt', 'journal-short-precise'): '9 event(s) for 11',
    ('mail_4.9_serial_printk_dropped_note_glued_stalls.txt', 'logcat-kernel'): '9 event(s) for 11',
    ('mail_4.9_serial_printk_dropped_note_glued_stalls.txt', 'logcat-kernel-uid'): '9 event(s) for 11',
    ('mail_4.9_serial_printk_dropped_note_glued_stalls.txt', 'syslog-without-uptime'): '9 event(s) for 11',
    ('mail_5.2_caller_id_header_glued_to_cut_record_interleaved_smartpqi.txt', 'dev-kmsg'): '2 event(s) for 3',
    ('mail_5.2_caller_id_header_glued_to_cut_record_interleaved_smartpqi.txt', 'netconsole-received'): '2 event(s) for 3',
    ('mail_4.9_serial_printk_dropped_note_glued_stalls.txt', 'netconsole-received'): '9 event(s) for 11',
    ('mail_4.19_dev_kmsg_netconsole_slub_blocks.txt', 'graylog-csv'): '4 event(s) for 5',
    ('mail_4.19_dev_kmsg_netconsole_slub_blocks.txt', 'kibana-csv'): '4 event(s) for 5',
    ('mail_5.2_caller_id_header_glued_to_cut_record_interleaved_smartpqi.txt', 'journal-cat'): '2 event(s) for 3',
    ('mail_5.2_caller_id_header_glued_to_cut_record_interleaved_smartpqi.txt', 'journal-export'): 'atomic+comm+context+driver+kind+mask+order+zones',
    ('mail_5.2_caller_id_header_glued_to_cut_record_interleaved_smartpqi.txt', 'logcat-kernel'): 'comm+context+driver+kind+zones',
    ('mail_5.2_caller_id_header_glued_to_cut_record_interleaved_smartpqi.txt', 'logcat-kernel-uid'): 'comm+context+driver+kind+zones',
    ('mail_5.4_ltp_zeroed_header_split_by_oops_then_slub_blocks.txt', 'journal-export'): 'atomic+context+mask+order',
    ('mail_5.7_arm64_headless_trace_pasted_under_report.txt', 'journal-export'): '2 event(s) for 3',
    ('mail_5.7_ltp_serial_cut_slub_blocks_before_first_frame_tty.txt', 'journal-export'): 'context+zones',
    ('mail_6.0_arm64_vmalloc_wrapped_72_zone_before_low.txt', 'journal-export'): 'atomic+mask+zones',
    ('mail_6.x_arm64_stamp_glued_blank_after_colon_in_comm_hid.txt', 'logcat-kernel'): 'comm',
    ('mail_6.x_arm64_stamp_glued_blank_after_colon_in_comm_hid.txt', 'logcat-kernel-uid'): 'comm',
    ('markdown_3.10_bold_header_repeated.txt', 'journal-cat'): '2 event(s) for 1',
    ('markdown_3.10_bold_header_repeated.txt', 'journal-json-pretty'): '2 event(s) for 1',
    ('markdown_3.10_bold_header_repeated.txt', 'journal-verbose'): '2 event(s) for 1',
    ('paste_4.4_arm64_flattened_records_btrfs_submit_scsi.txt', 'dev-kmsg'): 'context',
    ('paste_4.4_arm64_flattened_records_btrfs_submit_scsi.txt', 'netconsole-received'): 'context',
    ('paste_4.4_arm64_flattened_records_btrfs_submit_scsi.txt', 'dmesg-human'): 'context',
    ('paste_4.4_arm64_flattened_records_btrfs_submit_scsi.txt', 'dmesg-iso'): 'context',
    ('paste_4.4_arm64_flattened_records_btrfs_submit_scsi.txt', 'logcat-kernel'): 'context',
    ('paste_4.4_arm64_flattened_records_btrfs_submit_scsi.txt', 'logcat-kernel-uid'): 'context',
    ('syzkaller_4.15_vmalloc_trace_interleaved_with_gpf_irq.txt', 'caller-cpu'): 'context',
    ('tracker_5.9_fence_glued_to_first_log_line.txt', 'journal-cat'): 'context+driver',
    ('wrapped_4.12_android_x86_i915.txt', 'journal-export'): 'atomic+mask',
}


@pytest.mark.parametrize("name", [pytest.param(name, marks=fixture_group(name)) for name in NAMES])
def test_a_reshaped_posted_report_decodes_to_the_same_figures(name):
    assert {case for case in DIFFER_NOW if case not in NOT_RENDERED} == set()  # (only a post no tool renders may differ)
    check_every_transform(_as_read(name), _original(name), TRANSFORMS,
                          {transform: how for (fixture, transform), how in DIFFER_NOW.items() if fixture == name})


@pytest.mark.parametrize("name", LONE_HEADER)
@pytest.mark.parametrize("item", ["- ", "* ", "1. ", "\u2022 "])
def test_the_lone_header_made_a_list_item_under_any_transform_is_prose(name, item):
    """The counterpart: the same line as a list item (the text around it unchanged) gives no event,
    however the post is reshaped afterwards (a header-only report stays one event, not a list's)."""
    lines = _as_read(name).split("\n")
    at = next(i for i, line in enumerate(lines) if ": page allocation failure" in line)
    lines[at] = item + lines[at]
    assert len(_original(name)) == 1
    for transform in TRANSFORMS.values():
        assert figures(parse_text(transform("\n".join(lines)))) == []


def test_a_coloured_row_of_blanks_under_a_lone_header_is_the_line_it_was():
    """A markdown note's lone header under a list item, then a line holding only the list's indentation
    (note_2.6.32_ko_blockquote_...): dmesg --color sets that row of blanks in bold ("ESC[1m\\t\\tESC[0m"), a row
    the terminal drew, not codes alone a wrap moved on; read as no line, the next list item came right under
    the header and made it prose (s30-holdQ's open case)."""
    from tests.kernlog.shape_transforms import dmesg_color
    text = ("1. 문제\n\t- 하둡 클러스터 서버에서 다음 메시지가 반복\n\t\t> kernel : java: page allocation failure. order:2, "
            "mode:0x20\n\t\t\n\t- redhat 답변은 다음과 같다\n\t- workaround: vm.zone_reclaim_mode 변경\n")
    assert "\x1b[1m\t\t\x1b[0m" in dmesg_color(text)
    assert figures(parse_text(dmesg_color(text))) == figures(parse_text(text)) == [
        ("page-allocation-failure", "java", 2, "0x20", True, "unknown", None, [])]


# s32-holdAA: a WordPress blog renders every "x" between two digits as a multiplication sign (wptexturize(): "0x4020"
# reads "0\u00d74020", "+0x29/0x43" reads "+0\u00d729/0\u00d743"; posted fixture blog_2.6.24_wordpress_times_sign_in_hex_tg3).
_BETWEEN_DIGITS = re.compile(r"(?<=\d)x(?=\d)")


# (the posts holding an "x" between two digits, chosen when collected: the rest have nothing to reshape)
_WITH_X_BETWEEN_DIGITS = [name for name in NAMES if _BETWEEN_DIGITS.search(_as_read(name))]


@pytest.mark.parametrize("name", _WITH_X_BETWEEN_DIGITS)
def test_a_posted_report_set_in_a_blogs_typography_decodes_to_the_same_figures(name):
    text = _as_read(name)
    assert figures(parse_text(_BETWEEN_DIGITS.sub("\u00d7", text))) == figures(parse_text(text))


# s32-holdAA: a log pasted inside double quotes - the opening quote glued to the first line's syslog date, the closing
# one after the last line (posted fixture mail_2.4.27_qp_log_pasted_in_double_quotes_wrapped_e1000).
_SYSLOG_LINE = re.compile(r"^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ kernel: ")


def _logged(name):
    """Where the post's syslog lines are, when the first of them is a failure's header (else None)."""
    lines = _as_read(name).split("\n")
    logged = [i for i, line in enumerate(lines) if _SYSLOG_LINE.match(line)]
    if logged and ("page allocation failure" in lines[logged[0]] or "allocation failed" in lines[logged[0]]):
        return logged
    return None


# (the posts whose log opens with a syslog header, chosen when collected: the others have no such line to quote)
_OPENING_WITH_A_SYSLOG_HEADER = [name for name in NAMES if _logged(name)]


@pytest.mark.parametrize("name", _OPENING_WITH_A_SYSLOG_HEADER)
@pytest.mark.parametrize("quote", ['"', "\u201c"])
def test_a_posted_syslog_pasted_inside_quotes_decodes_to_the_same_figures(name, quote):
    lines, logged = _as_read(name).split("\n"), _logged(name)
    lines[logged[0]] = quote + lines[logged[0]]
    lines[logged[-1]] += "\u201d" if quote == "\u201c" else quote
    assert figures(parse_text("\n".join(lines))) == figures(parse_text(_as_read(name)))


# s37: the transforms reshape the text a reader sees, a mail decoded.  A raw quoted-printable (or base64) mail shown on a
# page without <pre> loses more: HTML drops the blank a soft break left at the start of the next line ("default=" /
# " order: 3, min order: 1" reads "default=" / "order: 3, ..."), so decoded it reads "defaultorder: 3", and nothing tells
# a lost blank from none ("kmalloc-rnd-15-=" / "2k" joins with none).  What such a blank held reads unknown, never
# another value (mail_6.9_ppc32_qp_...: six SLUB blocks' min order, 1, reads None; every other figure stays).
_ENCODED = [name for name in NAMES if quoted_printable.looks_quoted_printable(_read(name).encode("utf-8"))
            or mail_base64.declares_base64(_read(name).encode("utf-8"))]


@pytest.mark.parametrize("name", _ENCODED)
def test_a_raw_encoded_mail_with_its_blanks_collapsed_reads_no_figure_wrong(name):
    got, want = figures(parse_text(TRANSFORMS["blanks-collapsed"](_read(name)))), _original(name)
    assert len(got) == len(want)
    for row, wanted in zip(got, want):
        assert all(value == expected or value is None for value, expected in zip(row, wanted)), (row, wanted)
