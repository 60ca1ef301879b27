; IDG Workshop for Windows: a per-user installer (no administrator rights).
;
;   makensis /V3 /WX /DVERSION=0.1.0 /DPAYLOAD=dist\idg-workshop
;            /DFILES=build\nsis\files.nsh /DOUTFILE=dist\idg-workshop-0.1.0-windows-x64-setup.exe
;            installers\windows\idg-workshop.nsi
;
; build.ps1 does all of that on a Windows machine; check_nsis.sh compiles this
; script on Linux against a stand-in payload. FILES is written by
; payload_list.py from PAYLOAD: it lists every file, so the uninstaller deletes
; exactly those and removes a folder only once it is empty (never RMDir /r).
;
; What is written, all of it for the current user only:
;   $LOCALAPPDATA\Programs\IDG Workshop   the program (or the folder chosen)
;   $SMPROGRAMS\IDG Workshop.lnk          Start-menu entry
;   HKCU\Software\Classes                  .idg and .idgpkg, their ProgIDs
;   HKCU\...\CurrentVersion\Uninstall\IDGWorkshop   Add/Remove Programs
; Never touched, on install or uninstall: the user's data and settings
; (%LOCALAPPDATA%\IDG Workshop, %APPDATA%\IDG Workshop, see idg_desktop/config.py)
; and any .idg or .idgpkg file.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "Pass the version: /DVERSION=x.y.z (build.ps1 reads it from pyproject.toml)"
!endif
!ifndef PAYLOAD
  !error "Pass the frozen folder: /DPAYLOAD=path\to\dist\idg-workshop"
!endif
!ifndef FILES
  !error "Pass the file list: /DFILES=path\to\files.nsh (written by payload_list.py from PAYLOAD)"
!endif
!ifndef OUTFILE
  !define OUTFILE "idg-workshop-${VERSION}-windows-x64-setup.exe"
!endif
!ifndef VERSION_QUAD
  ; x.y.z -> x.y.z.0 for the file's version resource (build.ps1 passes it for other shapes)
  !searchparse "${VERSION}" "" VER_MAJOR "." VER_MINOR "." VER_PATCH
  !define VERSION_QUAD "${VER_MAJOR}.${VER_MINOR}.${VER_PATCH}.0"
!endif
!ifndef PUBLISHER
  !define PUBLISHER "IDG Workshop project"
!endif

!include "${FILES}"

; Authenticode, only when build.ps1 is given a certificate (WINDOWS_SIGN_SHA1):
; /DSIGN_TOOL=path\to\signtool.exe /DSIGN_ARGS="sign /sha1 ... /fd sha256 ...".
; The setup program and the uninstaller it writes are signed as makensis
; finishes them. Without it both are unsigned (see installers/README.md).
!ifdef SIGN_TOOL
  !ifndef SIGN_ARGS
    !define SIGN_ARGS ""
  !endif
  !finalize '"${SIGN_TOOL}" ${SIGN_ARGS} "%1"' = 0
  !uninstfinalize '"${SIGN_TOOL}" ${SIGN_ARGS} "%1"' = 0
!endif

!define APP_NAME "IDG Workshop"
!define APP_EXE "idg-desktop.exe"
!define UNINSTALLER "uninstall.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\IDGWorkshop"
!define CLASSES "Software\Classes"
!define PROGID_IDG "IDGWorkshop.Assessment"
!define PROGID_PKG "IDGWorkshop.Package"
!define SHORTCUT "$SMPROGRAMS\${APP_NAME}.lnk"
!define SHCNE_ASSOCCHANGED 0x08000000
!define SHCNF_IDLIST 0

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=1033 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP_NAME} ${VERSION} setup (per user)"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ABORTWARNING
; The application's mark (resources/icons, made by installers/make_icons.py), else NSIS's own.
!if /FileExists "${__FILEDIR__}\..\..\resources\icons\idg-workshop.ico"
  !define MUI_ICON "${__FILEDIR__}\..\..\resources\icons\idg-workshop.ico"
!else
  !define MUI_ICON "${NSISDIR}\Contrib\Graphics\Icons\modern-install.ico"
!endif
!define MUI_UNICON "${NSISDIR}\Contrib\Graphics\Icons\modern-uninstall.ico"
!define MUI_WELCOMEPAGE_TEXT "This installs ${APP_NAME} ${VERSION} for you only: no administrator rights are needed and nothing is downloaded.$\r$\n$\r$\nUse the same version on every laptop of a workshop: a file made by a newer version is refused by an older one.$\r$\n$\r$\nClick Next to continue."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP_NAME}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "${APP_NAME} will be removed from the folder below. Your assessments (.idg files), packages (.idgpkg) and your data and settings folders are kept."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; ---------------------------------------------------------------- shared ---

; Windows keeps a running program's .exe locked: opening it to append fails.
!macro LOCKED_BY_A_RUNNING_COPY EXE
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    ClearErrors
    FileOpen $0 "$INSTDIR\${EXE}" a
    ${If} ${Errors}
      StrCpy $1 "${EXE}"
    ${Else}
      FileClose $0
    ${EndIf}
  ${EndIf}
!macroend

; Wait until the program files can be replaced (no copy running from
; $INSTDIR). Aborts when the user gives up (or at once when silent).
!macro WAIT_UNTIL_CLOSED UN
Function ${UN}WaitUntilClosed
  retry:
  StrCpy $1 ""
  !insertmacro LOCKED_BY_A_RUNNING_COPY "${APP_EXE}"
  !insertmacro LOCKED_BY_A_RUNNING_COPY "idg.exe"
  ${If} $1 == ""
    Return
  ${EndIf}
  MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME} is running from $INSTDIR ($1). Close every ${APP_NAME} window (your work is saved as you type), then click Retry." /SD IDCANCEL IDRETRY retry
  Abort
FunctionEnd
!macroend
!insertmacro WAIT_UNTIL_CLOSED ""
!insertmacro WAIT_UNTIL_CLOSED "un."

; Register one extension: the extension names the ProgID, which opens it.
!macro ASSOCIATE EXT PROGID DESCRIPTION
  WriteRegStr HKCU "${CLASSES}\${PROGID}" "" "${DESCRIPTION}"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  WriteRegStr HKCU "${CLASSES}\${EXT}" "" "${PROGID}"
  WriteRegStr HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "${CLASSES}\Applications\${APP_EXE}\SupportedTypes" "${EXT}" ""
!macroend

; Unregister one extension, but only what still points to this installation:
; another program (or another copy of this one) that took the extension over
; keeps it.
!macro UNASSOCIATE EXT PROGID
  ReadRegStr $0 HKCU "${CLASSES}\${PROGID}\shell\open\command" ""
  ${If} $0 == '"$INSTDIR\${APP_EXE}" "%1"'
    DeleteRegKey HKCU "${CLASSES}\${PROGID}"
    DeleteRegValue HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${PROGID}"
    DeleteRegKey /ifempty HKCU "${CLASSES}\${EXT}\OpenWithProgids"
    ReadRegStr $1 HKCU "${CLASSES}\${EXT}" ""
    ${If} $1 == "${PROGID}"
      DeleteRegValue HKCU "${CLASSES}\${EXT}" ""
    ${EndIf}
    DeleteRegKey /ifempty HKCU "${CLASSES}\${EXT}"
  ${EndIf}
!macroend

; -------------------------------------------------------------- install ---

Function .onVerifyInstDir
  ; Never install into the user's data or settings folder (idg_desktop/config.py).
  ${If} $INSTDIR == "$LOCALAPPDATA\${APP_NAME}"
  ${OrIf} $INSTDIR == "$APPDATA\${APP_NAME}"
    Abort
  ${EndIf}
FunctionEnd

Section "${APP_NAME}" SecProgram
  SectionIn RO

  ; An earlier version: its own uninstaller removes its own files first (in
  ; place, silently, waiting), so no file of it is left behind.
  ReadRegStr $R0 HKCU "${UNINST_KEY}" "InstallLocation"
  ${If} $R0 != ""
  ${AndIf} ${FileExists} "$R0\${UNINSTALLER}"
    Push $INSTDIR
    StrCpy $INSTDIR $R0
    Call WaitUntilClosed
    Pop $INSTDIR
    DetailPrint "Removing the earlier version from $R0"
    ExecWait '"$R0\${UNINSTALLER}" /S _?=$R0'
    Delete "$R0\${UNINSTALLER}"
    RMDir "$R0"
  ${EndIf}
  Call WaitUntilClosed

  !insertmacro IDG_INSTALL_PAYLOAD
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "${SHORTCUT}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 \
    SW_SHOWNORMAL "" "Run integrity-assessment workshops (WCO Integrity Development Guide)"

  !insertmacro ASSOCIATE ".idg" "${PROGID_IDG}" "IDG Workshop assessment"
  !insertmacro ASSOCIATE ".idgpkg" "${PROGID_PKG}" "IDG Workshop package"
  System::Call 'shell32::SHChangeNotify(i ${SHCNE_ASSOCCHANGED}, i ${SHCNF_IDLIST}, p 0, p 0)'

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" ${PAYLOAD_SIZE_KB}
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

; ------------------------------------------------------------ uninstall ---

Section "Uninstall"
  Call un.WaitUntilClosed

  !insertmacro UNASSOCIATE ".idg" "${PROGID_IDG}"
  !insertmacro UNASSOCIATE ".idgpkg" "${PROGID_PKG}"
  ; The Start-menu entry and the Add/Remove entry belong to the copy the
  ; registry names; an older copy elsewhere leaves them to the newer one.
  ReadRegStr $R8 HKCU "${UNINST_KEY}" "InstallLocation"
  ${If} $R8 == $INSTDIR
    DeleteRegKey HKCU "${CLASSES}\Applications\${APP_EXE}"
    Delete "${SHORTCUT}"
  ${EndIf}
  System::Call 'shell32::SHChangeNotify(i ${SHCNE_ASSOCCHANGED}, i ${SHCNF_IDLIST}, p 0, p 0)'

  ; Exactly the files this installer put there; folders only once empty.
  !insertmacro IDG_UNINSTALL_PAYLOAD
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  ${If} $R8 == $INSTDIR
    DeleteRegKey HKCU "${UNINST_KEY}"
  ${EndIf}
SectionEnd
