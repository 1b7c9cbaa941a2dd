#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image (an Ubuntu container, as root).
# alloclab needs a JDK 17 or newer and nothing else: the kit comes built, in lib/ (no Maven, which would
# only make the image bigger and its build slower).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends openjdk-17-jdk-headless
java -version
chmod +x /autograder/source/run_autograder
