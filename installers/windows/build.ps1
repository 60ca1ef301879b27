# Build the Windows installer on a Windows machine (x64) with Python 3.11 and NSIS 3.
#
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1
#
# 1. a build virtual environment (.venv-build) with the project and its
#    "build" extra (PyInstaller);
# 2. pyinstaller installers\idg-workshop.spec -> dist\idg-workshop\ (idg-desktop.exe, idg.exe);
# 3. the frozen idg.exe answers --version with the version of pyproject.toml;
# 4. payload_list.py lists the frozen files for the installer and its uninstaller;
# 5. makensis -> dist\idg-workshop-VERSION-windows-x64-setup.exe
#
# Signing (Authenticode), only when WINDOWS_SIGN_SHA1 names a code-signing
# certificate in the user's store (signtool from the Windows SDK): the two
# programs, the setup program and its uninstaller; timestamped by
# WINDOWS_SIGN_TIMESTAMP_URL (default http://timestamp.digicert.com).
# Without it everything is unsigned.
#
# Options: -Python <path to a Python 3.11 python.exe> (default: "py -3.11", else "python"),
#          -SkipFreeze (reuse dist\idg-workshop), -MakeNsis <path to makensis.exe>.
# Written for a Windows machine; it was not run on the machine where it was
# written (see installers\README.md).

[CmdletBinding()]
param(
    [string]$Python = "",
    [switch]$SkipFreeze,
    [string]$MakeNsis = ""
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root

function Invoke-Checked {
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "$Exe $($Arguments -join ' ') failed with exit status $LASTEXITCODE"
    }
}

# The version, from pyproject.toml (one place for it).
$Version = $null
foreach ($line in Get-Content (Join-Path $Root "pyproject.toml")) {
    if ($line -match '^version\s*=\s*"([^"]+)"') { $Version = $Matches[1]; break }
}
if (-not $Version) { throw "no version in pyproject.toml" }
# x.y.z[.w] for the setup file's version resource; a suffix (rc1, .dev0) is dropped there.
$Numbers = @([regex]::Matches($Version, '\d+') | Select-Object -First 4 | ForEach-Object { $_.Value })
while ($Numbers.Count -lt 4) { $Numbers += "0" }
$VersionQuad = $Numbers -join "."
Write-Host "IDG Workshop $Version ($VersionQuad)"

$Dist = Join-Path $Root "dist"
$Payload = Join-Path $Dist "idg-workshop"
$Venv = Join-Path $Root ".venv-build"
$VenvPython = Join-Path $Venv "Scripts\python.exe"

if (-not $SkipFreeze) {
    if (-not (Test-Path $VenvPython)) {
        if ($Python) {
            Invoke-Checked $Python @("-m", "venv", $Venv)
        } elseif (Get-Command py -ErrorAction SilentlyContinue) {
            Invoke-Checked "py" @("-3.11", "-m", "venv", $Venv)
        } else {
            Invoke-Checked "python" @("-m", "venv", $Venv)
        }
    }
    Invoke-Checked $VenvPython @("-c", "import sys; assert sys.version_info[:2] == (3, 11), sys.version")
    Invoke-Checked $VenvPython @("-m", "pip", "install", "--upgrade", "pip")
    Invoke-Checked $VenvPython @("-m", "pip", "install", "-e", ".[build]")
    Invoke-Checked $VenvPython @("-m", "PyInstaller", "--noconfirm", "--clean",
        "--distpath", $Dist, "--workpath", (Join-Path $Root "build\pyinstaller"),
        (Join-Path $Root "installers\idg-workshop.spec"))
} elseif (-not (Test-Path $VenvPython)) {
    $VenvPython = if ($Python) { $Python } else { "python" }
}

foreach ($program in @("idg-desktop.exe", "idg.exe")) {
    if (-not (Test-Path (Join-Path $Payload $program))) { throw "no $program in $Payload" }
}
$Said = (& (Join-Path $Payload "idg.exe") --version | Out-String).Trim()
if ($LASTEXITCODE -ne 0 -or $Said -notmatch [regex]::Escape($Version)) {
    throw "the frozen idg.exe --version said '$Said', expected $Version"
}
Write-Host "frozen: $Said"

# makensis: the one given, the one on the PATH, or NSIS's default place.
if (-not $MakeNsis) {
    $found = Get-Command makensis -ErrorAction SilentlyContinue
    if ($found) {
        $MakeNsis = $found.Source
    } else {
        foreach ($base in @(${env:ProgramFiles(x86)}, $env:ProgramFiles)) {
            if ($base -and (Test-Path (Join-Path $base "NSIS\makensis.exe"))) {
                $MakeNsis = Join-Path $base "NSIS\makensis.exe"; break
            }
        }
    }
}
if (-not $MakeNsis) { throw "makensis not found: install NSIS 3 (https://nsis.sourceforge.io) or pass -MakeNsis" }

$Signing = @()
if ($env:WINDOWS_SIGN_SHA1) {
    $SignTool = (Get-Command signtool -ErrorAction SilentlyContinue)
    if (-not $SignTool) { throw "WINDOWS_SIGN_SHA1 is set but signtool is not on the PATH" }
    $Stamp = if ($env:WINDOWS_SIGN_TIMESTAMP_URL) { $env:WINDOWS_SIGN_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
    $SignArgs = @("sign", "/sha1", $env:WINDOWS_SIGN_SHA1, "/fd", "sha256", "/tr", $Stamp, "/td", "sha256")
    foreach ($program in @("idg-desktop.exe", "idg.exe")) {
        Invoke-Checked $SignTool.Source ($SignArgs + @((Join-Path $Payload $program)))
    }
    # two plain arguments (no quotes inside): the script puts the quotes itself
    $Signing = @("/DSIGN_TOOL=$($SignTool.Source)", "/DSIGN_ARGS=$($SignArgs -join ' ')")
    Write-Host "signing with certificate $env:WINDOWS_SIGN_SHA1"
} else {
    Write-Host "not signed (WINDOWS_SIGN_SHA1 not set): SmartScreen will warn on first run"
}

$Files = Join-Path $Root "build\nsis\files.nsh"
Invoke-Checked $VenvPython @((Join-Path $PSScriptRoot "payload_list.py"), $Payload, $Files)

$Setup = Join-Path $Dist "idg-workshop-$Version-windows-x64-setup.exe"
Invoke-Checked $MakeNsis (@("/V3", "/WX", "/NOCD",
    "/DVERSION=$Version", "/DVERSION_QUAD=$VersionQuad",
    "/DPAYLOAD=$Payload", "/DFILES=$Files", "/DOUTFILE=$Setup") + $Signing + @(
    (Join-Path $PSScriptRoot "idg-workshop.nsi")))

$Size = [math]::Round((Get-Item $Setup).Length / 1MB, 1)
Write-Host "wrote $Setup ($Size MB)"
