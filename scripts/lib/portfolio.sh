# Sourced by the bench scripts: make_portfolio DIR AGREEMENT makes DIR a
# repository of 1,000 copies of AGREEMENT (copy-000 … copy-999, each with its
# own id), unless it already is one.
make_portfolio() {
  local portfolio="$1" agreement="$2" i
  [ -d "$portfolio/agreements/copy-999" ] && return 0
  rm -rf "$portfolio" && mkdir -p "$portfolio/agreements"
  : > "$portfolio/s75.toml"
  for i in $(seq -w 0 999); do
    cp -r "$agreement" "$portfolio/agreements/copy-$i"
    sed -i "s/^id = .*/id = \"copy-$i\"/" "$portfolio/agreements/copy-$i/agreement.toml"
  done
}
