"""What leaves the application as data: the JSON export and versions for sharing
(the Excel workbook is in ``idg_desktop/workbook/``, the PDFs in ``reports/``)."""
