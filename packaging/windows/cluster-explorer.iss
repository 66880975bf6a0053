; Inno Setup script: a per-user installer for the frozen app (no administrator rights).
; NOT RUN: written on Linux, where neither the Windows build nor Inno Setup was available; see
; packaging/README.md ("Windows") for what to check on the first Windows build.
;
; Build dist\cluster-explorer on Windows (packaging\README.md), then:
;   iscc packaging\windows\cluster-explorer.iss
; which writes dist\cluster-explorer-setup-VERSION.exe.

#define AppName "Cluster Explorer"
#define AppVersion "0.2.0"   ; keep in step with desktop/__init__.py
#define Frozen "..\..\dist\cluster-explorer"

[Setup]
AppId={{6C3B2E0A-5D7F-4E61-9C1B-3E2F7A9D4B10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Cluster Explorer
; Per user: installs to %LOCALAPPDATA%\Programs, registry entries under HKCU, no UAC prompt.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\Cluster Explorer
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=cluster-explorer-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\cluster-explorer.ico
UninstallDisplayIcon={app}\cluster-explorer.exe
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ja"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked
Name: "associate"; Description: "Open .gpkg files with {#AppName}"; Flags: unchecked

[Files]
Source: "{#Frozen}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\cluster-explorer.exe"
Name: "{autoprograms}\{#AppName} (software rendering)"; Filename: "{app}\cluster-explorer.exe"; Parameters: "--software-opengl"; Comment: "For remote desktops and VDI sessions whose map stays blank"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\cluster-explorer.exe"; Tasks: desktopicon

[Registry]
; Per-user file association (HKCU through HKA when installed without admin rights).
Root: HKA; Subkey: "Software\Classes\.gpkg\OpenWithProgids"; ValueType: string; ValueName: "ClusterExplorer.gpkg"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\ClusterExplorer.gpkg"; ValueType: string; ValueName: ""; ValueData: "GeoPackage dataset"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\ClusterExplorer.gpkg\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\cluster-explorer.exe,0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\ClusterExplorer.gpkg\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\cluster-explorer.exe"" ""%1"""; Tasks: associate

[Run]
Filename: "{app}\cluster-explorer.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
