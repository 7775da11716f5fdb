"""The Qt-free app services: profiles, secrets, connections, the demo, export, files, logs
and search. They run without PySide6 (the command line, and a test that hides Qt, prove it)."""
