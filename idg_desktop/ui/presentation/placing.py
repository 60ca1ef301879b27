"""Where the plenary's on-slide decisions go (``decisions.py``): the buttons
over the ones the slide draws, the editor or the merge list in the area the
slide model names, Save and Cancel over the band, a notice, the focus ring;
all in the slide's theme and body size, recomputed after every slide shown."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QPushButton

from idg_desktop.reports.slides import decisions as layout
from idg_desktop.reports.slides.fitting import Frame
from idg_desktop.reports.slides.model import Sizes
from idg_desktop.reports.slides.theme import Theme
from idg_desktop.ui.presentation.on_slide import Look, style_sheet
from idg_desktop.ui.presentation.slide_view import font


class Placing:
    """The :class:`DecisionPanel`'s placing of its widgets (a part of it)."""

    def sync(self) -> None:
        """After every slide shown (a move, a rebuild, the timer's tick)."""
        window = self.window
        slide = window.current() if window.slides else None
        if not (self.on and slide is not None and slide.controls) or window.view.blank:
            self.close_editor()
            for widget in self.widgets():
                widget.hide()
            self.ring.hide()
            return
        if self.mode and slide.record_id != self.finding_id:
            self.close_editor()  # the finding is no longer the one shown
        s, dx, dy = window.view.scale()
        self._restyle(window.view.theme, s)

        def rect(x: float, y: float, w: float, h: float) -> QRect:
            return QRect(round(dx + x * s), round(dy + y * s), round(w * s), round(h * s))

        for control in slide.controls:
            button = self.buttons[control.action]
            if button.text() != control.label:
                button.setText(control.label)
            button.set_current(control.current)
            button.setGeometry(rect(control.x, control.y, control.w, control.h))
            button.setVisible(not self.mode and not self.notice.text())
        editing = self.mode in ("amend", "merge")
        if self.mode:
            frame = Frame(window.options(), window.measure())
            shown = [self.save_button] if editing else []
            shown.append(self.cancel_button)
            bottom = max(c.y + c.h for c in slide.controls)
            rects, _ = layout.buttons(frame, [b.text() for b in shown], bottom)
            for button, place in zip(shown, rects, strict=True):
                button.setGeometry(rect(*place))
            self.save_button.setVisible(editing)
            self.cancel_button.setVisible(True)
            area = slide.editor
            line = frame.body * frame.leading * 1.2
            self.caption.setGeometry(rect(area.x, area.y, area.w, line))
            self.caption.show()
            body = rect(area.x, area.y + line, area.w, area.h - line)
            self.editor.setGeometry(body)
            self.choices.setGeometry(body)
            self.editor.setVisible(editing)
            self.choices.setVisible(self.mode == "choose")
            start = max(r[0] + r[2] for r in rects) + layout.GAP
            notice = (start, rects[0][1], area.x + area.w - start, rects[0][3])
            left = min(c.x for c in slide.controls)
            right = max(c.x + c.w for c in slide.controls)
            top = min(c.y for c in slide.controls)
            self.cover.setGeometry(
                rect(left, top, right - left, bottom - top).adjusted(-2, -2, 2, 2)
            )
            self.cover.show()  # the decisions drawn on the slide, covered while editing
        else:
            self.cover.hide()
            self.save_button.hide()
            self.cancel_button.hide()
            self.caption.hide()
            self.editor.hide()
            self.choices.hide()
            first = slide.controls[0]
            top = min(c.y for c in slide.controls)
            bottom = max(c.y + c.h for c in slide.controls)
            notice = (first.x, top, window.aspect() - 2 * first.x, bottom - top)
        self.notice.setGeometry(rect(*notice).adjusted(-4, -4, 4, 4))  # over the outlines too
        self.notice.setVisible(bool(self.notice.text()))
        self._ring()

    def _ring(self, _focused: bool = False) -> None:
        """The focus ring around the decision button that has the focus."""
        focus = next((b for b in self.buttons.values() if b.hasFocus() and b.isVisible()), None)
        if focus is not None and self.look is not None:
            self.ring.around(focus, self.look)
        else:
            self.ring.hide()

    def _restyle(self, theme: Theme, s: float) -> None:
        key = (theme.name, round(s))
        if key == self._style:
            return
        self._style = key
        self.look = Look.of(theme, s)
        pixels = max(1, round(Sizes().body * s))  # the slides' body size (Options' default)
        style = style_sheet(theme, pixels, s)
        self.window.view.setStyleSheet(style)
        for button in (*self.buttons.values(), self.save_button, self.cancel_button):
            button.set_look(self.look)
        for widget in self.widgets():
            bold = isinstance(widget, QPushButton) or widget in (self.caption, self.notice)
            widget.setFont(font(pixels, bold))
        self.editor.setCursorWidth(max(2, pixels // 12))  # seen from the back of the room
