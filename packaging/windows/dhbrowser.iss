; Inno Setup 6.3+ script for dhbrowser on Windows: wraps the PyInstaller one-folder bundle.
;
; Build the bundle first, from the repository root (on Windows):
;     python -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\dhbrowser.spec
; then the installer:
;     iscc /DAppVersion=0.1.0 packaging\windows\dhbrowser.iss
; Result: dist\dhbrowser-<version>-windows-x64-setup.exe
;
; Not built or run where this project is developed (Linux); .github/workflows/release.yml
; builds it on a Windows runner.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z packaging\windows\dhbrowser.iss
#endif
; Windows file versions are numbers only: pass /DNumericVersion=1.2.0 with /DAppVersion=1.2.0rc1.
#ifndef NumericVersion
  #define NumericVersion AppVersion
#endif

#define AppName "dhbrowser"
#define RepoDir "..\.."
#define BundleDir RepoDir + "\dist\dhbrowser"

[Setup]
; AppId identifies the program for upgrades and uninstalling: never change it.
AppId={{5CD6C2B6-F8B7-42E8-A16F-4C7196471B66}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=dhbrowser developers
AppComments=Browse ZEGOCLOUD AIGC digital humans: portraits, action previews and their ids
VersionInfoVersion={#NumericVersion}
; Per-user by default (no administrator needed); the dialog offers an all-users install.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
SetupIconFile={#RepoDir}\resources\icons\dhbrowser.ico
UninstallDisplayIcon={app}\dhbrowser.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
OutputDir={#RepoDir}\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
; Replacing files of a running dhbrowser would fail: offer to close it first.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole bundle: dhbrowser.exe (the windowed program), dhbrowser-cli.exe (the same program
; with a console, for `--pick` and `--check` in scripts) and _internal\.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade must not keep libraries a previous version shipped and this one dropped.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\dhbrowser.exe"; Comment: "Browse ZEGOCLOUD AIGC digital humans"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\dhbrowser.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\dhbrowser.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
