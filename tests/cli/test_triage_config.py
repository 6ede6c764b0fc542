"""
``pagealloc triage --config FILE`` takes the component configuration that
``insights-run -c FILE`` takes, and both change the e100 recommendation the
same way.  The policy files are the one documented in docs/recommendation.md
("Configuring the policy", read from the checkout so the documented example
is what is tested) and the rules engineer's one-knob file.

Hand-worked (seed host: default 2038 kB, MemTotal 254648 kB, policy in
pagealloc.knowledge.recommendation):

* default policy: 2 x 2038 = 4076 -> 4096 (whole MiB), cap 3% = 7639.
* ``default_multiplier: 3``: 3 x 2038 = 6114 -> 6144, under the cap 7639.
* the docs' example (multiplier 3, ``max_percent_of_memtotal: 2``): 6144 is
  above 2% x 254648 = 5092, so it is capped and rounded down to a whole
  MiB: 4096; bounds upper 5092.
"""

import json
import os
import re
import subprocess

import pytest

from tests.cli.triage_helpers import BIN, assert_one_line_error, examples_dir, run_triage

E100 = "sosreport-e100-rx-failure"
MAIN_KEY = "MIN_FREE_KBYTES_LOW_ATOMIC_RX"
MULTIPLIER_ONLY = ("configs:\n  - name: pagealloc.rules\n    metadata:\n"
                   "      recommendation_policy:\n        default_multiplier: 3\n")


def documented_policy(config):
    """The YAML example under "Configuring the policy" in docs/recommendation.md."""
    path = os.path.join(str(config.rootpath), "docs", "recommendation.md")
    with open(path, encoding="utf-8") as stream:
        section = stream.read().split("## Configuring the policy", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def triage_main_details(path, *options):
    completed = run_triage(path, "--format", "json", *options)
    assert completed.returncode == 1, completed.stderr
    return next(v for v in json.loads(completed.stdout)["verdicts"] if v["key"] == MAIN_KEY)["details"]


def insights_run_main_details(path, *options):
    completed = subprocess.run([os.path.join(BIN, "insights-run"), "-p", "pagealloc", "-f", "json", *options, path],
                               capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr[-2000:]
    # insights-core prints a colorama hint on stdout before the document
    document = json.loads(completed.stdout[completed.stdout.index("{"):])
    return next(r for r in document["reports"] if r["key"] == MAIN_KEY)["details"]


@pytest.fixture(scope="module")
def e100(pytestconfig):
    return os.path.join(examples_dir(pytestconfig), E100)


@pytest.fixture(scope="module")
def default_details(e100):
    return triage_main_details(e100)


@pytest.mark.parametrize("policy, value, upper, capped", [
    ("documented", 4096, 5092, True),
    ("multiplier-only", 6144, 7639, False),
])
def test_triage_config_changes_the_recommendation_as_insights_run_does(
        pytestconfig, tmp_path, e100, default_details, policy, value, upper, capped):
    config = tmp_path / "policy.yaml"
    config.write_text(documented_policy(pytestconfig) if policy == "documented" else MULTIPLIER_ONLY)
    ours = triage_main_details(e100, "--config", config)
    theirs = insights_run_main_details(e100, "-c", str(config))
    assert ours["recommendation"] == theirs["recommendation"]
    assert ours["remediation"] == theirs["remediation"]
    recommendation = ours["recommendation"]
    assert (recommendation["value"], recommendation["bounds"]["upper"]) == (value, upper)
    assert recommendation["rationale"][0] == {"code": "default_multiple", "multiplier": 3.0, "kb": 6114}
    codes = [step["code"] for step in recommendation["rationale"]]
    assert ("capped_at_percent_of_memtotal" in codes) is capped
    assert ours["remediation"]["sysctl_d_file"]["content"] == "vm.min_free_kbytes = %d\n" % value
    # and it really changed something: the default policy says 4096 with the 3% cap 7639
    assert default_details["recommendation"]["bounds"]["upper"] == 7639
    assert recommendation != default_details["recommendation"]


def test_a_disabled_rule_is_not_run_by_either(tmp_path, e100):
    config = tmp_path / "off.yaml"
    config.write_text("configs:\n  - name: pagealloc.rules.min_free_kbytes_low_atomic_rx\n    enabled: false\n")
    completed = run_triage(e100, "--format", "json", "--config", config)
    assert MAIN_KEY not in {v["key"] for v in json.loads(completed.stdout)["verdicts"]}
    assert completed.returncode == 0


@pytest.mark.parametrize("text, reason", [
    ("configs: [", "not valid YAML at line 1"),
    ("config:\n  - name: pagealloc.rules\n", "unknown key 'config'"),
    ("configs:\n  - name: pagealloc.rules\n    metadata:\n      recommendation_policy:\n"
     "        default_multiplier: two\n",
     "recommendation_policy.default_multiplier must be a non-negative number, got 'two'"),
    ("configs:\n  - name: pagealloc.rulez\n    enabled: false\n", "configs[0].name 'pagealloc.rulez' names no pagealloc"),
    ("packages: [other_plugin]\n", "triage runs only pagealloc's components"),
])
def test_invalid_config_exits_2_with_one_line(tmp_path, e100, text, reason):
    config = tmp_path / "policy.yaml"
    config.write_text(text)
    line = assert_one_line_error(run_triage(e100, "--config", config))
    assert line.startswith("pagealloc triage: --config %s: " % config)
    assert reason in line


def test_unreadable_config_exits_2(tmp_path, e100):
    line = assert_one_line_error(run_triage(e100, "--config", tmp_path / "absent.yaml"))
    assert "cannot read" in line and "absent.yaml" in line
