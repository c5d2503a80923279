#!/usr/bin/env bash
# Media benchmark: our library (native and Java twin) against sox, ffmpeg and the anchor's C
# reference mixref, on the anchor's 1-hour two-leg call, in one run.
#
#   ./mvnw -q install -DskipTests && bench/media.sh [REPS]
#
# 1. The anchor's mkaudio.sh makes the call under /tmp/media-bench (espeak-ng, sox) unless it is
#    there already; its bench.sh times cat, mixref, sox and ffmpeg (groups io mixref sox ffmpeg
#    inmem). The anchor's tools run unchanged from a scratch copy, so their results stay out of
#    the shared folder.
# 2. FileMix mixes the same two legs file to file with CallMix, native and Java, to mono PCM16,
#    stereo PCM16 and stereo G.711 (REPS times each, median; the JVM's start is not counted).
# 3. JMH: ns per 20 ms packet pair through two timelines and the mono mix, native and Java, and
#    one JNI call alone.
# Everything goes to bench/results/media-<date>/.
set -euo pipefail
reps=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
tools_src=$(cd "$root/../shared/bench/media" && pwd)
stamp=$(date +%F-%H%M)
results=$root/bench/results/media-$stamp
mkdir -p "$results"
work=$(mktemp -d "${TMPDIR:-/tmp}/voxhost-mediabench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$tools_src" "$work/tools"
chmod -R u+w "$work/tools"
rm -rf "$work/tools/results"
mkdir -p "$work/tools/results"
audio=${OUT:-/tmp/media-bench}
if [ ! -s "$audio/caller_1h.ulaw" ] || [ ! -s "$audio/callee_1h.ulaw" ]; then
  (cd "$work/tools" && OUT=$audio ./mkaudio.sh) > "$results/mkaudio.log" 2>&1
fi

echo "== anchors (sox, ffmpeg, mixref, cat)"
(cd "$work/tools" && OUT=$audio N=$reps ./bench.sh io mixref sox ffmpeg inmem) > "$results/anchors.log" 2>&1
cp "$work/tools/results/"* "$results/"
python3 "$work/tools/summarize.py" "$results/times.tsv" > "$results/anchors.md"

module=$root/native-media
cp_file=$work/classpath
(cd "$root" && ./mvnw -q -pl native-media dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file") > /dev/null
classpath=$module/target/classes:$module/target/test-classes:$(cat "$cp_file")
java_opts=(-Xms256m -Xmx256m -XX:+UseParallelGC)

echo "== Voxhost file to file"
: > "$results/voxhost-filemix.txt"
for impl in native java; do
  for layout in mono stereo g711; do
    flock /tmp/bench.lock java "${java_opts[@]}" -cp "$classpath" io.voxhost.media.bench.FileMix \
      "$impl" "$layout" "$audio/caller_1h.ulaw" "$audio/callee_1h.ulaw" "$work/out-$impl-$layout.wav" \
      "$reps" | tee -a "$results/voxhost-filemix.txt"
  done
done
# Our mono mix must equal sox's and mixref's sample for sample.
python3 "$work/tools/cmpwav.py" "$work/out-native-mono.wav" "$audio/out/sox_mix_sum.wav" \
  | tee "$results/voxhost-vs-sox.txt"
python3 "$work/tools/cmpwav.py" "$work/out-java-stereo.wav" "$audio/out/sox_stereo.wav" \
  | tee -a "$results/voxhost-vs-sox.txt"

echo "== JMH"
flock /tmp/bench.lock java "${java_opts[@]}" -cp "$classpath" org.openjdk.jmh.Main \
  -f 1 -wi 3 -w 2s -i 5 -r 2s -rf text -rff "$results/jmh.txt" 'PacketPair|JniCall' \
  > "$results/jmh.log" 2>&1
cat "$results/jmh.txt"
echo "results in $results"
