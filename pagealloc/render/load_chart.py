"""
Load chart - sar's receive rate over the day with the failures marked (inline SVG)
==================================================================================

For the HTML report: one line of the busiest interface's ``rxkB/s`` per sar
record over the days that hold failures, and a red mark at the end of every
interval that holds a failure report.  Pure string building; every text is
escaped by the caller's ``esc``.

Examples:
    >>> svg = load_chart({"iface": "eth0", "clock": "local", "points": [["2010-06-17 20:40:01", 10240.0],
    ...     ["2010-06-17 20:50:01", 11776.0]], "failures": ["2010-06-17 20:50:01"]}, esc=str)
    >>> svg.count("<circle"), "eth0 rxkB/s" in svg
    (1, True)
"""

import datetime


def _seconds(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").timestamp()


def load_chart(chart, esc, width=640, height=180):
    points = [(p[0], p[1]) for p in chart.get("points") or [] if isinstance(p[1], (int, float))]
    if len(points) < 2:
        return ""
    left, right, top, bottom = 60, 20, 24, 34  # the interface's name above the plot, clear of its axis
    xs = [_seconds(t) for t, _ in points]
    x_min, x_max = min(xs), max(xs)
    span = (x_max - x_min) or 1.0
    y_max = max(v for _, v in points) or 1.0
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(t):
        return left + plot_w * (t - x_min) / span

    def y(v):
        return top + plot_h - plot_h * v / y_max

    path = " ".join("%s%.1f,%.1f" % ("M" if i == 0 else "L", x(t), y(v))
                    for i, (t, v) in enumerate(zip(xs, (v for _, v in points))))
    clock = "host local time" if chart.get("clock") == "local" else "UTC"
    # a viewBox, no fixed size: the chart scales to the page width (a phone's 375 px too)
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" '
             'aria-label="receive rate and failures">' % (width, height),
             '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#666"/>' % (left, top + plot_h, left + plot_w, top + plot_h),
             '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#666"/>' % (left, top, left, top + plot_h),
             '<path d="%s" fill="none" stroke="#37c" stroke-width="1.5"/>' % path,
             '<text x="0" y="%d">%s rxkB/s</text>' % (top - 10, esc(chart.get("iface"))),
             '<text x="%d" y="%d" text-anchor="end">%.0f</text>' % (left - 4, top + 12, y_max),
             '<text x="%d" y="%d" text-anchor="end">0</text>' % (left - 4, top + plot_h),
             '<text x="%d" y="%d">%s</text>' % (left, top + plot_h + 14, esc(points[0][0])),
             '<text x="%d" y="%d" text-anchor="end">%s</text>' % (left + plot_w, top + plot_h + 14, esc(points[-1][0])),
             '<text x="%d" y="%d">sar interval ends (%s); red: intervals with failure reports</text>'
             % (left, height - 4, clock)]
    values = dict(points)
    for end in chart.get("failures") or []:
        if end in values:
            parts.append('<circle cx="%.1f" cy="%.1f" r="5" fill="#c33"><title>failure in the interval ending %s: '
                         '%.0f kB/s</title></circle>' % (x(_seconds(end)), y(values[end]), esc(end), values[end]))
    parts.append("</svg>")
    return "".join(parts)
