"""Profiles in QSettings: name, AppId and endpoint of each, and which one is active.

QtCore only, so the `dhbrowser profile` command works without a QApplication. The
ServerSecret is never written here: it lives in the keyring (dhbrowser.secrets).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QSettings

from dhbrowser.connection import Connection
from dhbrowser.profiles import Profile, ProfileError
from dhbrowser.secrets import SecretStore

log = logging.getLogger(__name__)

ORGANIZATION = "dhbrowser"
APPLICATION = "dhbrowser"
_PROFILES = "profiles"
_ACTIVE = "active_profile"


class ProfileSettings:
    """The stored profiles. Safe to share between threads: every access holds a lock."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings(ORGANIZATION, APPLICATION)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"ProfileSettings({self.file_path()})"

    def file_path(self) -> Path:
        return Path(self._settings.fileName())

    def profiles(self) -> list[Profile]:
        """The stored profiles in the order they were added; unreadable entries are skipped."""
        with self._lock:
            return self._read()

    def profile(self, name: str) -> Profile | None:
        return next((profile for profile in self.profiles() if profile.name == name), None)

    def save(self, profile: Profile) -> None:
        """Add the profile, or replace the stored one with the same name."""
        with self._lock:
            profiles = self._read()
            names = [stored.name for stored in profiles]
            if profile.name in names:
                profiles[names.index(profile.name)] = profile
            else:
                profiles.append(profile)
            self._write(profiles)

    def remove(self, name: str) -> None:
        """Forget the profile (not its secret: see SecretStore.delete); unknown names are ignored."""
        with self._lock:
            profiles = self._read()
            self._write([profile for profile in profiles if profile.name != name])
            if self._settings.value(_ACTIVE) == name:
                self._settings.remove(_ACTIVE)
            self._sync()

    def active(self) -> str | None:
        """The active profile's name; None means the demo catalog."""
        with self._lock:
            name = self._settings.value(_ACTIVE)
            if isinstance(name, str) and any(profile.name == name for profile in self._read()):
                return name
            return None

    def require(self, name: str) -> Profile:
        """The profile called `name`; ProfileError if there is none."""
        profile = self.profile(name)
        if profile is None:
            raise ProfileError(f"There is no profile named {name!r}: see `dhbrowser profile list`.")
        return profile

    def set_active(self, name: str | None) -> None:
        """Make `name` the profile opened at start; None opens the demo catalog."""
        with self._lock:
            if name is None:
                self._settings.remove(_ACTIVE)
            elif any(profile.name == name for profile in self._read()):
                self._settings.setValue(_ACTIVE, name)
            else:
                raise ProfileError(f"There is no profile named {name!r}.")
            self._sync()

    def _read(self) -> list[Profile]:
        profiles: list[Profile] = []
        count = self._settings.beginReadArray(_PROFILES)
        try:
            for index in range(count):
                self._settings.setArrayIndex(index)
                name = self._settings.value("name")
                app_id = self._settings.value("app_id")
                endpoint = self._settings.value("endpoint")
                try:
                    profiles.append(Profile(str(name), int(str(app_id)), str(endpoint)))
                except (ProfileError, ValueError) as error:
                    log.warning("skipping unreadable profile #%d in %s: %s", index + 1, self, error)
        finally:
            self._settings.endArray()
        return profiles

    def _write(self, profiles: list[Profile]) -> None:
        self._settings.remove(_PROFILES)
        self._settings.beginWriteArray(_PROFILES, len(profiles))
        for index, profile in enumerate(profiles):
            self._settings.setArrayIndex(index)
            self._settings.setValue("name", profile.name)
            self._settings.setValue("app_id", str(profile.app_id))
            self._settings.setValue("endpoint", profile.endpoint)
        self._settings.endArray()
        self._sync()

    def _sync(self) -> None:
        self._settings.sync()
        if self._settings.status() != QSettings.Status.NoError:
            raise ProfileError(
                f"The settings file {self.file_path()} could not be written: check the folder's "
                "permissions and free space."
            )


class MissingSecret(ProfileError):
    """The profile exists but the keyring has no ServerSecret for it (or it was session-only)."""

    def __init__(self, profile_name: str) -> None:
        self.profile_name = profile_name
        super().__init__(
            f"No ServerSecret is stored for profile {profile_name!r}: enter it again (Profile ▸ "
            f"Connect an app…, or `dhbrowser profile add --name {profile_name!r} …`)."
        )


def connection_for(
    profile_name: str | None, settings: ProfileSettings, secrets: SecretStore
) -> Connection:
    """A connection to the named profile's app (None: the active profile).

    Raises ProfileError when there is no such profile or no stored secret, and
    KeyringUnavailable when the keyring cannot be read; both carry a `hint`. It reads the
    keyring, which may wait on an unlock prompt: call it from a worker in the GUI.
    """
    name = profile_name if profile_name is not None else settings.active()
    if name is None:
        raise ProfileError(
            "No profile is active: connect an app first (Profile ▸ Connect an app…, or "
            "`dhbrowser profile add`)."
        )
    profile = settings.require(name)
    secret = secrets.get(name)
    if secret is None:
        raise MissingSecret(name)
    return Connection(
        label=profile.name, app_id=profile.app_id, endpoint=profile.endpoint, secret=secret
    )
