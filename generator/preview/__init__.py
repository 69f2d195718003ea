"""``careerdocs preview``: a page in the browser showing one document's pages, made
again whenever a file of ``content/`` or ``templates/`` changes.

- :mod:`.worker`: what the printing process does (list, make, show Word as PDF);
- :mod:`.session`: what is on screen, and the attempts to make it again;
- :mod:`.server`: the web server (Starlette on uvicorn) and the file watcher.
"""
