"""
Text output: a section's title wraps at the width like the prose under it.
A finding's title is its headline (FAILURE_BURSTS: a 160-character sentence on
a plain dmesg -T log with two reports), so an unwrapped title ran past 80
columns.
"""

from pagealloc.render import render
from tests.render.undecided import evaluate_without_zone_lines


def test_every_line_of_a_plain_log_report_fits_the_width_except_unbreakable_words():
    result = evaluate_without_zone_lines("dmesg-T_3.10_truncated_tail.txt")
    # A command stays whole on its line (what is pasted is what runs); each is under 80 columns.
    commands = {line for v in result["verdicts"] for key in ("decide_commands", "collect_next")
                for c in v["details"].get(key) or [] for line in c["command"].split("\n")}
    commands |= {line for v in result["verdicts"]  # the assumed default's guarded block (a receive trace)
                 for line in ((v["details"].get("remediation") or {}).get("guarded_commands") or "").split("\n")}
    assert commands and all(len(line) < 80 for line in commands)
    for width in (60, 80, 100):
        text = render(result, "text", width=width)
        long = [line for line in text.split("\n")  # a URL or a path longer than the room stays whole
                if len(line) > width and not any(len(word) > width // 2 for word in line.split())
                and line not in commands]
        assert not long, (width, long)
