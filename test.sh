#!/usr/bin/env bash
# Runs every test project of the solution (unit, API, integration against real BIND/Knot).
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet test BetterDns.sln --nologo "$@"
