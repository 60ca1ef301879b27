"""The printable reports (PDF, reportlab): Qt-free, fed by the services.

``content`` reads the assessment into plain data (pseudonymised, public),
``layout`` gives every page its header, footer and styles, ``charts`` draws
the heat map and the priority matrix, ``assessment``, ``sheets`` and
``plan_report`` lay the reports out, and ``export`` writes and checks the file.
"""
