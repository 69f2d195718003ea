"""How many layouts a one-pager's fit takes: ``.venv/bin/python bench/onepager_fit.py [SEEDS…]``.

For each comparison of the generated projects of SEEDS (default 0 1 3 7 12, the
layout tests' generator), in French and English, finds the type size twice: by
trying each size of ``FONT_SIZES_PT`` in turn (the old way: the largest that fits),
and with ``FitSearch`` (what careerdocs does). Prints both sizes and the layouts each
took, then the totals: the most layouts a fit took, and the fits that chose a smaller
size than the largest that fits. A measurement, not a test.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from generator import Diagnostics, Project  # noqa: E402
from generator.documents import comparison as one_pager  # noqa: E402
from generator.pipeline import load_checked  # noqa: E402
from generator.render.context import RenderContext  # noqa: E402
from generator.render.pdf import LaidOut, lay_out  # noqa: E402
from generator.render.templating import render_template  # noqa: E402
from generator.resolve.viewmodel import ComparisonView  # noqa: E402

from generate import one_pager_project  # noqa: E402


def layout(context: RenderContext, comparison: ComparisonView, size: float) -> LaidOut:
    html, _problems = render_template(context.env, context.project, one_pager.TEMPLATE,
                                      doc=context.view, comparison=comparison,
                                      fit=one_pager.Fit(size))
    assert html is not None
    return lay_out(html, context.project)


def one_by_one(context: RenderContext, comparison: ComparisonView) -> tuple[float | None, int]:
    for count, size in enumerate(one_pager.FONT_SIZES_PT, 1):
        if len(layout(context, comparison, size).document.pages) == 1:
            return size, count
    return None, len(one_pager.FONT_SIZES_PT)


def searched(context: RenderContext, comparison: ComparisonView) -> tuple[float | None, int]:
    search = one_pager.FitSearch()
    size: float | None = one_pager.FONT_SIZES_PT[0]
    while size is not None:
        size = search.record(size, layout(context, comparison, size))
    return (search.best[0] if search.best else None), search.layouts


def main(seeds: list[int]) -> None:
    from generator.render.context import ContextCache

    totals = [0, 0]
    most, smaller = 0, 0
    with tempfile.TemporaryDirectory() as scratch:
        for seed in seeds:
            root = Path(scratch) / str(seed)
            one_pager_project(seed, root)
            content = load_checked(Project.at(root), Diagnostics())
            for lang in ("fr", "en"):
                context = ContextCache(content).get("campus", lang)
                for comparison in context.view.comparisons:
                    old, old_count = one_by_one(context, comparison)
                    new, new_count = searched(context, comparison)
                    totals[0] += old_count
                    totals[1] += new_count
                    most = max(most, new_count)
                    smaller += old != new
                    print(f"seed {seed:3d} {lang} {comparison.id:14s} one by one: {old} pt in "
                          f"{old_count} layouts; predicted: {new} pt in {new_count}")
    print(f"\nlayouts: {totals[0]} one by one, {totals[1]} predicted, at most {most} for "
          f"one fit; {smaller} fit(s) half a point or more below the largest that fits")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [0, 1, 3, 7, 12])
