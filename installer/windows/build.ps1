<#
.SYNOPSIS
    Build sv-desktop for Windows: the app folder, the Inno Setup installer and the MSI.

.DESCRIPTION
    Runs on a Windows 10 or 11 x64 build machine (PyInstaller cannot cross-build) that has:
      - Python 3.11 x64 with the py launcher (python.org installer);
      - Inno Setup 6.3 or later (ISCC.exe on PATH or in its default folder), unless -SkipInno;
      - WiX Toolset v4: `dotnet tool install --global wix --version 4.0.6` (needs the .NET 6 SDK or
        later), unless -SkipMsi.
    Steps: create .venv if needed and install sv-desktop with its `dist` extra; read the version from
    sv_desktop.__version__ (nothing here is edited for a release); run PyInstaller with
    installer\sv-desktop.spec; check the executables' file version and run the console executable
    headless (demo data, then a PDF pack); build the Inno Setup installer; list the app folder for WiX
    (harvest_wix.py) and build the MSI.

    Outputs, under the repository's dist\ folder:
      sv-desktop\                          the app folder (sv-desktop.exe, sv-desktop-cli.exe, _internal\)
      installer\sv-desktop-X.Y.Z-setup.exe  Inno Setup installer (per-user or per-machine)
      installer\sv-desktop-X.Y.Z-x64.msi    MSI (per-machine) for Intune or Configuration Manager

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#>
[CmdletBinding()]
param(
    [switch]$SkipInno,
    [switch]$SkipMsi
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$AppName = 'sv-desktop'
$GuiExe = 'sv-desktop.exe'
$CliExe = 'sv-desktop-cli.exe'

function Invoke-Checked {
    # Native programs report failure through their exit code, which PowerShell does not turn into an error.
    param([Parameter(Mandatory)][string]$Program, [string[]]$Arguments = @())
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "$Program $($Arguments -join ' ') failed with exit code $LASTEXITCODE"
    }
}

function Find-Iscc {
    $onPath = Get-Command 'ISCC.exe' -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    $candidates = @(
        (Join-Path ${env:ProgramFiles(x86)} 'Inno Setup 6\ISCC.exe'),
        (Join-Path $env:ProgramFiles 'Inno Setup 6\ISCC.exe'),
        (Join-Path $env:LOCALAPPDATA 'Programs\Inno Setup 6\ISCC.exe')
    )
    foreach ($candidate in $candidates) {
        if (Test-Path $candidate) { return $candidate }
    }
    throw 'Inno Setup 6 (ISCC.exe) was not found: install Inno Setup 6.3 or later, or run with -SkipInno.'
}

$Root = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
Push-Location $Root
try {
    # 1. The build environment.
    $Python = Join-Path $Root '.venv\Scripts\python.exe'
    if (-not (Test-Path $Python)) {
        Invoke-Checked 'py' @('-3.11', '-m', 'venv', '.venv')
    }
    Invoke-Checked $Python @('-m', 'pip', 'install', '--quiet', '--upgrade', 'pip')
    Invoke-Checked $Python @('-m', 'pip', 'install', '--quiet', '-e', '.[dist]')

    # 2. The version, from the package itself.
    $Version = (& $Python -c 'import sv_desktop; print(sv_desktop.__version__)' | Out-String).Trim()
    if ($LASTEXITCODE -ne 0 -or $Version -notmatch '^\d+\.\d+\.\d+$') {
        throw "sv_desktop.__version__ must be X.Y.Z for the Windows installers, not '$Version'."
    }
    Write-Host "Building $AppName $Version"

    # 3. The app folder.
    Invoke-Checked $Python @('-m', 'PyInstaller', '--noconfirm', '--clean', '--distpath', 'dist',
                             '--workpath', 'build', 'installer\sv-desktop.spec')
    $AppDir = Join-Path $Root "dist\$AppName"
    foreach ($exe in @($GuiExe, $CliExe)) {
        $fileVersion = (Get-Item (Join-Path $AppDir $exe)).VersionInfo.FileVersion
        if ($fileVersion -ne "$Version.0") {
            throw "$exe has file version '$fileVersion', expected '$Version.0'."
        }
    }

    # 4. Smoke test: the console executable prints, loads the worked examples and writes a PDF pack.
    $Cli = Join-Path $AppDir $CliExe
    $printed = (& $Cli --version | Out-String).Trim()
    if ($printed -ne "$AppName $Version") { throw "$CliExe --version printed '$printed'." }
    $Scratch = Join-Path ([System.IO.Path]::GetTempPath()) "sv-desktop-build-$PID"
    New-Item -ItemType Directory -Force -Path $Scratch | Out-Null
    try {
        $Data = Join-Path $Scratch 'data'
        Invoke-Checked $Cli @('--data-dir', $Data, 'demo')
        # Assign before wrapping: Windows PowerShell's ConvertFrom-Json passes a JSON array on as one object.
        $Listed = (& $Cli --data-dir $Data list --json | Out-String) | ConvertFrom-Json
        if ($LASTEXITCODE -ne 0) { throw "$CliExe list failed with exit code $LASTEXITCODE" }
        $Tenders = @($Listed)
        if ($Tenders.Count -eq 0) { throw "$CliExe demo loaded no worked examples." }
        $Pack = Join-Path $Scratch 'pack.pdf'
        Invoke-Checked $Cli @('--data-dir', $Data, 'pack', $Tenders[0].reference, '--out', $Pack)
        $head = [System.Text.Encoding]::ASCII.GetString([System.IO.File]::ReadAllBytes($Pack), 0, 5)
        if ($head -ne '%PDF-') { throw "The frozen app wrote $Pack, but it is not a PDF." }
    }
    finally {
        Remove-Item -Recurse -Force $Scratch -ErrorAction SilentlyContinue
    }

    $OutDir = Join-Path $Root 'dist\installer'
    New-Item -ItemType Directory -Force -Path $OutDir | Out-Null
    $Built = @()

    # 5. Inno Setup installer.
    if (-not $SkipInno) {
        $Iscc = Find-Iscc
        Invoke-Checked $Iscc @("/DAppVersion=$Version", "/DDistDir=$AppDir", "/O$OutDir",
                               'installer\windows\sv-desktop.iss')
        $Built += Join-Path $OutDir "$AppName-$Version-setup.exe"
    }

    # 6. MSI (WiX v4).
    if (-not $SkipMsi) {
        if (-not (Get-Command 'wix' -ErrorAction SilentlyContinue)) {
            throw 'WiX Toolset v4 was not found: dotnet tool install --global wix --version 4.0.6, or run with -SkipMsi.'
        }
        $wixVersion = (& wix --version | Out-String).Trim()
        if ($LASTEXITCODE -ne 0 -or -not $wixVersion.StartsWith('4.')) {
            throw "WiX Toolset v4 is needed (found '$wixVersion'): dotnet tool install --global wix --version 4.0.6"
        }
        $Fragment = Join-Path $Root 'build\wix\AppFiles.wxs'
        Invoke-Checked $Python @('installer\windows\harvest_wix.py', $AppDir, $Fragment)
        $Msi = Join-Path $OutDir "$AppName-$Version-x64.msi"
        Invoke-Checked 'wix' @('build', '-arch', 'x64', '-d', "Version=$Version", '-d', "AppDir=$AppDir",
                               '-o', $Msi, 'installer\windows\sv-desktop.wxs', $Fragment)
        $Built += $Msi
    }

    $size = (Get-ChildItem -Recurse -File $AppDir | Measure-Object -Sum Length).Sum / 1MB
    Write-Host ("App folder: {0} ({1:N0} MB)" -f $AppDir, $size)
    foreach ($file in $Built) {
        $hash = (Get-FileHash -Algorithm SHA256 $file).Hash
        Write-Host "Built $file`n  SHA-256 $hash"
    }
}
finally {
    Pop-Location
}
