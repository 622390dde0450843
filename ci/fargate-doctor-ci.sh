#!/bin/sh
# Runs fargate-doctor in a CI job the same way for the GitHub Action (action.yml), the GitLab
# job (ci/gitlab/fargate-doctor.gitlab-ci.yml) and any other CI: diagnose the paths, write the
# SARIF report for code scanning, print the text report to the job log (and the Markdown report
# where the CI shows a summary), and exit with fargate-doctor's own exit code:
# 0 nothing at or above FD_FAIL_ON, 1 found, 2 usage error or unreadable input, 3 inconclusive.
#
# Environment, all optional:
#   FD_PATHS    files or folders to diagnose, space-separated (default: .)
#   FD_ARGS     more diagnose options, e.g. "--cluster prod --select NET,IAM"
#   FD_FAIL_ON  blocker (default), warning or never
#   FD_SARIF    the SARIF file to write (default: fargate-doctor.sarif)
#   FD_SUMMARY  a file to append the Markdown report to (GitHub: $GITHUB_STEP_SUMMARY)
#   FD_BIN      the fargate-doctor to run (default: fargate-doctor on PATH)
set -u
bin=${FD_BIN:-fargate-doctor}
fail_on=${FD_FAIL_ON:-blocker}
sarif=${FD_SARIF:-fargate-doctor.sarif}
# FD_PATHS and FD_ARGS are lists: word splitting is intended.
diagnose() { "$bin" diagnose ${FD_PATHS:-.} ${FD_ARGS:-} --fail-on "$fail_on" "$@"; }

diagnose --format sarif --output "$sarif"
rc=$?
# An error is already explained on stderr, in one line.
[ "$rc" = 2 ] && exit 2
diagnose --no-color
if [ -n "${FD_SUMMARY:-}" ]; then diagnose --format markdown >> "$FD_SUMMARY"; fi
echo "fargate-doctor: exit code $rc (0: nothing at or above --fail-on $fail_on, 1: found," \
     "3: inconclusive); SARIF report in $sarif"
exit "$rc"
