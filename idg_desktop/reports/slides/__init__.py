"""The slides of the plenary: one Qt-free model that the presentation window
and the slides PDF both draw, so the two never differ.

- ``reading.read_slides(document, pseudonymise=...)``: the file, read once
  through the services into plain frozen data (confidential marks kept);
- ``compose.build_deck(source, Options(...), measure)``: the slides, each a
  frozen display list in units of the slide's height (``model.py``); a long
  finding continues on the next slide, text never below 1/34 of the height;
  ``compose.timer_slide(seconds, options, measure)``: the countdown;
- ``theme.THEMES``: the light and the dark projector theme (7:1 everywhere);
- ``pdf.write_slides``: the PDF (reportlab), the only module here that imports it.
"""
