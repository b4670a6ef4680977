"""The dashboard: progress against the campaign target and the daily quota, as figures and QtCharts charts.

Every figure comes from `canvass.quotas.compute_stats`; this view only draws them. It is recomputed when
it becomes visible after the data changed (not on every change while hidden).
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from PySide6.QtCharts import (QBarCategoryAxis, QBarSet, QChart, QChartView, QDateTimeAxis,
                              QHorizontalStackedBarSeries, QLineSeries, QValueAxis)
from PySide6.QtCore import QDateTime, QMargins, QObject, QRunnable, Qt, QThreadPool, QTime, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (QComboBox, QFrame, QGridLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout,
                               QWidget)

from ui.dialogs.progress import error_text
from ui.i18n import fmt_date, fmt_float, fmt_int
from ui.labels import STATUS_COLORS
from ui.views.base import TabView
from ui.widgets.combo import refill

COLOR_SYSTEM = QColor(STATUS_COLORS["activated_system"])
COLOR_REPORTED = QColor(STATUS_COLORS["activated"])
COLOR_TARGET = QColor("#9aa0a6")
COLOR_REMAINING = QColor("#dadce0")


class _Carrier(QObject):
    """Delivers the figures computed on the stats thread to the UI thread."""
    done = Signal(int, object)      # generation, CampaignStats
    failed = Signal(int, object)    # generation, exception


class _StatsJob(QRunnable):
    """compute_stats on the dashboard's own thread (a read: it never waits for the runner's writes)."""

    def __init__(self, db, as_of, generation: int, carrier: _Carrier, commune_id: Optional[int] = None):
        super().__init__()
        self.setAutoDelete(False)
        self.db, self.as_of, self.generation, self.carrier = db, as_of, generation, carrier
        self.commune_id = commune_id

    def run(self) -> None:  # stats thread
        from canvass.quotas import compute_stats

        try:
            with self.db.read() as s:
                stats = compute_stats(s, self.as_of, commune_id=self.commune_id)
        except Exception as exc:  # noqa: BLE001 - shown on the UI thread
            self.carrier.failed.emit(self.generation, exc)
        else:
            self.carrier.done.emit(self.generation, stats)


class Card(QFrame):
    """One figure with its caption (and a smaller line under it)."""

    def __init__(self, name: str, caption: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("card", True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption, self)
        self.caption.setProperty("role", "caption")
        self.caption.setWordWrap(True)
        self.value = QLabel("—", self)
        self.value.setProperty("role", "figure")
        f = QFont(self.value.font())
        f.setPointSizeF(f.pointSizeF() * 1.8)
        f.setBold(True)
        self.value.setFont(f)
        self.detail = QLabel("", self)
        self.detail.setProperty("role", "detail")
        self.detail.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.addWidget(self.caption)
        lay.addWidget(self.value)
        lay.addWidget(self.detail)
        lay.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set(self, value: str, detail: str = "", tip: str = "") -> None:
        """Show a figure."""
        self.value.setText(value)
        self.detail.setText(detail)
        self.setToolTip(tip)


def _chart(title: str) -> QChart:
    c = QChart()
    c.setTitle(title)
    c.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    c.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    c.setMargins(QMargins(4, 4, 4, 4))
    c.setBackgroundRoundness(0)
    return c


class DashboardView(TabView):
    """Figure cards, the cumulative progress chart and per-hamlet / per-team bars."""

    def __init__(self, ctx, parent: Optional[QWidget] = None, as_of: Optional[dt.date] = None):
        super().__init__(ctx, parent)
        self.as_of = as_of
        self.stats = None
        self.setObjectName("dashboardView")

        self.cardSystem = Card("cardSystem", self.tr("Activated (system verified)"), self)
        self.cardReported = Card("cardReported", self.tr("Reported by teams, awaiting the system"), self)
        self.cardToday = Card("cardToday", self.tr("Activated today"), self)
        self.cardRequired = Card("cardRequired", self.tr("Needed per team per day"), self)
        self.cardFinish = Card("cardFinish", self.tr("Projected finish"), self)
        self.cardCountdown = Card("cardCountdown", self.tr("Daily report"), self)
        self.cards = [self.cardSystem, self.cardReported, self.cardToday, self.cardRequired, self.cardFinish,
                      self.cardCountdown]
        self.title = QLabel(self)
        self.title.setObjectName("dashboardTitle")
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        # a database of several communes (a province's): one commune's figures (its hamlets, teams, campaign)
        self.communeBox = QComboBox(self)
        self.communeBox.setObjectName("dashboardCommune")
        self.communeBox.setToolTip(self.tr("The figures of one commune (its hamlets, teams and campaign), or of "
                                           "every commune"))
        self.communeBox.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.communeBox.hide()
        self.communeBox.currentIndexChanged.connect(lambda _i: self.reload())

        self.progressChart = _chart(self.tr("Cumulative activations against the target"))
        self.hamletChart = _chart(self.tr("By hamlet"))
        self.teamChart = _chart(self.tr("By team"))
        self.progressView = self._view("progressChart", self.progressChart)
        self.hamletView = self._view("hamletChart", self.hamletChart)
        self.teamView = self._view("teamChart", self.teamChart)

        inner = QWidget(self)
        grid = QGridLayout(inner)
        grid.setContentsMargins(8, 8, 8, 8)
        grid.addWidget(self.title, 0, 0, 1, 5)
        grid.addWidget(self.communeBox, 0, 5, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for i, card in enumerate(self.cards):
            grid.addWidget(card, 1, i)
        grid.addWidget(self.progressView, 2, 0, 1, 6)
        grid.addWidget(self.hamletView, 3, 0, 1, 3)
        grid.addWidget(self.teamView, 3, 3, 1, 3)
        grid.setRowStretch(2, 3)
        grid.setRowStretch(3, 2)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll)

        self._generation = 0
        self._jobs: set[_StatsJob] = set()
        self._pool = QThreadPool(self)          # created first, deleted first: it waits for a running job
        self._pool.setMaxThreadCount(1)
        self._carrier = _Carrier(self)
        self._carrier.done.connect(self._arrived)
        self._carrier.failed.connect(self._failed)

        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

    def _view(self, name: str, chart: QChart) -> QChartView:
        v = QChartView(chart, self)
        v.setObjectName(name)
        v.setRenderHint(QPainter.RenderHint.Antialiasing)
        v.setMinimumHeight(240)
        return v

    # --- refresh --------------------------------------------------------------------------------
    def reload(self) -> None:
        """Recompute the figures on the stats thread (about a second at 300,000 residents) and redraw when they
        arrive; the window keeps working meanwhile."""
        self._stale = False
        self._generation += 1
        if self.stats is None:
            self.title.setText(self.tr("Computing the figures…"))
        self._fill_communes()
        commune = self.communeBox.currentData() if self.communeBox.isVisibleTo(self) else None
        job = _StatsJob(self.ctx.db, self.as_of, self._generation, self._carrier, commune)
        self._jobs.add(job)
        self._pool.start(job)

    def _fill_communes(self) -> None:
        """The commune choice, shown when the database holds several communes (keeps what was chosen)."""
        from canvass.teams import commune_choices

        with self.ctx.db.read() as s:
            communes = commune_choices(s)
        refill(self.communeBox, [(None, self.tr("Every commune"))] + communes)
        self.communeBox.setVisible(len(communes) > 1)

    def busy(self) -> bool:
        """True while figures are being computed."""
        return bool(self._jobs)

    def wait_idle(self, msecs: int = 30000) -> None:
        """Let the figures arrive and be drawn (tests, screenshots)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop

        deadline = QDeadlineTimer(msecs)
        while self.busy() and not deadline.hasExpired():
            self._pool.waitForDone(50)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def _arrived(self, generation: int, stats) -> None:
        self._jobs = {j for j in self._jobs if j.generation > generation}
        if generation == self._generation:
            self.stats = stats
            self._draw()

    def _failed(self, generation: int, exc: BaseException) -> None:
        self._jobs = {j for j in self._jobs if j.generation > generation}
        if generation == self._generation:
            self.title.setText(self.tr("The figures could not be computed: %1").replace("%1", error_text(self, exc)))

    def _tick(self) -> None:
        if self.stats is not None:
            self._draw_countdown()

    def _draw(self) -> None:
        st = self.stats
        t = st.total
        if st.campaign_name:
            head = self.tr("%1 — %2 to %3, %4 day(s) left").replace("%1", st.campaign_name) \
                .replace("%2", fmt_date(st.start)).replace("%3", fmt_date(st.end)) \
                .replace("%4", fmt_int(st.days_left or 0))
        else:
            head = self.tr("No campaign set: figures without a target")
        self.title.setText(head + " · " + self.tr("as of %1").replace("%1", fmt_date(st.as_of)))
        target = t.target or t.eligible
        self.cardSystem.set(fmt_int(t.activated_system),
                            self.tr("of %1 (%2%)").replace("%1", fmt_int(target)).replace("%2", fmt_float(t.percent)),
                            self.tr("Only activations confirmed by the national system count toward the target"))
        self.cardReported.set(fmt_int(t.activated_reported),
                              self.tr("%1 still to activate").replace("%1", fmt_int(t.remaining)))
        self.cardToday.set(fmt_int(t.done_today),
                           self.tr("%1 reported by teams · daily quota %2").replace("%1", fmt_int(t.done_today_reported))
                           .replace("%2", fmt_int(t.quota_today)))
        req = t.required_per_team_per_day
        self.cardRequired.set(fmt_float(req) if req is not None else "—",
                              self.tr("%1 team(s) · quota %2").replace("%1", fmt_int(t.teams))
                              .replace("%2", fmt_int(st.quota_per_team_day)),
                              self.tr("Remaining activations ÷ teams ÷ days left"))
        if st.projected_finish:
            late = st.end is not None and st.projected_finish > st.end
            pace = (self.tr("at the pace the teams reported (not yet confirmed by the system)")
                    if st.pace_basis == "reported" else self.tr("at the pace of the last 7 days"))
            self.cardFinish.set(fmt_date(st.projected_finish), self.tr("after the campaign end!") if late else pace)
            self.cardFinish.value.setStyleSheet("color: #c5221f;" if late else "")
        else:
            self.cardFinish.set("—", self.tr("no activation in the last 7 days"))
        self._draw_countdown()
        self._draw_progress()
        self._draw_bars(self.hamletChart, st.hamlets)
        self._draw_bars(self.teamChart, st.teams)

    def countdown_text(self, now: dt.datetime, deadline: str) -> tuple[str, str]:
        """('1 h 05 min', 'until the 15:30 report'), or the passed message."""
        try:
            hh, mm = (int(x) for x in deadline.split(":"))
        except ValueError:
            hh, mm = 15, 30
        due = now.replace(hour=hh, minute=mm, second=0, microsecond=0)
        if now >= due:
            return self.tr("Time is up"), self.tr("The %1 report time has passed").replace("%1", f"{hh:02d}:{mm:02d}")
        left = int((due - now).total_seconds() // 60)
        text = self.tr("%1 h %2 min").replace("%1", str(left // 60)).replace("%2", f"{left % 60:02d}") if left >= 60 \
            else self.tr("%1 min").replace("%1", str(left))
        return text, self.tr("until the %1 report").replace("%1", f"{hh:02d}:{mm:02d}")

    def _draw_countdown(self) -> None:
        value, detail = self.countdown_text(dt.datetime.now(), self.stats.report_deadline)
        self.cardCountdown.set(value, detail)

    def _draw_progress(self) -> None:
        chart = self.progressChart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        daily = self.stats.daily
        series = []
        for name, attr, color, style in (
                (self.tr("Target"), "target_cum", COLOR_TARGET, Qt.PenStyle.DashLine),
                (self.tr("Activated (reported)"), "activated_reported_cum", COLOR_REPORTED, Qt.PenStyle.SolidLine),
                (self.tr("Activated (system verified)"), "activated_system_cum", COLOR_SYSTEM, Qt.PenStyle.SolidLine)):
            s = QLineSeries()
            s.setName(name)
            pen = QPen(color)
            pen.setWidthF(2.5)
            pen.setStyle(style)
            s.setPen(pen)
            s.setPointsVisible(len(daily) <= 31)
            if daily:   # every cumulative line starts at 0 when the campaign starts: day one is a line, not a dot
                s.append(float(QDateTime(daily[0].day, QTime(0, 0)).toMSecsSinceEpoch()), 0.0)
            for p in daily:
                ms = QDateTime(p.day, QTime(12, 0)).toMSecsSinceEpoch()
                s.append(float(ms), float(getattr(p, attr)))
            chart.addSeries(s)
            series.append(s)
        x = QDateTimeAxis()
        x.setFormat("dd/MM")
        top = max([1.0] + [max(p.target_cum, p.activated_reported_cum, p.activated_system_cum) for p in daily])
        y = QValueAxis()
        # at least 0..5: whole-number labels below that repeated ("0, 0, 1, 1" before anyone was activated)
        y.setRange(0, max(5.0, top * 1.05))
        y.setLabelFormat("%d")
        y.applyNiceNumbers()
        if daily:
            last = daily[-1].day + dt.timedelta(days=1)
            x.setRange(QDateTime(daily[0].day, QTime(0, 0)), QDateTime(last, QTime(0, 0)))
            span = len(daily)
            x.setTickCount(span + 1 if span <= 14 else 8)
        else:   # no campaign day yet: the last week up to the report's day (not Qt's default range, 1970)
            day = self.stats.as_of
            x.setRange(QDateTime(day - dt.timedelta(days=6), QTime(0, 0)), QDateTime(day + dt.timedelta(days=1),
                                                                                   QTime(0, 0)))
            x.setTickCount(8)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for s in series:
            s.attachAxis(x)
            s.attachAxis(y)

    def _draw_bars(self, chart: QChart, groups) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        groups = list(groups)[:20]
        sets = []
        for name, color in ((self.tr("System verified"), COLOR_SYSTEM), (self.tr("Reported"), COLOR_REPORTED),
                            (self.tr("Remaining"), COLOR_REMAINING)):
            b = QBarSet(name)
            b.setColor(color)
            b.setBorderColor(color)
            sets.append(b)
        for g in reversed(groups):
            target = g.target or g.eligible
            sets[0].append(g.activated_system)
            sets[1].append(g.activated_reported)
            sets[2].append(max(0, target - g.activated_system - g.activated_reported))
        series = QHorizontalStackedBarSeries()
        for b in sets:
            series.append(b)
        series.setBarWidth(0.7)
        for v in (self.hamletView, self.teamView):
            if v.chart() is chart:
                v.setMinimumHeight(max(240, 110 + 30 * len(groups)))
        chart.addSeries(series)
        cats = QBarCategoryAxis()
        # each bar carries its figures: activated (verified + reported) of the target
        cats.append([self.tr("%1  %2/%3").replace("%1", g.name)
                     .replace("%2", fmt_int(g.activated_system + g.activated_reported))
                     .replace("%3", fmt_int(g.target or g.eligible)) for g in reversed(groups)]
                    or [self.tr("(none)")])
        font = QFont(cats.labelsFont())
        font.setPointSizeF(max(7.0, font.pointSizeF() - (1 if len(groups) > 4 else 0)))
        cats.setLabelsFont(font)
        vals = QValueAxis()
        vals.setLabelFormat("%d")
        top = max([1] + [max(g.target or g.eligible, g.activated_system + g.activated_reported) for g in groups])
        vals.setRange(0, top)
        vals.applyNiceNumbers()
        chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(vals, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(cats)
        series.attachAxis(vals)

