"""Profiles in QSettings: name, AppId and endpoint of each, and which one is active.

QtCore only, so the `dhbrowser profile` command works without a QApplication. The
ServerSecret is never written here: it lives in the keyring (dhbrowser.core.secret_store).
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QSettings

from dhbrowser.core.files import unwritable
from dhbrowser.core.profiles import Profile, ProfileError, parse_app_id
from dhbrowser.i18n import _

log = logging.getLogger(__name__)

ORGANIZATION = "dhbrowser"
APPLICATION = "dhbrowser"
_PROFILES = "profiles"
_ACTIVE = "active_profile"
#: More profiles than anyone keeps; a larger count on disk is damage, not a list to walk.
MAX_PROFILES = 100
#: The settings file holds a few kilobytes; a larger one is not ours to parse.
MAX_SETTINGS_BYTES = 1 << 20


def open_profile_settings() -> tuple[ProfileSettings, list[str]]:
    """The user's profiles, once a damaged settings file is moved aside; and what the user
    must be told about the file (moved aside, or cannot be saved), in plain sentences."""
    notices = [moved] if (moved := quarantine_damaged_settings()) is not None else []
    settings = ProfileSettings()
    if (problem := unwritable(settings.file_path().parent)) is not None:
        notices.append(
            _("Settings (profiles, window layout, favourites) cannot be saved: {problem}.").format(
                problem=problem
            )
        )
    return settings, notices


def quarantine_damaged_settings(settings: QSettings | None = None) -> str | None:
    """Move a damaged settings file aside before anything reads it; say so, in words.

    Damaged means: Qt cannot parse or read it, it is larger than MAX_SETTINGS_BYTES, or a
    profile in it is out of range (a count above MAX_PROFILES, a bad name, AppId or
    endpoint). Reading such a file as empty would lose the profiles at the next write;
    the moved file keeps them for the user. Returns None when the file is sound or absent.
    """
    settings = settings if settings is not None else QSettings(ORGANIZATION, APPLICATION)
    path = Path(settings.fileName())
    damage = _damage(settings, path)
    if damage is None:
        return None
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        path.rename(aside)
    except OSError as error:
        log.info(
            "the settings file %s is damaged (%s) and cannot be moved: %s", path, damage, error
        )
        return _(
            "The settings file {path} is damaged ({damage}) and could not be moved aside "
            "({problem}): dhbrowser starts without its profiles and cannot save settings."
        ).format(path=path, damage=damage, problem=error.strerror or error)
    settings.sync()  # forget what was read from the damaged file
    log.info("the settings file %s was damaged (%s); moved to %s", path, damage, aside)
    return _(
        "The settings file was damaged ({damage}) and was moved to {aside}; dhbrowser starts "
        "with fresh settings. ServerSecrets stay in the system keyring."
    ).format(damage=damage, aside=aside)


def _damage(settings: QSettings, path: Path) -> str | None:
    """What is wrong with the settings file, or None."""
    try:
        if path.stat().st_size > MAX_SETTINGS_BYTES:
            return f"it is larger than {MAX_SETTINGS_BYTES // 1024} KiB"
    except (FileNotFoundError, NotADirectoryError):  # no file: nothing to be damaged
        return None
    except OSError as error:
        return f"it cannot be read: {error.strerror or error}"
    status = settings.status()
    if status == QSettings.Status.FormatError:
        return "it is not a settings file dhbrowser can read"
    if status == QSettings.Status.AccessError:
        return "it cannot be read"
    active = settings.value(_ACTIVE)
    if active is not None and not isinstance(active, str):
        return "the active profile is not a name"
    # Read inside the group, as beginReadArray does: value("profiles/size") misses a
    # `profiles\\size` key written under [General].
    settings.beginGroup(_PROFILES)
    try:
        return _profiles_damage(settings)
    finally:
        settings.endGroup()


def _profiles_damage(settings: QSettings) -> str | None:
    size = settings.value("size")
    if size is None:
        return None
    if not isinstance(size, str) or not size.isascii() or not size.isdigit():
        return "its count of profiles is not a number"
    if int(size) > MAX_PROFILES:
        return f"it claims {int(size)} profiles, more than the {MAX_PROFILES} dhbrowser keeps"
    for index in range(1, int(size) + 1):
        try:
            _profile_from([settings.value(f"{index}/{key}") for key in _FIELDS])
        except ProfileError as error:
            return f"profile #{index} cannot be used: {error}"
    return None


_FIELDS = ("name", "app_id", "endpoint")


def _profile_from(fields: list[object]) -> Profile:
    """A Profile from the three stored values, which must all be text; ProfileError if not."""
    name, app_id, endpoint = fields
    if not (isinstance(name, str) and isinstance(app_id, str) and isinstance(endpoint, str)):
        raise ProfileError("a stored field is missing or not text")
    return Profile(name, parse_app_id(app_id), endpoint)


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
            raise ProfileError(
                _("There is no profile named {name}: see `dhbrowser profile list`.").format(
                    name=repr(name)
                )
            )
        return profile

    def set_active(self, name: str | None) -> None:
        """Make `name` the profile opened at start; None opens the demo catalog."""
        with self._lock:
            if name is None:
                self._settings.remove(_ACTIVE)
            elif any(profile.name == name for profile in self._read()):
                self._settings.setValue(_ACTIVE, name)
            else:
                raise ProfileError(_("There is no profile named {name}.").format(name=repr(name)))
            self._sync()

    def _read(self) -> list[Profile]:
        profiles: list[Profile] = []
        count = self._settings.beginReadArray(_PROFILES)
        if count > MAX_PROFILES:  # quarantine_damaged_settings refuses such a file at start
            log.warning("reading only %d of the %d profiles %s claims", MAX_PROFILES, count, self)
        try:
            for index in range(min(count, MAX_PROFILES)):
                self._settings.setArrayIndex(index)
                fields = [self._settings.value(key) for key in _FIELDS]
                try:
                    profiles.append(_profile_from(fields))
                except ProfileError as error:
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
        if self._settings.status() == QSettings.Status.AccessError:
            raise ProfileError(
                _(
                    "The settings file {path} could not be written: check the folder's "
                    "permissions and free space."
                ).format(path=self.file_path())
            )
        if self._settings.status() == QSettings.Status.FormatError:
            raise ProfileError(
                _(
                    "The settings file {path} became unreadable while dhbrowser ran; "
                    "restart dhbrowser to have it moved aside."
                ).format(path=self.file_path())
            )
