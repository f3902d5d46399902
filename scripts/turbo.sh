#!/bin/sh
# Runs turbo with every tool's telemetry and update checks off; turbo passes these on to the tasks.
export TURBO_TELEMETRY_DISABLED=1 REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
exec turbo "$@"
