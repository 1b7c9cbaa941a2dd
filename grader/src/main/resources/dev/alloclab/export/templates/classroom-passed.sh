#!/bin/sh
# The pass rule of one exercise, for GitHub Classroom: usage `sh .github/classroom/passed.sh PACKAGE`
# after `mvn test`. Passes (exit 0) when the exercise's visible tests ran and every one passed: none
# failed, and none was skipped as "not started" (a fresh starter's build is green, so green alone
# would give points for untouched stubs). Reads the Surefire reports in target/surefire-reports.
set -u
pkg="$1"
reports="$(ls target/surefire-reports/TEST-dev.alloclab.exercises."$pkg".*.xml 2>/dev/null | grep -v 'StudentTest\.xml$')"
if [ -z "$reports" ]; then
  echo "$pkg: no visible test ran. Run 'mvn test' and fix the first error it shows."
  exit 1
fi
if grep -q -E '<(failure|error)[ >/]' $reports; then
  echo "$pkg: a visible test fails. Run 'mvn test' to see which one and why."
  exit 1
fi
if grep -q '<skipped' $reports; then
  echo "$pkg: not finished yet: some visible tests are still skipped as \"not started\" (mvn test names the methods to write)."
  exit 1
fi
echo "$pkg: every visible test passes."
