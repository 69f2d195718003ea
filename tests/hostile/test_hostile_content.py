"""Hostile or broken content files: refused in plain words, nothing lost, nothing hangs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hostile import refused

from generator.resolve.markup import to_html
from generator.resolve.typography import typographer

from helpers import edit

PO = "content/roles/po.yaml"
NARROW = ["--campus", "demo-nord", "--lang", "fr"]


@pytest.mark.slow  # many variants: make test runs them all
@pytest.mark.parametrize("command", [["validate"], ["build", *NARROW]])
def test_a_10000_deep_yaml(built_project: Path, command: list[str]) -> None:
    (built_project / PO).write_text("hook: " + "[" * 10_000 + "]" * 10_000 + "\n")
    refused(built_project, command, f"{PO}:1: nested more than 20 levels deep")


def test_a_huge_yaml_file(built_project: Path) -> None:
    (built_project / PO).write_text("# " + "x" * 1_100_000 + "\n")
    refused(built_project, ["build", *NARROW], f"{PO}: the file is too large (1.1 MB, at "
                                                "most 1 MB)")


def test_a_one_megabyte_paragraph_and_a_long_text(built_project: Path) -> None:
    edit(built_project, PO, "  fr: Product Owner\n", "  fr: " + "mot " * 1_600 + "\n")
    refused(built_project, ["validate"], f"{PO}:4:7: title.fr: this text has 6399 characters, "
                                         "at most 5000")


@pytest.mark.slow  # several builds
def test_five_thousand_list_items(built_project: Path) -> None:
    items = "".join(f"  - fr: m{n}\n    en: m{n}\n" for n in range(5_000))
    edit(built_project, PO, "missions:\n", f"missions:\n{items}")
    refused(built_project, ["validate"], f"{PO}:", "missions: has too many items (at most 100)")


@pytest.mark.slow  # many variants: make test runs them all
@pytest.mark.parametrize("escape,name", [("\\ud800", "U+D800"), ("\\u2028", "U+2028"),
                                         ("\\x00", "U+0000"), ("\\x1b", "U+001B")])
def test_invisible_or_broken_characters(built_project: Path, escape: str, name: str) -> None:
    edit(built_project, PO, "  fr: Product Owner\n", f'  fr: "Product{escape}Owner"\n')
    refused(built_project, ["validate"], f"{PO}:4:7: title.fr: contains an invisible control "
                                         f"character (code {name})")


def test_an_unknown_language_code(built_project: Path) -> None:
    edit(built_project, "content/school.yaml", "languages: [fr, en]", "languages: [fr, xx]")
    refused(built_project, ["validate"], "content/school.yaml:5:17: languages.2: 'xx' is not a "
                                         "language code careerdocs knows")


def test_a_file_that_is_not_utf8(built_project: Path) -> None:
    (built_project / PO).write_bytes("title: é\n".encode("latin-1"))
    refused(built_project, ["build", *NARROW], f"{PO}: not UTF-8 text")


def test_a_binary_file(built_project: Path) -> None:
    (built_project / PO).write_bytes(bytes(range(256)) * 10)
    refused(built_project, ["validate"], f"{PO}: not UTF-8 text")


def test_two_files_for_one_role(built_project: Path) -> None:
    (built_project / "content/roles/po.yml").write_text((built_project / PO).read_text())
    refused(built_project, ["validate"], "content/roles/po.yml: po.yaml exists too: which one "
                                         "is meant? Keep only one of them")


def test_a_syntax_error_does_not_cascade(built_project: Path) -> None:
    edit(built_project, PO, "short_title:\n", "short_title: [unclosed\n")
    output = refused(built_project, ["validate"], f"{PO}:", "YAML syntax")
    assert "unknown role" not in output and "1 problem found" in output


@pytest.mark.slow  # many variants: make test runs them all
@pytest.mark.parametrize("kind", ["roles/po.yaml", "campuses/demo-nord.yaml", "school.yaml"])
def test_a_content_file_linking_outside_the_project(built_project: Path, tmp_path: Path,
                                                    kind: str) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text((built_project / "content" / kind).read_text()
                      .replace("Product Owner", "TOP-SECRET"))
    (built_project / "content" / kind).unlink()
    (built_project / "content" / kind).symlink_to(secret)
    output = refused(built_project, ["build", *NARROW], f"content/{kind}: this is a link to a "
                     "file outside the project folder")
    assert "TOP-SECRET" not in output


@pytest.mark.slow  # many variants: make test runs them all
@pytest.mark.parametrize("target", ["smb://host/share", "\\\\\\\\host\\\\share", "ms-msdt:x",
                                    "ms-word:ofe|u|https://x", "file:///etc/passwd",
                                    "/etc/passwd", "../../secret.pdf", "javascript:alert(1)",
                                    "data:text/html,x"])
def test_links_that_are_not_web_mail_or_phone(built_project: Path, target: str) -> None:
    edit(built_project, PO, "  fr: Product Owner\n", f"  fr: '[clic]({target}) Owner'\n")
    shown = target.replace("\\\\\\\\", "\\\\").replace("\\\\", "\\")
    refused(built_project, ["build", *NARROW], f"{PO}:4:7: title.fr: the link to '",
            "is not allowed: links must start with https://, http://, mailto: or tel:")
    assert "href" not in to_html(f"[clic]({shown})")


def test_a_truncated_png_logo(built_project: Path) -> None:
    from hostile import cut_png

    cut_png(built_project / "content/images/cut.png")
    edit(built_project, "content/campuses/demo-nord.yaml", "images/demo-nord.svg",
         "images/cut.png")
    refused(built_project, ["build", *NARROW], "content/campuses/demo-nord.yaml:17:9: "
                                               "brand.logo: the logo is not a readable image")


@pytest.mark.slow  # many variants: make test runs them all
def test_an_image_of_a_billion_pixels(built_project: Path) -> None:
    from PIL import Image

    Image.new("1", (40_000, 30_000)).save(built_project / "content/images/huge.png")
    edit(built_project, "content/campuses/demo-nord.yaml", "images/demo-nord.svg",
         "images/huge.png")
    refused(built_project, ["validate"], "brand.logo: the logo is ")


def test_a_logo_linking_outside(built_project: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.svg").write_text((built_project / "content/images/demo-nord.svg")
                                          .read_text())
    (built_project / "content/images/link.svg").symlink_to(tmp_path / "outside.svg")
    edit(built_project, "content/campuses/demo-nord.yaml", "images/demo-nord.svg",
         "images/link.svg")
    refused(built_project, ["validate"], "brand.logo: the logo must be a file inside the "
                                         "content/ folder")


@pytest.mark.parametrize("rule", ["fr", "en"])
@pytest.mark.parametrize("text", [" " * 20_000, "a" * 20_000, '"' + " " * 20_000,
                                  "x@" * 10_000, "https://" + "a" * 20_000, "; " * 10_000])
def test_text_transforms_take_linear_time(rule: str, text: str) -> None:
    """10 times the input may take at most 15 times as long (and never long)."""
    apply = typographer(rule)

    def timed(value: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            apply(value)
            to_html(value)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = timed(text[: len(text) // 10]), timed(text)
    assert large <= 15 * small + 0.05, (small, large)


@pytest.mark.slow  # two refused builds
@pytest.mark.parametrize("field", ["website", "registration"])
def test_an_address_too_long_for_a_qr_code(built_project: Path, field: str) -> None:
    """Before, a sign-up address of thousands of characters passed validate and failed
    the guide's template (segno: data too large); one of 300 printed a QR code too fine
    to scan."""
    campus = "content/campuses/demo-nord.yaml"
    long = "https://nord.example/inscription?" + "utm=x&" * 50
    edit(built_project, campus, "  website: https://nord.example\n",
         f"  website: https://nord.example\n  {field}: {long}\n" if field == "registration"
         else f"  website: {long}\n")
    line = 13 if field == "registration" else 12
    refused(built_project, ["build", *NARROW], f"{campus}:{line}:", f"contact.{field}:",
            f"too long to print as a QR code a phone can read ({len(long)} characters, "
            "at most 200)")
