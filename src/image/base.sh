#!/usr/bin/env bash
# Builds the root filesystem the container image runs on: a jlink'd Java runtime of the modules the
# operator uses (under /opt/java) and the Debian libraries that runtime links against (glibc,
# zlib, libstdc++, libgcc). Jib adds it to an empty ("scratch") base as extra directories, so the
# image needs no registry to build. Built once per key (this script, the JDK's version and the
# Debian packages' versions) into a cache outside the repository; LINK (the argument) is pointed
# at it.
#
#   src/image/base.sh target/image-base
set -euo pipefail

link=${1:?usage: base.sh LINK}
here=$(cd "$(dirname "$0")" && pwd)
# The JDK the build runs on is the one the image runs: jlink can only link its own version.
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jlink="$java_home/bin/jlink"
# What jdeps --print-module-deps --ignore-missing-deps --multi-release 17 --recursive finds in the
# image's classes and jars (java.base, java.compiler, java.desktop, java.naming, java.net.http,
# java.sql, jdk.httpserver, jdk.management, jdk.unsupported), plus what it cannot see: jdk.crypto.ec,
# a security provider loaded by name, for TLS to an API server with EC keys; java.logging and
# java.management, named for clarity (jdk.management and java.sql require them anyway).
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.unsupported
packages="libc6 zlib1g libstdc++6 libgcc-s1"

if [ ! -x "$jlink" ]; then
  echo "image base: no jlink in $java_home; the image needs a full JDK 17" >&2
  exit 1
fi
jdk_version=$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')
package_versions=$(dpkg-query -W -f='${Package}=${Version}\n' $packages)
key=$( (cat "$here/base.sh"; echo "$jdk_version"; echo "$package_versions") | sha256sum | cut -c1-12)
cache=${RELEASEGATE_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/releasegate/image-base}
out="$cache/$jdk_version-$key"

if [ -f "$out/complete" ]; then
  echo "image base: JDK $jdk_version, reusing $out (built in $(cat "$out/complete") s)"
else
  echo "image base: building a Java $jdk_version runtime and Debian's $packages into $out"
  start=$(date +%s)
  tmp="$out.partial"
  rm -rf "$tmp"
  mkdir -p "$tmp/root/opt" "$tmp/debs"
  "$jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
    --output "$tmp/root/opt/java"
  # The versions this machine has installed, so the image's libraries match the ones the JDK was
  # built and tested against here.
  # apt warns, as root, that its _apt user cannot write the folder; the download works all the same.
  # A version the mirror no longer serves (a newer security update replaced it) falls back, after a
  # refresh of the lists where apt may refresh them, to the version the mirror serves, and says so.
  download() { (cd "$tmp/debs" && apt-get download "$@" >/dev/null); }
  if ! download $(echo "$package_versions" | tr '\n' ' '); then
    if [ "$(id -u)" = 0 ]; then apt-get update -q >/dev/null || true; fi
    if ! download $(echo "$package_versions" | tr '\n' ' '); then
      echo "image base: the installed versions are not served; taking the mirror's $packages" >&2
      download $packages
    fi
  fi
  for deb in "$tmp"/debs/*.deb; do
    dpkg-deb -x "$deb" "$tmp/root"
  done
  # Documentation only, and it holds symlinks into packages not installed, which Jib refuses.
  rm -rf "$tmp/root/usr/share" "$tmp/debs"
  echo "$package_versions" > "$tmp/versions"
  echo "java=$jdk_version" >> "$tmp/versions"
  echo $(( $(date +%s) - start )) > "$tmp/complete"
  rm -rf "$out"
  mv "$tmp" "$out"
  echo "image base: built in $(cat "$out/complete") s ($(du -sh "$out/root" | cut -f1))"
fi

mkdir -p "$(dirname "$link")"
ln -sfn "$out" "$link"
