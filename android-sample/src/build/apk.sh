#!/usr/bin/env bash
# The APK build of the two sample apps, run by Maven (see pom.xml); one step per argument:
#   resources  aapt2: each app's compiled resources, its base APK (manifest + resources.arsc) and R.java
#   package    the protobuf-lite contracts, every source compiled again for Android against them, D8, zipalign,
#              a debug signing key, apksigner
#   verify     what a device checks: alignment, the v2/v3 signatures, and the manifest's SDK levels
# Inputs come as environment variables from the pom: ANDROID_JAR, MIN_SDK, TARGET_SDK, VERSION_CODE, VERSION_NAME,
# TARGET (the build directory), JAVA_BIN, PROTO_DIR.
set -euo pipefail

APPS=(wallet counter)
APK="$TARGET/apk"

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "android-sample: '$1' is missing. Install the Debian package '$2' (ops/bin/test installs it):" >&2
  echo "  apt-get install --no-install-recommends aapt zipalign apksigner zip unzip" >&2
  exit 1
}

# Debian's aapt2 (Android 10) does not know one chunk type of the API 34 resource table; the warning is harmless.
aapt2_quiet() {
  aapt2 "$@" 2> >(grep -v "Unknown chunk type '200'" >&2)
}

resources() {
  need aapt2 aapt
  mkdir -p "$TARGET/generated-sources/aapt"
  # Robolectric needs two aars' classes, which Maven leaves off the classpath
  local aar
  for aar in "$TARGET"/robolectric/aar/*.aar; do
    unzip -q -o -p "$aar" classes.jar > "${aar%-*.aar}.jar"
  done
  for app in "${APPS[@]}"; do
    local out="$APK/$app"
    mkdir -p "$out"
    rm -f "$out/res.zip"
    aapt2_quiet compile --dir "src/$app/res" -o "$out/res.zip"
    aapt2_quiet link -I "$ANDROID_JAR" --manifest "src/$app/AndroidManifest.xml" \
      --min-sdk-version "$MIN_SDK" --target-sdk-version "$TARGET_SDK" \
      --version-code "$VERSION_CODE" --version-name "$VERSION_NAME" \
      --java "$TARGET/generated-sources/aapt" -o "$out/base.apk" "$out/res.zip"
    # What the Android Gradle plugin writes for Robolectric: the app's real resources and package
    local config="$TARGET/robolectric/$app/com/android/tools"
    mkdir -p "$config"
    printf 'android_resource_apk=%s\nandroid_custom_package=org.civitas.sample.%s\n' "$out/base.apk" "$app" \
      > "$config/test_config.properties"
  done
}

# The Java classes of the contracts the apps call, generated for protobuf-lite (the JVM build uses grpc-protos').
lite_contracts() {
  local gen="$APK/lite-src" includes="$APK/lite-include"
  rm -rf "$gen" "$includes"
  mkdir -p "$gen" "$includes"
  (cd "$includes" && unzip -q -o "$TARGET/tools/common-protos.jar" 'google/rpc/status.proto' \
    && unzip -q -o "$APK"/lite/protobuf-javalite-*.jar 'google/protobuf/*.proto')
  chmod +x "$TARGET/tools/protoc" "$TARGET/tools/protoc-gen-grpc-java"
  "$TARGET/tools/protoc" --plugin=protoc-gen-grpc-java="$TARGET/tools/protoc-gen-grpc-java" \
    --java_out=lite:"$gen" --grpc-java_out=lite:"$gen" -I "$PROTO_DIR" -I "$includes" \
    civitas/ledger/v1/ledger.proto civitas/identity/v1/identity.proto civitas/issuer/v1/issuer.proto \
    google/rpc/status.proto
}

# The runtime jars are dexed once for both apps, and again only when one of them changed.
dex_libraries() {
  local out="$APK/libs-dex.zip" jars=("$@")
  if [ -f "$out" ]; then
    local newer
    newer=$(find "${jars[@]}" -newer "$out" | head -1)
    [ -z "$newer" ] && return 0
  fi
  rm -f "$out"
  "$JAVA_BIN/java" -XX:TieredStopAtLevel=1 -cp "$TARGET/tools/r8.jar" com.android.tools.r8.D8 --release \
    --min-api "$MIN_SDK" --lib "$ANDROID_JAR" --lib "$JAVA_BIN/.." --output "$out" "${jars[@]}"
}

# The non-class files of the jars (the SDK's JSON-LD contexts, ServiceLoader files), merged as the Android build would
java_resources() {
  local out="$APK/java-resources" jar
  rm -rf "$out"
  mkdir -p "$out"
  for jar in "$@"; do
    unzip -q -o "$jar" -d "$out" -x '*.class' '*.proto' 'META-INF/MANIFEST.MF' 'META-INF/*.SF' 'META-INF/*.RSA' \
      'META-INF/*.DSA' 'META-INF/versions/*' 'META-INF/maven/*' 'META-INF/*.kotlin_module' '*.kotlin_metadata' '*.kotlin_builtins' 2>/dev/null || true
  done
  find "$out" -type d -empty -delete
}

package() {
  need zipalign zipalign
  need apksigner apksigner
  need zip zip
  need unzip unzip
  lite_contracts

  local runtime=()
  mapfile -t runtime < <(tr ':' '\n' < "$APK/runtime-classpath.txt" | grep -v '^$')
  runtime+=("$APK"/lite/*.jar)
  local classpath
  classpath=$(IFS=:; echo "${runtime[*]}")

  # Every source again, now against the framework jar and the lite contracts: the classes the apps ship
  local classes="$APK/classes"
  rm -rf "$classes"
  mkdir -p "$classes"
  find src/main/java "$TARGET/generated-sources/aapt" "$APK/lite-src" -name '*.java' > "$APK/sources.txt"
  "$JAVA_BIN/javac" --release 17 -nowarn -encoding UTF-8 -proc:none -cp "$ANDROID_JAR:$classpath" -d "$classes" \
    @"$APK/sources.txt"

  dex_libraries "${runtime[@]}"
  java_resources "${runtime[@]}"

  [ -f "$APK/debug.keystore" ] || "$JAVA_BIN/keytool" -genkeypair -keystore "$APK/debug.keystore" \
    -storepass android -keypass android -alias androiddebugkey -keyalg RSA -keysize 2048 -validity 10000 \
    -dname "CN=Android Debug,O=Android,C=US" 2>/dev/null

  for app in "${APPS[@]}"; do
    local out="$APK/$app" other
    other=$([ "$app" = wallet ] && echo counter || echo wallet)
    # each app gets its own classes, the shared Android helpers and the contracts, not the other app's
    rm -rf "$out/classes" "$out/dex"
    mkdir -p "$out/classes" "$out/dex"
    (cd "$classes" && find . -name '*.class' ! -path "./org/civitas/sample/$other/*" -print0 \
      | xargs -0 cp --parents -t "$out/classes")
    (cd "$out/classes" && zip -q -r ../classes.jar .)
    "$JAVA_BIN/java" -XX:TieredStopAtLevel=1 -cp "$TARGET/tools/r8.jar" com.android.tools.r8.D8 --release \
      --min-api "$MIN_SDK" --lib "$ANDROID_JAR" --lib "$JAVA_BIN/.." --output "$out/dex" \
      "$out/classes.jar" "$APK/libs-dex.zip"
    cp "$out/base.apk" "$out/unsigned.apk"
    (cd "$out/dex" && zip -q -j ../unsigned.apk classes*.dex)
    (cd "$APK/java-resources" && zip -q -r "$out/unsigned.apk" .)
    zipalign -p -f 4 "$out/unsigned.apk" "$out/aligned.apk"
    apksigner sign --ks "$APK/debug.keystore" --ks-pass pass:android --key-pass pass:android \
      --out "$TARGET/civitas-$app.apk" "$out/aligned.apk"
  done
}

verify() {
  need zipalign zipalign
  need apksigner apksigner
  need aapt aapt
  for app in "${APPS[@]}"; do
    local apk="$TARGET/civitas-$app.apk" badging signature
    zipalign -c -p 4 "$apk" || { echo "civitas-$app.apk is not aligned" >&2; exit 1; }
    signature=$(apksigner verify --verbose --min-sdk-version "$MIN_SDK" "$apk")
    grep -q '^Verifies' <<<"$signature" || { echo "civitas-$app.apk: $signature" >&2; exit 1; }
    grep -q 'APK Signature Scheme v2): true' <<<"$signature" \
      || { echo "civitas-$app.apk has no v2 signature" >&2; exit 1; }
    badging=$(aapt dump badging "$apk")
    for expected in "package: name='org.civitas.sample.$app'" "sdkVersion:'$MIN_SDK'" \
      "targetSdkVersion:'$TARGET_SDK'" "launchable-activity: name='org.civitas.sample.$app."; do
      grep -qF "$expected" <<<"$badging" \
        || { echo "civitas-$app.apk: badging lacks $expected" >&2; echo "$badging" >&2; exit 1; }
    done
    [ "$(unzip -l "$apk" | grep -c 'classes[0-9]*\.dex')" -ge 1 ] || { echo "civitas-$app.apk has no dex" >&2; exit 1; }
    echo "civitas-$app.apk: $(stat -c %s "$apk") bytes, signature verified, min SDK $MIN_SDK, target SDK $TARGET_SDK"
  done
}

"$1"
