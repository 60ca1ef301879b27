# Install, check and uninstall the setup program silently, as the current user.
#
#   powershell -ExecutionPolicy Bypass -File installers\windows\smoke.ps1 dist\idg-workshop-VERSION-windows-x64-setup.exe
#
# For a Windows machine (the hosted CI's windows-latest runs it); it changes
# this user's file associations for .idg/.idgpkg while it runs. Checks: the
# files, the associations, the Add/Remove entry and the Start-menu entry are
# there; the installed idg.exe answers --version; after the uninstaller, the
# program is gone, a user's .idg file left in the program folder and the data
# folder are still there, and an association another program took over is kept.

param([Parameter(Mandatory = $true)][string]$Setup)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

function Check([bool]$Condition, [string]$What) {
    if (-not $Condition) { throw "smoke: FAILED: $What" }
    Write-Host "smoke: ok: $What"
}
function Default-Of([string]$Key) {
    $item = Get-Item -Path $Key -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    return $item.GetValue("")
}

$Setup = (Resolve-Path $Setup).Path
$Temp = if ($env:RUNNER_TEMP) { $env:RUNNER_TEMP } else { [IO.Path]::GetTempPath() }
$Target = Join-Path $Temp "IDG Workshop smoke"
$Classes = "HKCU:\Software\Classes"
$Uninst = "HKCU:\Software\Microsoft\Windows\CurrentVersion\Uninstall\IDGWorkshop"
$Shortcut = Join-Path ([Environment]::GetFolderPath("Programs")) "IDG Workshop.lnk"
$Data = Join-Path $env:LOCALAPPDATA "IDG Workshop"
New-Item -ItemType Directory -Force -Path $Data | Out-Null
$Kept = Join-Path $Data "smoke-kept.idg"
Set-Content -Path $Kept -Value "a user's assessment"

# /D= must come last and unquoted (NSIS's rule), even with spaces.
$run = Start-Process -FilePath $Setup -ArgumentList "/S /D=$Target" -Wait -PassThru
Check ($run.ExitCode -eq 0) "silent install exits 0 (was $($run.ExitCode))"
foreach ($f in @("idg-desktop.exe", "idg.exe", "uninstall.exe")) {
    Check (Test-Path (Join-Path $Target $f)) "$f installed"
}
$Open = "`"$Target\idg-desktop.exe`" `"%1`""
Check ((Default-Of "$Classes\.idg") -eq "IDGWorkshop.Assessment") ".idg names IDGWorkshop.Assessment"
Check ((Default-Of "$Classes\.idgpkg") -eq "IDGWorkshop.Package") ".idgpkg names IDGWorkshop.Package"
Check ((Default-Of "$Classes\IDGWorkshop.Assessment\shell\open\command") -eq $Open) "the open command is $Open"
Check ((Get-ItemProperty $Uninst).InstallLocation -eq $Target) "Add/Remove entry names the folder"
Check (Test-Path $Shortcut) "Start-menu entry"
$Said = (& (Join-Path $Target "idg.exe") --version | Out-String).Trim()
Check ($LASTEXITCODE -eq 0 -and $Said -like "IDG Workshop *") "installed idg.exe --version: $Said"

# A file the user saved into the program folder, and .idgpkg taken over by another program.
$Mine = Join-Path $Target "my-notes.idg"
Set-Content -Path $Mine -Value "the user's"
Set-Item -Path "$Classes\IDGWorkshop.Package\shell\open\command" -Value '"C:\Other\other.exe" "%1"'

$run = Start-Process -FilePath (Join-Path $Target "uninstall.exe") -ArgumentList "/S" -Wait -PassThru
Check ($run.ExitCode -eq 0) "silent uninstall exits 0"
# The uninstaller runs from a copy in %TEMP%: wait for it to finish its work.
for ($i = 0; $i -lt 60 -and (Test-Path (Join-Path $Target "uninstall.exe")); $i++) { Start-Sleep 1 }
Check (-not (Test-Path (Join-Path $Target "idg-desktop.exe"))) "idg-desktop.exe removed"
Check (-not (Test-Path (Join-Path $Target "uninstall.exe"))) "uninstall.exe removed"
Check (-not (Test-Path (Join-Path $Target "_internal"))) "_internal removed"
Check (Test-Path $Mine) "the user's .idg file in the program folder is kept"
Check (@(Get-ChildItem -Force $Target).Count -eq 1) "nothing else is left in the program folder"
Check (Test-Path $Kept) "the data folder and its .idg file are kept"
Check ($null -eq (Get-Item "$Classes\IDGWorkshop.Assessment" -ErrorAction SilentlyContinue)) "ProgID removed"
Check ((Default-Of "$Classes\.idg") -ne "IDGWorkshop.Assessment") ".idg no longer names it"
Check ($null -ne (Get-Item "$Classes\IDGWorkshop.Package" -ErrorAction SilentlyContinue)) "a ProgID another program took over is kept"
Check ($null -eq (Get-Item $Uninst -ErrorAction SilentlyContinue)) "Add/Remove entry removed"
Check (-not (Test-Path $Shortcut)) "Start-menu entry removed"

Remove-Item -Recurse -Force "$Classes\IDGWorkshop.Package", "$Classes\.idgpkg" -ErrorAction SilentlyContinue
Remove-Item -Force $Mine, $Kept
Write-Host "smoke: the installer installs, associates and uninstalls as described"
