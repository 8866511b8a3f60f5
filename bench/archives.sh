# Sourced by the bench scripts. The launcher lists a command's classes on every run (~10 ms) until
# three runs in a row add nothing to its class-data archive (see README, "The launcher"). A
# benchmark records the archives in its warm-up round, or in a training run made for that, and
# then settles them, so that no counted run lists classes: the counted runs measure what a user
# gets from the fourth run of a command on.
settle_archives() {
  local a
  for a in "$root"/pinwheel-cli/target/pinwheel-*.jsa; do
    [ -f "$a" ] && : > "$a.settled"
  done
  return 0
}
