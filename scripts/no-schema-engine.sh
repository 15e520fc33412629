#!/bin/sh
# Placeholder for the native schema engine, which generate never runs.
exit 1
