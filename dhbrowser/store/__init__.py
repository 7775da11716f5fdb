"""The local catalog database: every synced catalog, what changed, and the user's own data.

Qt-free (import-linter enforces it), so the command line, workers and benchmarks share it.
"""

from dhbrowser.store.database import CatalogStore, StoreError, default_path
from dhbrowser.store.model import Changes, StoredHuman, StoreKey, SyncRecord, Voice
from dhbrowser.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "CatalogStore",
    "Changes",
    "StoreError",
    "StoreKey",
    "StoredHuman",
    "SyncRecord",
    "Voice",
    "default_path",
]
