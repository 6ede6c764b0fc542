"""
``insights-run -p pagealloc`` on the bundled example sosreports (packed as
sos packs them: tests/fixtures/fleet/*.tar.xz, built by
examples/make_examples.py), run as a user runs it: the installed console
script of this venv, in a subprocess, from a directory outside the source
tree (insights-core puts the working directory first on sys.path, so running
it from a checkout would import the unmapped source folders instead).
"""

import json
import os
import subprocess
import sys

from tests.rules.inputs import FIXTURES

INSIGHTS_RUN = os.path.join(os.path.dirname(sys.executable), "insights-run")


def insights_run(archive, tmp_path, *options):
    proc = subprocess.run(
        [INSIGHTS_RUN, "-p", "pagealloc", "-f", "json", *options, "--", os.path.join(FIXTURES, "fleet", archive)],
        cwd=str(tmp_path), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # insights-core prints a colorama hint on stdout before the JSON document.
    return json.loads(proc.stdout[proc.stdout.index("{"):])


def test_e100_example_shows_the_reserve_rule_with_the_recommendation(tmp_path):
    out = insights_run("sosreport-e100-rx-failure.tar.xz", tmp_path)
    assert out["analysis_metadata"]["execution_context"] == "insights.core.context.SosArchiveContext"
    reports = {r["key"]: r for r in out["reports"]}
    assert list(reports) == ["MIN_FREE_KBYTES_LOW_ATOMIC_RX"]
    report = reports["MIN_FREE_KBYTES_LOW_ATOMIC_RX"]
    assert report["component"] == "pagealloc.rules.min_free_kbytes_low_atomic_rx.report"
    details = report["details"]
    assert details["recommendation"]["value"] == 4096
    assert details["min_free_kbytes"]["current"] == 2038
    assert details["remediation"]["sysctl_d_file"] == {
        "path": "/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf",
        "content": "vm.min_free_kbytes = 4096\n",
    }
    assert details["remediation"]["runtime_command"] == "sysctl -w vm.min_free_kbytes=4096"
    assert "https://docs.kernel.org/admin-guide/sysctl/vm.html#min-free-kbytes" in report["links"]["kernel_docs"]


def test_healthy_example_shows_no_failure_and_passes_the_reserve_check(tmp_path):
    out = insights_run("sosreport-healthy.tar.xz", tmp_path, "-S", "fail", "pass", "info")
    assert out["reports"] == []
    passes = {p["key"]: p["details"] for p in out["pass"]}
    assert passes["MIN_FREE_KBYTES_OK"]["reason"] == "no_order0_atomic_rx_failures"
    # RHEL 8 host with THP: default 67584 (3 zones x 11 pageblocks x 2 MiB), not tuned.
    assert passes["MIN_FREE_KBYTES_OK"]["min_free_kbytes"]["current"] == 67584


def test_policy_configured_with_insights_run_config(tmp_path):
    # insights-core component configuration: metadata of every pagealloc.rules component.
    # 3 x 2038 = 6114 -> 6144 (6 MiB), under the 3% cap 7639.
    config = tmp_path / "policy.yaml"
    config.write_text("configs:\n  - name: pagealloc.rules\n    metadata:\n"
                      "      recommendation_policy:\n        default_multiplier: 3\n")
    out = insights_run("sosreport-e100-rx-failure.tar.xz", tmp_path, "-c", str(config))
    details = out["reports"][0]["details"]
    assert details["recommendation"]["value"] == 6144
    assert details["remediation"]["sysctl_d_file"]["content"] == "vm.min_free_kbytes = 6144\n"
