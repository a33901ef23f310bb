"""veraPDF, the PDF/A validator the PDF Association's industry partners use, run on certificates the way an archive
would run it.

Maven Central serves veraPDF's command-line application (org.verapdf.apps:greenfield-apps) and its libraries; Maven
fetches them once into the machine's download cache (the same one lms.local_services keeps the servers in), so a fresh
clone needs only Java 17 and Maven. A failed download is an error naming what failed, never a skipped test.
"""

from __future__ import annotations

import shutil
import subprocess  # noqa: S404 -- java and mvn with fixed argument lists
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

from lms.local_services import CACHE, ServiceFailed, run_step

VERAPDF_VERSION = "1.28.2"
VERAPDF_ARTIFACT = ("org.verapdf.apps", "greenfield-apps", VERAPDF_VERSION)
VERAPDF_MAIN = "org.verapdf.apps.GreenfieldCliWrapper"
VERAPDF_HOME = CACHE / f"verapdf-{VERAPDF_VERSION}"
_COMPLETE = VERAPDF_HOME / "complete"  # written last, so a download cut short is fetched again
_SERVICE = "veraPDF"
VALIDATION_TIMEOUT = 600  # seconds for one run over a handful of one-page files; a hang fails instead of blocking CI

# Maven copies the application and everything it needs (its dependency tree) into lib/; a one-dependency project
# is the smallest thing `dependency:copy-dependencies` works on.
_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.vsmc-lms</groupId>
  <artifactId>verapdf-download</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>{0}</groupId><artifactId>{1}</artifactId><version>{2}</version></dependency>
  </dependencies>
</project>
"""


class VeraPDFUnavailable(RuntimeError):
    """veraPDF could not be fetched or run; the message says which step failed and how."""


def verapdf_classpath() -> str:
    """The classpath of veraPDF's command-line application, downloaded on first use."""
    if not _COMPLETE.exists():
        _download()
    return str(VERAPDF_HOME / "lib" / "*")


def _download() -> None:
    for tool, package in (("java", "openjdk-17-jre-headless"), ("mvn", "maven")):
        if shutil.which(tool) is None:
            raise VeraPDFUnavailable(
                f"veraPDF needs `{tool}` to be fetched and run; install the Debian package {package}."
            )
    lib = VERAPDF_HOME / "lib"
    shutil.rmtree(lib, ignore_errors=True)
    VERAPDF_HOME.mkdir(parents=True, exist_ok=True)
    (VERAPDF_HOME / "pom.xml").write_text(_POM.format(*VERAPDF_ARTIFACT))
    artifact = ":".join(VERAPDF_ARTIFACT)
    try:
        run_step(
            ["mvn", "-q", "-B", "dependency:copy-dependencies", f"-DoutputDirectory={lib}"],
            _SERVICE,
            f"fetching {artifact} and its libraries from Maven Central",
            cwd=VERAPDF_HOME,
            timeout=VALIDATION_TIMEOUT,
        )
    except (ServiceFailed, subprocess.TimeoutExpired) as error:
        raise VeraPDFUnavailable(f"veraPDF {VERAPDF_VERSION} could not be downloaded: {error}") from error
    if not (lib / f"greenfield-apps-{VERAPDF_VERSION}.jar").exists():
        raise VeraPDFUnavailable(f"Maven reported success but {lib} lacks greenfield-apps-{VERAPDF_VERSION}.jar")
    _COMPLETE.write_text(artifact + "\n")


@dataclass(frozen=True)
class FailedRule:
    clause: str
    test_number: str
    description: str
    failed_checks: int

    def __str__(self) -> str:
        return f"ISO 19005 clause {self.clause}-{self.test_number} ({self.failed_checks}x): {self.description}"


@dataclass(frozen=True)
class Verdict:
    """veraPDF's report on one file: the profile it applied (chosen from the file's own PDF/A declaration) and
    the rules the file breaks."""

    file: Path
    profile: str
    compliant: bool
    failed_rules: tuple[FailedRule, ...]

    def explain(self) -> str:
        rules = "\n  ".join(str(rule) for rule in self.failed_rules) or "(no rule named)"
        return f"{self.file.name}: {self.profile}, compliant={self.compliant}\n  {rules}"


def validate(files: list[Path]) -> dict[Path, Verdict]:
    """Validate every file in one veraPDF run (one JVM start), each against the PDF/A part and level its own
    metadata declares, and read the machine-readable report."""
    command = [
        "java",
        "-Xmx1g",
        "-cp",
        verapdf_classpath(),
        VERAPDF_MAIN,
        "--flavour",
        "0",  # take the part and conformance level from the file's XMP declaration
        "--format",
        "xml",
        *(str(file) for file in files),
    ]
    try:
        finished = subprocess.run(  # noqa: S603 -- fixed program and options, file paths from the test
            command, capture_output=True, text=True, timeout=VALIDATION_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise VeraPDFUnavailable(f"veraPDF could not be run: {error}") from error
    # veraPDF exits 1 when a file is not compliant; the report tells. Anything without a report is a failure to run.
    if "<report" not in finished.stdout:
        raise VeraPDFUnavailable(
            f"veraPDF printed no report (exit {finished.returncode}): {finished.stderr.strip()[-2000:]}"
        )
    return _verdicts(finished.stdout)


def _verdicts(report_xml: str) -> dict[Path, Verdict]:
    root = ElementTree.fromstring(report_xml)
    verdicts = {}
    for job in root.iter("job"):
        name = job.findtext("item/name")
        report = job.find("validationReport")
        if name is None:
            continue
        if report is None:  # veraPDF could not read the file at all: the file's fault, reported as such
            problem = job.findtext("taskException/exceptionMessage") or "no validation report"
            verdicts[Path(name)] = Verdict(Path(name), "", False, (FailedRule("-", "-", problem.strip(), 1),))
            continue
        rules = tuple(
            FailedRule(
                clause=rule.get("clause", "?"),
                test_number=rule.get("testNumber", "?"),
                description=(rule.findtext("description") or "").strip(),
                failed_checks=int(rule.get("failedChecks", "0")),
            )
            for rule in report.iter("rule")
            if rule.get("status") == "failed"
        )
        verdicts[Path(name)] = Verdict(
            file=Path(name),
            profile=report.get("profileName", ""),
            compliant=report.get("isCompliant") == "true",
            failed_rules=rules,
        )
    return verdicts
