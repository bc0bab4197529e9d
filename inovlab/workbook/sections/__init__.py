"""The parts of the cycle notebooks, one module per notebook, each returning a
:class:`~inovlab.workbook.section.Section` built from what the data allow."""
