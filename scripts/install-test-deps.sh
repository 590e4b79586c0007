#!/usr/bin/env bash
# Installs the programs the test-suite uses to check s75's output from the
# outside: pdftotext (poppler-utils) and qpdf for PDF packs, Chromium for the
# HTML reports, LibreOffice Writer (soffice) for the numbers a .docx displays
# and the tracked changes of a Word redline, `script` (bsdutils) to give a
# command a terminal, and Neovim (nvim) as a real editor for `s75 lsp`.
# Idempotent; skips what is already installed.
set -euo pipefail

need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v script >/dev/null 2>&1 || need+=(bsdutils)
command -v nvim >/dev/null 2>&1 || need+=(neovim)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
