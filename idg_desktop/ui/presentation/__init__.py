"""The plenary on the projector (issue 13): the presentation window
(window.py), the widget that draws one slide of the Qt-free slide model
(slide_view.py), and the laptop's side of it — menu, clicker keys, status
(presenter.py)."""
