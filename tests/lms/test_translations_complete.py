"""Every string the site writes is translated into each of its languages, and what is served is what was written.

The check is gettext's own: the packages' sources and catalogues are copied aside, `makemessages` extracts the
strings again there (so a string added or changed in the code but not in the catalogue shows as untranslated or
fuzzy), and `msgfmt --check --statistics` must report every message translated, with placeholders that match. The
compiled catalogues in the repository must be the compilation of the .po files beside them.
"""

import gettext
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
PACKAGES = ["lms", "cms", "courses", "certificates", "certificates/cpd", "mentoring", "search"]
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".po"}


def catalogue(package: str, language: str, root: Path = ROOT) -> Path:
    return root / package / "locale" / language / "LC_MESSAGES" / "django.po"


def msgfmt() -> str:
    found = shutil.which("msgfmt")
    assert found, "gettext's msgfmt is missing: `make system-deps` installs it"
    return found


def statistics(po_file: Path) -> str:
    """msgfmt's verdict on one catalogue ("N translated messages." when complete); errors fail the test."""
    done = subprocess.run(  # noqa: S603 - gettext's own program, on the repository's files
        [msgfmt(), "--check", "--statistics", "-o", os.devnull, str(po_file)],
        capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"}, check=False,
    )
    assert done.returncode == 0, f"{po_file}: {done.stderr}"
    return done.stderr.strip()


@pytest.fixture(scope="module")
def extracted_again(tmp_path_factory) -> Path:
    """The packages' sources and catalogues copied aside, with the strings extracted again from the code."""
    copy = tmp_path_factory.mktemp("catalogues")
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and path.suffix in SOURCE_SUFFIXES and "node_modules" not in path.parts:
                target = copy / path.relative_to(ROOT)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    here = Path.cwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=TRANSLATED, no_obsolete=True, verbosity=0)
    finally:
        os.chdir(here)
    return copy


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("package", PACKAGES)
def test_every_string_in_the_code_is_translated(extracted_again, package, language):
    assert catalogue(package, language).exists(), f"{package} has no {language} catalogue"
    verdict = statistics(catalogue(package, language, extracted_again))
    assert "untranslated" not in verdict and "fuzzy" not in verdict, (
        f"{package}/{language}: {verdict}. Run `make messages`, translate what it marks (docs/glossary.md), "
        f"then `make messages` again to compile."
    )


CORRECTIONS = sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"))
COMPILED = [catalogue(package, language) for package in PACKAGES for language in TRANSLATED] + CORRECTIONS


@pytest.mark.parametrize("po_file", COMPILED, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_compiled_catalogue_is_the_one_written(tmp_path, po_file):
    compiled = tmp_path / "django.mo"
    subprocess.run([msgfmt(), "--check",  # noqa: S603 - gettext's own program, on the repository's file
                    "-o", str(compiled), str(po_file)], check=True, capture_output=True)
    with open(compiled, "rb") as fresh, open(po_file.with_suffix(".mo"), "rb") as shipped:
        assert gettext.GNUTranslations(shipped)._catalog == gettext.GNUTranslations(fresh)._catalog, (
            f"{po_file.with_suffix('.mo')} is older than its .po: run `make messages`"
        )


def test_a_translated_page_reads_in_its_language(client, db):
    """The catalogues are the ones Django loads: the shell of a Spanish page is in Spanish."""
    from tests import factories

    factories.build_offering()
    page = client.get("/es/search/").content.decode()
    assert ">Catálogo<" in page
    assert ">Iniciar sesión<" in page
