# shellcheck shell=bash
# Helpers for building Go programs from the Go module proxy; sourced by scripts/install-pulumi and
# scripts/install-language-hosts (not run on its own).
#
# The pattern: a throwaway module (outside the repo or git-ignored) that requires what we build,
# a tools.go that imports its main package so `go mod tidy` keeps it, then `go build` by path.
# `go install …@version` is not used because upstream go.mod files carry `replace` directives,
# which are not inherited from dependencies and make `go install` refuse.

# go_module DIR MODULE_PATH "require..." "replace..." : a throwaway module that pins what we build.
# requires are space-separated module@version; replaces are space-separated from=to@version.
go_module() {
  local dir="$1" name="$2" requires="$3" replaces="$4" r
  rm -rf "$dir" && mkdir -p "$dir"
  {
    printf 'module %s\n\ngo 1.26\n\nrequire (\n' "$name"
    for r in $requires; do printf '\t%s %s\n' "${r%@*}" "${r#*@}"; done
    printf ')\n'
    for r in $replaces; do
      local from="${r%%=*}" to="${r#*=}"
      printf 'replace %s => %s %s\n' "$from" "${to%@*}" "${to#*@}"
    done
  } > "$dir/go.mod"
}

# go_tools_file DIR PACKAGE : import the main package we build, so `go mod tidy` keeps its deps.
go_tools_file() {
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$2" > "$1/tools.go"
}

# go_module_dir DIR MODULE@VERSION : the module's source folder in the module cache (downloads it).
go_module_dir() {
  (cd "$1" && go mod download -json "$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
}
