"""Content in translators' own tools: every text of ``content/`` as a PO file per
language (Poedit, Weblate, any PO editor), and the translations written back into the
YAML files, their comments, order and layout kept.

- :mod:`.texts` finds every text of the content files, with its file, path and line;
- :mod:`.record` keeps, for each translation brought in, the source text it was made
  from (``content/translations.yaml``): a source changed since is said out of date;
- :mod:`.pofiles` writes and reads the PO files, and checks each translation;
- :mod:`.roundtrip` writes the translations into the YAML files (ruamel.yaml).
"""
