#!/usr/bin/env bash
# Checks docker-compose.yml without a Docker engine: it validates with a dummy .env, and refuses to
# start when .env lacks any one of its keys. Installs Debian's docker-compose when no Compose is found.
set -euo pipefail
cd "$(dirname "$0")/.."

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  if ! command -v docker-compose >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
  fi
  compose=(docker-compose)
fi

keys=(SWITCHBOARD_ADMIN_KEY CREDENTIALS_KEY POSTGRES_PASSWORD PUBLIC_BASE_URL)
dummy_values=(dummy-admin-key-for-validation-only "$(head -c 32 /dev/zero | base64)" dummy
  http://localhost:4000)
env_file=$(mktemp)
trap 'rm -f "$env_file"' EXIT
# Only the .env given counts, not this shell's environment.
config() { env "${keys[@]/#/--unset=}" "${compose[@]}" --env-file "$env_file" config --quiet; }

for i in "${!keys[@]}"; do echo "${keys[i]}=${dummy_values[i]}"; done >"$env_file"
config
for missing in "${keys[@]}"; do
  for i in "${!keys[@]}"; do
    [[ ${keys[i]} == "$missing" ]] || echo "${keys[i]}=${dummy_values[i]}"
  done >"$env_file"
  if config 2>/dev/null; then
    echo "docker-compose.yml starts without $missing in .env" >&2
    exit 1
  fi
done
echo "docker-compose.yml is valid, and refuses to start without any of ${keys[*]}"
