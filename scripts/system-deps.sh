#!/usr/bin/env bash
# Install the system libraries careerdocs needs, when we can (root on Debian/Ubuntu);
# otherwise say exactly what to install. Extra package names may be given as arguments
# (.ci/run adds LibreOffice Writer for the DOCX checks).
# Pango and HarfBuzz print the PDFs (WeasyPrint); cairo turns SVG logos into PNG for DOCX.
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libcairo2 fontconfig "$@")

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "careerdocs needs these system libraries (Pango and HarfBuzz, used by WeasyPrint):" >&2
  echo "  ${missing[*]}" >&2
  echo "Install them with your system's package manager, then run the command again." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "careerdocs needs these system packages, which are not installed:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  echo "Run that command, then run make again." >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
