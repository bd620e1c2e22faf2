#!/usr/bin/env bash
# Runs the benchmark suites matching a filter in Release and rewrites each suite's section of docs/benchmarks.md.
#
#   benchmarks/run.sh '*IdBenchmarks*'
#
# Every suite runs BenchmarkDotNet's short job (1 launch, 3 warm-up and 3 measured iterations) so a suite takes a
# couple of minutes; pass extra BenchmarkDotNet arguments after the filter (for example --job medium) for steadier
# figures. Each benchmark class owns the section between its two markers in docs/benchmarks.md, so refreshing one
# suite leaves the others alone.
set -euo pipefail

if [[ $# -lt 1 || -z "$1" ]]; then
  echo "usage: benchmarks/run.sh <filter> [BenchmarkDotNet arguments...]   e.g. benchmarks/run.sh '*IdBenchmarks*'" >&2
  exit 2
fi

filter="$1"
shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
artifacts="$root/artifacts/benchmarks"
doc="$root/docs/benchmarks.md"
extra=("$@")
if [[ ! " ${extra[*]-} " =~ " --job " && ! " ${extra[*]-} " =~ " -j " ]]; then
  extra+=(--job short)
fi

rm -rf "$artifacts"
cd "$root"
dotnet run -c Release --project benchmarks/Remedora.Benchmarks -- --filter "$filter" --artifacts "$artifacts" "${extra[@]}"

shopt -s nullglob
reports=("$artifacts"/results/*-report-github.md)
if [[ ${#reports[@]} -eq 0 ]]; then
  echo "No benchmark matched '$filter'; docs/benchmarks.md is unchanged." >&2
  exit 1
fi

command="benchmarks/run.sh '$filter'${*:+ $*}"
for report in "${reports[@]}"; do
  suite="$(basename "$report" -report-github.md)"
  begin="<!-- benchmark:$suite:begin -->"
  end="<!-- benchmark:$suite:end -->"
  section="$(mktemp)"
  {
    echo "$begin"
    echo "### ${suite##*.}"
    echo
    echo "Reproduce: \`$command\` (\`dotnet run -c Release --project benchmarks/Remedora.Benchmarks -- --filter '$filter' ${extra[*]}\`)."
    echo
    echo "Machine and job:"
    echo
    # The report opens with BenchmarkDotNet's environment summary in a code block, then the results table.
    cat "$report"
    echo
    echo "$end"
  } > "$section"

  if grep -qF "$begin" "$doc"; then
    awk -v begin="$begin" -v end="$end" -v section="$section" '
      $0 == begin { while ((getline line < section) > 0) print line; skipping = 1; next }
      $0 == end { skipping = 0; next }
      !skipping { print }
    ' "$doc" > "$doc.tmp"
    mv "$doc.tmp" "$doc"
  else
    { echo; cat "$section"; } >> "$doc"
  fi
  rm -f "$section"
  echo "Updated the $suite section of docs/benchmarks.md."
done
