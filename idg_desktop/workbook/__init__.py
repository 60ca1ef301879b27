"""The Excel workbooks, each in one place: layout, writer and reader together.

The full assessment workbook (``idg export xlsx`` / ``idg import workbook``):
its sheets and columns declared once (``layout.py``), how a value goes to a
cell and back (``cells.py``), its rows made from the export (``rows.py``),
the writer (``writer.py``), the reader (``reader.py``) and its checks
(``checks.py``), and the new file built from checked rows (``rebuild.py``).
The groups' fill-in workbook (``idg template export`` / ``import``):
``fill_in.py`` declares and writes it, ``fill_in_reader.py`` reads it back
into a returned package for the merge. Both readers open what comes back as
untrusted input (``untrusted.py``).
"""
