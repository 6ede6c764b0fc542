"""Hand-written expectations shared by the knowledge and the rule tests."""

# The seed host (nothing sets vm.min_free_kbytes anywhere) with the recommended
# 4096: no conflicts, the file name is the first candidate of
# sysctl_precedence.proposed_file_name, and the apply command names the file
# (bare "sysctl -p" would read only /etc/sysctl.conf).
CLEAN_HOST_REMEDIATION_4096 = {
    "runtime_command": "sysctl -w vm.min_free_kbytes=4096",
    "sysctl_d_file": {
        "path": "/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf",
        "content": "vm.min_free_kbytes = 4096\n",
    },
    "apply_command": "sysctl -p /etc/sysctl.d/99-pagealloc-min-free-kbytes.conf",
    "verify_command": "sysctl vm.min_free_kbytes",
    "conflicts": [],
    "unusable_settings": [],
    "tuned": None,
}
