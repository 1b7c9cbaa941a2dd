#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image (an Ubuntu container, as root).
# alloclab needs a JDK 17 or newer; Maven is there for instructors who rebuild the kit in the image.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven
java -version
chmod +x /autograder/source/run_autograder
