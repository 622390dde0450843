#!/bin/bash
# Usage: bash_complete.sh SCRIPT LINE
# Prints, one per line, what bash offers at the end of LINE: SCRIPT is sourced as
# bash-completion would, LINE is split into COMP_WORDS as readline splits it (a trailing space
# starts an empty word), and the function `complete -p fargate-doctor` names is called.
source "$1" || exit 2
line=$2
read -ra COMP_WORDS <<< "$line"
[[ $line == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE=$line
COMP_POINT=${#line}
fn=$(complete -p fargate-doctor | sed -n 's/.*-F \([^ ]*\).*/\1/p')
[ -n "$fn" ] || { echo "no completion function registered for fargate-doctor" >&2; exit 2; }
COMPREPLY=()
"$fn" fargate-doctor "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
