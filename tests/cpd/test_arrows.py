"""certificates/cpd sits above the rest: no other package, `certificates` itself included, imports it (platform
credit reaches it through the `cpd_credit_sources` hook). Read from the source, naming the file that points the
wrong way."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.courses.test_package_arrows import imports

ROOT = Path(__file__).resolve().parents[2]
CPD = ROOT / "certificates" / "cpd"


@pytest.mark.parametrize("package", ["lms", "cms", "courses", "certificates", "mentoring", "search"])
def test_no_package_imports_cpd(package):
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (ROOT / package).rglob("*.py")
        if CPD not in path.parents and "migrations" not in path.parts
        for name in imports(path)
        if name == "certificates.cpd" or name.startswith("certificates.cpd.")
    ]
    assert not wrong, wrong
