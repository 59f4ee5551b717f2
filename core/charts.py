"""Charts drawn on the server as SVG: the page needs no script, and the strict CSP holds (the
template uses SVG presentation attributes, never a style attribute).

Plain Python: each function turns (label, value) rows into the geometry a template draws.
"""

from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 200
CHART_WIDTH = 640


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def bar_chart(title: str, rows: list[tuple[str, int]]) -> Chart:
    """Horizontal bars, longest to the right edge, the value written after each bar."""
    top = max((value for _, value in rows), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 60
    bars = []
    for i, (label, value) in enumerate(rows):
        y = i * (BAR_HEIGHT + GAP)
        width = round(room * value / top, 1)
        bars.append(Bar(label, value, LABEL_WIDTH, y, width, BAR_HEIGHT,
                        LABEL_WIDTH + width + 6, y + BAR_HEIGHT * 0.7))
    height = max(len(rows) * (BAR_HEIGHT + GAP) - GAP, BAR_HEIGHT)
    return Chart(title, bars, CHART_WIDTH, height, LABEL_WIDTH)


def column_chart(title: str, rows: list[tuple[str, int]]) -> Chart:
    """Vertical columns (months along the bottom), the value written above each column."""
    top = max((value for _, value in rows), default=0) or 1
    plot, label_room, n = 160, 40, max(len(rows), 1)
    step = CHART_WIDTH / n
    width = step * 0.7
    bars = []
    for i, (label, value) in enumerate(rows):
        h = round(plot * value / top, 1)
        x = i * step + (step - width) / 2
        bars.append(Bar(label, value, round(x, 1), 20 + plot - h, round(width, 1), h,
                        round(x + width / 2, 1), 20 + plot - h - 4))
    return Chart(title, bars, CHART_WIDTH, 20 + plot + label_room, 0)


def sparkline(values: list[int], width: int = 96, height: int = 20) -> list[Bar]:
    """Tiny columns, one per month, for a table row."""
    top = max(values, default=0) or 1
    step = width / max(len(values), 1)
    return [Bar("", v, round(i * step, 1), round(height - height * v / top, 1),
                round(step * 0.8, 1), round(height * v / top, 1), 0, 0)
            for i, v in enumerate(values)]
