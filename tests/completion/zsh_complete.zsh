#!/bin/zsh -f
# Usage: zsh -f zsh_complete.zsh SCRIPT LINE
# Prints, one per line, the matches zsh's completion system offers when TAB is pressed at the
# end of LINE in an interactive zsh: SCRIPT is installed as _fargate-doctor in $fpath, compinit
# loads it, and a zpty (pseudo-terminal) types LINE and a TAB. compadd is wrapped to record the
# matches it is given that fit what is typed; a post-completion hook marks the end.
zmodload zsh/zpty || exit 2
script=$1 line=$2
dir=$(mktemp -d) || exit 2
trap 'zpty -d fd 2>/dev/null; rm -rf $dir' EXIT
cp $script $dir/_fargate-doctor
out=$dir/matches
cat > $dir/init.zsh <<INIT
PS1='' PROMPT='' RPROMPT=''
fpath=($dir \$fpath)
autoload -Uz compinit && compinit -u -D
compadd() {
  # Calls that only collect or test matches (-O, -A, -D) are passed through unchanged.
  if [[ \${(j: :)@} == *-[OAD]* ]]; then builtin compadd "\$@"; return; fi
  local -a hits
  builtin compadd -O hits "\$@"
  (( \$#hits )) && print -rl -- \$hits >> $out
  builtin compadd "\$@"
}
__fd_done() { print done > $dir/done }
comppostfuncs=(__fd_done)
bindkey '^I' complete-word
print ready > $dir/ready
INIT
zpty fd "zsh -f -i"
zpty -w fd "source $dir/init.zsh"
# Up to 25 s each: compinit on a machine busy with a build takes seconds (timeout 30 bounds it).
for i in {1..500}; do [[ -e $dir/ready ]] && break; sleep 0.05; done
[[ -e $dir/ready ]] || { print -u2 "zsh did not start"; exit 2; }
zpty -w -n fd "$line"$'\t'
for i in {1..500}; do [[ -e $dir/done ]] && break; zpty -r -t fd junk 2>/dev/null; sleep 0.05; done
[[ -e $dir/done ]] || { print -u2 "no completion ran"; exit 2; }
[[ -e $out ]] && sort -u $out
exit 0
