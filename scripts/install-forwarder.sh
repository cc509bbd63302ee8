#!/usr/bin/env bash
# Install the forwarder agent as a systemd service: the single-file binary, its README, the unit and the
# configuration directory. docs/deploy.md step 5 walks through it.
#   scripts/install-forwarder.sh [--root DESTDIR] [--binary PATH] [--user NAME]
#   --root DESTDIR  install below DESTDIR instead of / (a package or image build); users are then never created
#   --binary PATH   the single-file binary (default artifacts/forwarder/forwarder, built by scripts/forwarder.sh)
#   --user NAME     the service account (default mq-forwarder); created with useradd when installing into / as root
# Layout (owner:group mode):
#   /opt/mq-forwarder/forwarder                 root:root 0755
#   /opt/mq-forwarder/README.md                 root:root 0644  (the unit's Documentation=)
#   /etc/systemd/system/mq-forwarder.service    root:root 0644
#   /etc/mq-forwarder/                          root:USER 0750  (the agent reads it, ReadOnlyPaths in the unit)
#   /etc/mq-forwarder/appsettings.json          root:USER 0640  (the example; an existing file is kept)
# The target password file (/etc/mq-forwarder/target.password, USER:USER 0400) is written by the operator from the
# stack's secret (docs/deploy.md step 3); the script never holds a password.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
root=/ binary=$repo/artifacts/forwarder/forwarder user=mq-forwarder

usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --root) root=${2:?--root needs a directory}; shift 2 ;;
    --binary) binary=${2:?--binary needs a path}; shift 2 ;;
    --user) user=${2:?--user needs a name}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "install-forwarder.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ $user =~ ^[a-z_][a-z0-9_-]*$ ]] || { echo "install-forwarder.sh: --user '$user' is not a valid user name" >&2; exit 2; }
[ -d "$root" ] || { echo "install-forwarder.sh: --root '$root' is not a directory" >&2; exit 2; }
root=$(cd "$root" && pwd)
dest=${root%/}

if [ ! -x "$binary" ]; then
  if [ "$binary" = "$repo/artifacts/forwarder/forwarder" ]; then
    "$repo/scripts/forwarder.sh" --help >/dev/null # builds the binary once
  else
    echo "install-forwarder.sh: --binary '$binary' is not an executable file" >&2; exit 2
  fi
fi

is_root=0; [ "$(id -u)" -eq 0 ] && is_root=1
if ! id "$user" >/dev/null 2>&1 && [ "$root" = / ] && [ $is_root = 1 ]; then
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user"
fi
# Owners only where they can be set: as root, for a user this machine knows. Otherwise the files stay the
# installer's, and the script says what to run on the target machine.
owner_group=""
if [ $is_root = 1 ] && id "$user" >/dev/null 2>&1; then
  owner_group=$(id -gn "$user")
fi

install -d -m 0755 "$dest/opt/mq-forwarder" "$dest/etc/systemd/system"
install -m 0755 "$binary" "$dest/opt/mq-forwarder/forwarder"
install -m 0644 "$repo/forwarder/README.md" "$dest/opt/mq-forwarder/README.md"
sed -e "s/^User=mq-forwarder$/User=$user/" \
  -e "s/^Group=mq-forwarder$/Group=${owner_group:-$user}/" \
  "$repo/forwarder/deploy/mq-forwarder.service" >"$dest/etc/systemd/system/mq-forwarder.service"
chmod 0644 "$dest/etc/systemd/system/mq-forwarder.service"
install -d -m 0750 "$dest/etc/mq-forwarder"
if [ ! -e "$dest/etc/mq-forwarder/appsettings.json" ]; then
  install -m 0640 "$repo/forwarder/deploy/appsettings.json" "$dest/etc/mq-forwarder/appsettings.json"
else
  echo "install-forwarder.sh: kept the existing $dest/etc/mq-forwarder/appsettings.json"
fi
if [ -n "$owner_group" ]; then
  chown "root:$owner_group" "$dest/etc/mq-forwarder" "$dest/etc/mq-forwarder/appsettings.json"
else
  echo "install-forwarder.sh: on the target machine, as root: chown root:$user /etc/mq-forwarder /etc/mq-forwarder/appsettings.json"
fi

echo "install-forwarder.sh: installed into $root"
echo "  next: write /etc/mq-forwarder/target.password (owner $user, mode 0400), edit /etc/mq-forwarder/appsettings.json,"
echo "        then: systemctl daemon-reload && systemctl enable --now mq-forwarder   (docs/deploy.md)"
