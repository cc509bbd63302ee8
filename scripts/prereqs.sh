#!/usr/bin/env bash
# Install what the tests and the local pipeline need on a Debian machine that already has the .NET SDK:
# ActiveMQ (Debian's package) with the xstream/jettison jars real distributions ship, a JDK, clang for
# Native AOT (plus the arm64 cross libraries), promtool (Debian's prometheus package; the server it ships is
# neither started nor enabled here) and the Python tools moto, cfn-lint and aws-sam-translator.
# Idempotent: it installs only what is missing. Needs root (or sudo) for apt.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need_apt=()
dpkg -s activemq >/dev/null 2>&1 || need_apt+=(activemq)
for p in libxstream-java libjettison-java libxpp3-java clang lld make binutils bc; do
  dpkg -s "$p" >/dev/null 2>&1 || need_apt+=("$p")
done
# Multi-Arch: same; once the arm64 twin is installed too, the bare name is ambiguous to dpkg -s.
native_zlib="zlib1g-dev:$(dpkg --print-architecture)"
dpkg -s "$native_zlib" >/dev/null 2>&1 || need_apt+=("$native_zlib")
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
# The quick start's and docs/deploy.md's commands (jq reads the stack outputs and the secret); the install test
# checks the forwarder's unit with systemd-analyze.
command -v jq >/dev/null 2>&1 || need_apt+=(jq)
command -v systemd-analyze >/dev/null 2>&1 || need_apt+=(systemd)
# local/producer (the legacy JMS producer of scripts/pipeline.sh and its test) is compiled at run time with javac.
command -v javac >/dev/null 2>&1 || need_apt+=(default-jdk-headless)
# promtool checks the forwarder's alert rules (forwarder/deploy/mq-forwarder.rules.yml).
want_promtool=0
command -v promtool >/dev/null 2>&1 || { need_apt+=(prometheus); want_promtool=1; }

# linux-arm64 Native AOT from an x64 machine needs the target's C runtime and zlib.
want_arm64=0
if [ "$(dpkg --print-architecture)" = "amd64" ] && [ "${SKIP_ARM64:-0}" != "1" ]; then
  want_arm64=1
  dpkg -s libc6-dev:arm64 >/dev/null 2>&1 || need_apt+=(libc6-dev:arm64)
  dpkg -s zlib1g-dev:arm64 >/dev/null 2>&1 || need_apt+=(zlib1g-dev:arm64)
  dpkg -s binutils-aarch64-linux-gnu >/dev/null 2>&1 || need_apt+=(binutils-aarch64-linux-gnu)
  # clang links arm64 with the target's crtbeginS.o and libgcc: the arm64 twin of the host's libgcc-N-dev
  # (multiarch wants the same version on both architectures).
  libgcc_dev=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' 'libgcc-*-dev' 2>/dev/null | awk '$1 == "ii" && $2 ~ /^libgcc-[0-9]+-dev$/ {print $2}' | sort -V | tail -1)
  libgcc_dev=${libgcc_dev:-libgcc-12-dev}
  dpkg -s "$libgcc_dev:arm64" >/dev/null 2>&1 || need_apt+=("$libgcc_dev:arm64")
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "prereqs: installing ${need_apt[*]}"
  if [ "$want_arm64" = 1 ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
    $SUDO dpkg --add-architecture arm64
  fi
  $SUDO apt-get update -qq
  # Only promtool is wanted: a policy-rc.d (unless the machine has one) keeps the package's server from starting.
  own_policy=0
  if [ "$want_promtool" = 1 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
    trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  if [ "$own_policy" = 1 ]; then $SUDO rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
  if [ "$want_promtool" = 1 ] && command -v systemctl >/dev/null 2>&1; then
    $SUDO systemctl disable prometheus >/dev/null 2>&1 || true
  fi
fi

need_pip=()
command -v moto_server >/dev/null 2>&1 || need_pip+=("moto[server]")
command -v cfn-lint >/dev/null 2>&1 || need_pip+=(cfn-lint)
python3 -c 'import samtranslator' >/dev/null 2>&1 || need_pip+=(aws-sam-translator)
# The AWS CLI: the quick start reads the forwarder's secret with it (its test against moto).
command -v aws >/dev/null 2>&1 || need_pip+=(awscli)
if [ ${#need_pip[@]} -gt 0 ]; then
  echo "prereqs: pip installing ${need_pip[*]}"
  if ! python3 -m pip --version >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
  fi
  # Debian's own python3 refuses user installs (PEP 668); these are dev tools, so allow them there.
  python3 -m pip install --quiet "${need_pip[@]}" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "${need_pip[@]}"
  hash -r
  for tool in moto_server cfn-lint aws; do
    command -v "$tool" >/dev/null 2>&1 || export PATH="$HOME/.local/bin:$PATH"
  done
fi
echo "prereqs: ok (activemq $(dpkg-query -W -f='${Version}' activemq), $(java -version 2>&1 | head -1))"
