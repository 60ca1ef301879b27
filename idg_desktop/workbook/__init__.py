"""The Excel workbooks, each in one place: layout, writer and reader together.

The full assessment workbook (``idg export xlsx`` / ``idg import workbook``):
its sheets and columns declared once (``layout.py``), how a value goes to a
cell and back (``cells.py``), the writer (``writer.py``), the reader and its
checks (``reader.py``) and the new file built from checked rows
(``rebuild.py``). The groups' fill-in workbook (``idg template export`` /
``import``): ``fill_in.py``.
"""
