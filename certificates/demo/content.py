"""The demo certificates' content, read from `content/<language>/certificates.yaml`: the templates, their logo
and signatories, who is issued a certificate by hand and whose is revoked (written in English, in `en/`), and
each template's wording in the other languages (in `es/`, `fr/`, `pt/`), each wording in its folder's language."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lms.demo_content import build, language_dirs, read_yaml, refuse

CONTENT_DIR = Path(__file__).with_name("content")


@dataclass(frozen=True)
class TemplateSpec:
    name: str
    title: str
    accent_colour: str
    body: str
    valid_for_months: int | None = None
    site_default: bool = False
    for_ethics_modules: bool = False  # assigned to every ethics / RCR module
    for_learning_paths: bool = False  # assigned to every learning path (its programme certificate)
    refresher: str = ""  # the offering (by its demo key) whose completion renews this template's certificates
    renewed_by_cpd_cycle: bool = False


@dataclass(frozen=True)
class ImageSpec:
    title: str
    file: str


@dataclass(frozen=True)
class SignatorySpec:
    """A signatory on every template; the signature image is drawn from `seed`."""

    name: str
    role: str
    image_title: str
    file: str
    seed: int


@dataclass(frozen=True)
class WordingSpec:
    template: str  # a template's name
    title: str
    body: str
    language: str = ""  # the folder's


@dataclass(frozen=True)
class ExpiringSpec:
    """A member whose certificate for an offering (by its demo key) expires soon, issued by hand."""

    member: str  # the demo account, by the part of the address before @
    offering: str
    expires_in_days: int
    note: str


@dataclass(frozen=True)
class LanguageFile:
    """One language's certificates.yaml: any of these parts."""

    templates: tuple[TemplateSpec, ...] = ()
    logo: ImageSpec | None = None
    signatories: tuple[SignatorySpec, ...] = ()
    wordings: tuple[WordingSpec, ...] = ()
    staff: str = ""
    issued_by_hand_to: str = ""
    revoked_for: str = ""
    by_hand_note: str = ""
    revoked_reason: str = ""
    expiring: ExpiringSpec | None = None
    programme_graduate: str = ""


@dataclass(frozen=True)
class CertificatesContent:
    templates: tuple[TemplateSpec, ...]
    logo: ImageSpec
    signatories: tuple[SignatorySpec, ...]
    wordings: tuple[WordingSpec, ...]
    staff: str  # demo accounts, by the part of the address before @
    issued_by_hand_to: str
    revoked_for: str
    by_hand_note: str
    revoked_reason: str
    expiring: ExpiringSpec
    programme_graduate: str  # the demo account that has taken every step of the demo learning path

    @property
    def site_default(self) -> TemplateSpec:
        return next(spec for spec in self.templates if spec.site_default)


@cache
def demo_content() -> CertificatesContent:
    return read_content(CONTENT_DIR)


def read_content(content_dir: Path) -> CertificatesContent:
    """Every language's file merged: templates and the single-valued parts once, wordings from each language."""
    merged: dict[str, object] = {"templates": (), "signatories": (), "wordings": ()}
    for language, folder in language_dirs(content_dir):
        path = folder / "certificates.yaml"
        if not path.exists():
            continue
        part = build(LanguageFile, read_yaml(path) or {}, str(path))
        for spec_field in dataclasses.fields(LanguageFile):
            value = getattr(part, spec_field.name)
            if spec_field.name == "wordings":
                value = tuple(dataclasses.replace(wording, language=language) for wording in value)
            if spec_field.name in ("templates", "signatories", "wordings"):
                merged[spec_field.name] += value
            elif value:
                if merged.get(spec_field.name):
                    refuse(str(path), f"{spec_field.name!r} is already given in another language's file.")
                merged[spec_field.name] = value
    missing = [f.name for f in dataclasses.fields(CertificatesContent) if not merged.get(f.name)]
    if missing:
        refuse(str(content_dir), f"no language's certificates.yaml gives {', '.join(missing)}.")
    content = CertificatesContent(**merged)  # type: ignore[arg-type]
    names = [spec.name for spec in content.templates]
    if len(set(names)) != len(names) or sum(spec.site_default for spec in content.templates) != 1:
        refuse(str(content_dir), "template names must be unique and exactly one template the site default.")
    for wording in content.wordings:
        if wording.template not in names:
            refuse(str(content_dir / wording.language / "certificates.yaml"),
                   f"wording for {wording.template!r}: no template of that name.")
    return content
