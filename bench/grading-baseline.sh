#!/usr/bin/env bash
# The Maven baseline for the grader's speed target (docs/performance.md, "Grading"): makes DIR a
# standalone Maven project holding SUBMISSION (the starter's pom, from `alloclab export-starter`) and,
# with --with-hidden, the hidden suites as ordinary tests plus JaCoCo: the same work `alloclab grade`
# does, done the Maven way. Then time it yourself, e.g.
#   bench/grading-baseline.sh solutions /tmp/baseline --with-hidden
#   cd /tmp/baseline && for i in 1 2 3; do rm -rf target; /usr/bin/time -f "%e s" mvn -B -q -o verify; done
# Needs the kit built (./alloclab builds it on first use). Not part of the kit's runtime or tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -lt 2 ]; then
  echo "usage: bench/grading-baseline.sh SUBMISSION DIR [--with-hidden]" >&2
  exit 2
fi
submission="$(cd "$1" && pwd)"
out="$2"
with_hidden="${3:-}"
if [ -e "$out" ]; then
  echo "grading-baseline: $out already exists; give a new folder" >&2
  exit 2
fi
"$root/alloclab" export-starter "$out" >/dev/null
rm -rf "$out/src"
cp -r "$submission/src" "$out/src"
if [ "$with_hidden" = --with-hidden ]; then
  hidden="$root/grader/src/main/hidden"
  grep -v '^#' "$hidden/index.txt" | while read -r line; do
    [ -z "$line" ] && continue
    pkg="${line%%/*}"
    file="${line#*/}"
    dest="$out/src/test/java/dev/alloclab/hidden/$pkg"
    mkdir -p "$dest"
    if [ "${file#@}" != "$file" ]; then
      sed "s/^package dev.alloclab.hidden.shared;/package dev.alloclab.hidden.$pkg;/" "$hidden/_shared/${file#@}" > "$dest/${file#@}"
    else
      cp "$hidden/$pkg/$file" "$dest/$file"
    fi
  done
  # hidden suites end in HiddenTest: Surefire's default includes (*Test) pick them up; add JaCoCo like the grader
  jacoco_version="$(sed -n 's:.*<jacoco.version>\(.*\)</jacoco.version>.*:\1:p' "$root/pom.xml" | head -1)"
  python3 - "$out/pom.xml" "$jacoco_version" <<'PY'
import sys
path, version = sys.argv[1], sys.argv[2]
pom = open(path).read()
plugin = f"""      <plugin>
        <groupId>org.jacoco</groupId>
        <artifactId>jacoco-maven-plugin</artifactId>
        <version>{version}</version>
        <executions>
          <execution><id>agent</id><goals><goal>prepare-agent</goal></goals></execution>
          <execution><id>report</id><phase>verify</phase><goals><goal>report</goal></goals></execution>
        </executions>
      </plugin>
    </plugins>
  </build>"""
i = pom.rindex("    </plugins>\n  </build>")
pom = pom[:i] + plugin + pom[i + len("    </plugins>\n  </build>"):]
open(path, "w").write(pom)
PY
fi
echo "grading-baseline: wrote $out"
