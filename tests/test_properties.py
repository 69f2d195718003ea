"""Property tests: rules that must hold for any text, not only the examples we thought of."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.load.yamlfile import read_yaml
from generator.resolve.typography import typographer

LANGS = st.sampled_from(["fr", "en", "es"])
# Text as campus staff type it: letters, digits, spaces and the punctuation the rules touch.
PROSE = st.text(alphabet=st.sampled_from(list("aéZ9 '\":;!?«»%€()-.,\u00a0\u202f")),
                max_size=60)


@given(PROSE, LANGS)
def test_typography_is_idempotent(text: str, lang: str) -> None:
    once = typographer(lang)(text)
    assert typographer(lang)(once) == once


@given(PROSE, st.from_regex(r"https://[a-z]{1,8}\.example/[a-z0-9?=:;!&_/-]{0,20}",
                            fullmatch=True), LANGS)
def test_link_targets_are_never_touched(text: str, url: str, lang: str) -> None:
    result = typographer(lang)(f"{text} [lien]({url}) {text}")
    assert f"]({url})" in result


@given(PROSE, LANGS)
def test_typography_keeps_the_words(text: str, lang: str) -> None:
    """Only spaces, quotes and apostrophes change: letters, digits and punctuation stay."""
    def words(value: str) -> str:
        return "".join(ch for ch in value if ch.isalnum() or ch in ";:!?%€().,-")

    assert words(typographer(lang)(text)) == words(text)


@settings(max_examples=80)
@given(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9.+_-]{0,11}", fullmatch=True))
@example("NO")
@example("010")
@example("null")
@example("1e3")
@example("2027-01-16")
def test_plain_yaml_scalars_stay_text(tmp_path_factory, value: str) -> None:
    """``NO``, ``010``, ``1e3``, ``0x1F``, ``2027-01-16``… written without quotes are read
    exactly as written: never turned into a boolean, a number or a date."""
    path = Path(tmp_path_factory.mktemp("yaml")) / "file.yaml"
    path.write_text(f"value: {value}\nlist: [{value}]\n", encoding="utf-8")
    document, problems = read_yaml(path, "file.yaml")
    assert problems == []
    assert document.data == {"value": value, "list": [value]}
