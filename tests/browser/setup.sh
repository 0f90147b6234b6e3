#!/usr/bin/env bash
# Idempotent set-up of the browser tests (used by scripts/test.sh; reused by every browser
# test): Debian's chromium, a CJK font so that Chinese text renders in screenshots and PDFs,
# and the pinned npm packages (playwright-core, which drives the installed chromium and
# downloads no browser). Each step runs only when what it provides is missing or stale.
set -euo pipefail
cd "$(dirname "$0")"

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
fc-list :lang=zh family 2>/dev/null | grep -q . || packages+=(fonts-wqy-microhei)
if [ ${#packages[@]} -gt 0 ]; then
    echo "installing ${packages[*]}"
    apt-get update
    apt-get install -y --no-install-recommends "${packages[@]}"
fi

# npm ci when node_modules is missing or was installed from another lock file.
if ! cmp -s package-lock.json node_modules/.cmmm-installed-lock 2>/dev/null; then
    npm ci --no-audit --no-fund
    cp package-lock.json node_modules/.cmmm-installed-lock
fi
