"""The Qt-free core: signing, client, models, errors, rate limit. Shared by the GUI, the
command line and the emulator; it must never import Qt (an import-linter contract and a
test with Qt hidden enforce it).

Import what you need from its modules (`dhbrowser.api.models`, `dhbrowser.api.client`, …):
this package re-exports nothing, so reading a model or an error does not import httpx.
"""
