"""Roles from public open data: ``careerdocs import SOURCE FILE --code CODE`` writes
``content/roles/<id>.yaml`` from a dataset the user downloaded (careerdocs never goes
on the network).

- :mod:`.files` reads a dataset (a zip or a folder) within limits;
- :mod:`.rome`, :mod:`.onisep`, :mod:`.esco`, :mod:`.onet` read one record of their
  dataset into an :class:`.record.Imported` (fields mapped faithfully: nothing
  invented, nothing reworded; a field the dataset lacks stays out);
- :mod:`.writing` writes the role file, its source and the copy of what was imported;
- :mod:`.merge` takes a newer release over a role the school has edited;
- :mod:`.command` is ``careerdocs import``.
"""

SOURCES = ("rome", "onisep", "esco", "onet")  # the datasets careerdocs import reads
