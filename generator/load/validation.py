"""Turn pydantic validation errors into plain-words problems at ``file:line:col``."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostics, Kind, Problem
from .yamlfile import FieldPath, YamlDocument

ModelT = TypeVar("ModelT", bound=BaseModel)

_PATTERN_MEANINGS = {
    "^#[0-9a-fA-F]{6}$": "must be a colour written #rrggbb, e.g. #1d3557",
    "^https://[^\\s<>\\\"]+$": "must be a web address starting with https://",
    "^[a-z0-9][a-z0-9-]{0,39}$": "must be an id: lowercase letters, digits and dashes "
                                 "(at most 40), e.g. product-owner",
    "^[a-z]{2,3}$": "must be a language code such as fr or en",
    "^[^@\\s]+@[^@\\s]+$": "must be an e-mail address",
    "^[A-Z]{3}$": "must be a currency code such as EUR",
    "^[A-N][0-9]{4}$": "must be a ROME code such as M1803",
}

_MESSAGES = {
    "missing": "field required",
    "extra_forbidden": "unknown field: check its spelling, or remove it",
    "string_type": "must be text",
    "list_type": "must be a list (one '- ' line per item)",
    "dict_type": "must be a group of 'key: value' lines, indented below",
    "model_type": "must be a group of 'key: value' lines, indented below",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD, e.g. 2026-03-14",
    "date_parsing": "must be a date written YYYY-MM-DD, e.g. 2026-03-14",
    "date_type": "must be a date written YYYY-MM-DD, e.g. 2026-03-14",
}


def validate(model: type[ModelT], document: YamlDocument, languages: list[str],
             diagnostics: Diagnostics, kinds: list[str] | None = None) -> ModelT | None:
    """Validate a document against ``model``; add every problem to ``diagnostics``.

    When the diagnostics allow missing translations and those are the only problems,
    the text of another language stands in for each, and the model is returned.
    """
    context = {"languages": languages, "kinds": kinds or []}
    try:
        return model.model_validate(document.data, context=context)
    except ValidationError as error:
        found = [_problem(document, item) for item in error.errors()]
    diagnostics.extend(found)
    if not diagnostics.tolerates(found):
        return None
    return model.model_validate(document.data, context={**context, "fallback": True})


def _problem(document: YamlDocument, error: Any) -> Problem:
    where: FieldPath = tuple(part for part in error["loc"] if part != "[key]")
    if lang := (error.get("ctx") or {}).get("lang"):
        where = (*where, lang)  # the text of one language: point at its own line
    problem = document.problem(where, _message(error))
    if error["type"] == "missing_translation":
        fallback = (error.get("ctx") or {}).get("fallback", "")
        return replace(problem, kind=Kind.TRANSLATION, fallback=fallback)
    return problem


def _message(error: Any) -> str:
    kind, context = error["type"], error.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        return _PATTERN_MEANINGS.get(context.get("pattern", ""), error["msg"])
    if kind == "literal_error":
        return f"must be one of: {context.get('expected', '')}"
    if kind == "model_attributes_type":
        return "must be a group of 'key: value' lines, indented below"
    if kind == "too_short":
        return f"needs at least {context.get('min_length')} item(s)"
    if kind == "too_long":
        return f"has too many items (at most {context.get('max_length')})"
    if kind in ("greater_than_equal", "less_than_equal"):
        return error["msg"].lower()
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    message = error["msg"]
    return message[:1].lower() + message[1:]
