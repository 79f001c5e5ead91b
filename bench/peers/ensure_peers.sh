# bench/peers/ensure_peers.sh, sourced by the benchmarks that run the npm
# peers: installs node when absent and the pinned tiktoken + tokenizers of
# package.json into bench/peers/node_modules on first use, and exports
# NODE_PATH so that scripts elsewhere (../shared/peers, which is read-only
# and has no node_modules) find them too.
#
#   source "$root/bench/peers/ensure_peers.sh"
peers_home="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v node >/dev/null || apt-get install -y -q nodejs npm
if [ ! -d "$peers_home/node_modules/tiktoken" ] || [ ! -d "$peers_home/node_modules/tokenizers" ]; then
  (cd "$peers_home" && npm install --no-audit --no-fund --no-save)
fi
export NODE_PATH="$peers_home/node_modules${NODE_PATH:+:$NODE_PATH}"
