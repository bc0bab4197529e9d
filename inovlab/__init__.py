"""inovlab: research and evaluation workbook for the Indeks Inovasi Daerah (IID).

Data flows one way: files -> validated tables (``io``, ``validation``) ->
rules (``framework``) + arithmetic (``scoring``) -> analyses -> notebooks and reports.
"""

__version__ = "0.1.0"
