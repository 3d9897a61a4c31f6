; Inno Setup script for sv-desktop (Inno Setup 6.3 or later). Built by installer\windows\build.ps1:
;
;   ISCC.exe /DAppVersion=X.Y.Z /DDistDir=...\dist\sv-desktop /O...\dist\installer installer\windows\sv-desktop.iss
;
; Per-user by default, without administrator rights (into %LOCALAPPDATA%\Programs\sv-desktop); per-machine
; (into C:\Program Files\sv-desktop) with /ALLUSERS or by choosing "all users" in the dialog. Silent:
;
;   sv-desktop-X.Y.Z-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/ALLUSERS] [/DEFAULTS="C:\path\sv-desktop-defaults.json"]
;
; /DEFAULTS copies a machine-wide settings preset beside the executable (see docs/deployment.md).
; Uninstalling removes the program folder only: the user's tenders, backups and settings stay in
; %LOCALAPPDATA%\sv-desktop, so reinstalling or upgrading never loses work.

#define AppName "sv-desktop"
#define GuiExe "sv-desktop.exe"
#define CliExe "sv-desktop-cli.exe"
#define Publisher "sv-desktop contributors"

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z to ISCC (build.ps1 reads it from sv_desktop.__version__)
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\sv-desktop"
#endif
#if !FileExists(DistDir + "\" + GuiExe) || !FileExists(DistDir + "\" + CliExe)
  #error The app folder is not built: run PyInstaller first (build.ps1 does)
#endif
#if GetVersionNumbersString(DistDir + "\" + GuiExe) != AppVersion + ".0"
  #error The built sv-desktop.exe is not version AppVersion: rebuild the app folder
#endif

[Setup]
; The AppId never changes: Windows and Setup use it to find an installed sv-desktop to upgrade or remove.
AppId={{3A194F05-0BF9-426A-B409-F849FC8EB874}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#Publisher}
AppCopyright=(c) {#Publisher}; MIT licence
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} setup
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir=..\..\dist\installer
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=..\sv-desktop.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; Close a running sv-desktop (it saves as it goes) before replacing its files; do not restart it afterwards.
CloseApplications=yes
CloseApplicationsFilter=*.exe,*.dll,*.pyd
RestartApplications=no
ShowLanguageDialog=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[InstallDelete]
; An upgrade replaces the whole bundle, so no file of an older version is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; A preset left in the build folder is never shipped by accident: it is only installed through /DEFAULTS.
Source: "{#DistDir}\*"; DestDir: "{app}"; Excludes: "\sv-desktop-defaults.json"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{code:DefaultsFile}"; DestDir: "{app}"; DestName: "sv-desktop-defaults.json"; Flags: external ignoreversion; Check: DefaultsGiven

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Comment: "Build social value into NHS tenders"

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function DefaultsGiven(): Boolean;
begin
  Result := ExpandConstant('{param:DEFAULTS}') <> '';
end;

{ The preset named by /DEFAULTS=, as a full path (external files must be named by a full path). }
function DefaultsFile(Param: String): String;
begin
  Result := ExpandFileName(ExpandConstant('{param:DEFAULTS}'));
end;

function InitializeSetup(): Boolean;
var
  Defaults: String;
begin
  Result := True;
  Defaults := DefaultsFile('');
  if DefaultsGiven() and not FileExists(Defaults) then
  begin
    SuppressibleMsgBox('The settings preset given with /DEFAULTS was not found: ' + Defaults +
      '. Nothing was installed.', mbCriticalError, MB_OK, IDOK);
    Result := False;
  end;
end;
