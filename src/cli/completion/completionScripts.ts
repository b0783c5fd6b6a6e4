/**
 * The scripts `vault-git completion SHELL` prints. Each only hands the words typed so far to
 * `vault-git __complete INDEX WORDS…` and offers what it prints, one candidate per line, so the three
 * shells complete alike (profiles from the AWS config, remotes for setup, sso-sessions, flag values).
 */
export const COMPLETION_SCRIPTS: Readonly<Record<string, string>> = {
  bash: `# vault-git completion for bash: eval "$(vault-git completion bash)" in ~/.bashrc
_vault_git_complete() {
  local IFS=$'\\n'
  COMPREPLY=($(vault-git __complete "$COMP_CWORD" "\${COMP_WORDS[@]}" 2>/dev/null))
}
complete -o default -F _vault_git_complete vault-git
`,
  zsh: `#compdef vault-git
# vault-git completion for zsh: eval "$(vault-git completion zsh)" in ~/.zshrc (after compinit)
_vault_git_complete() {
  local -a candidates
  candidates=("\${(@f)$(vault-git __complete $((CURRENT - 1)) "\${words[@]}" 2>/dev/null)}")
  candidates=(\${candidates:#})
  compadd -a candidates
}
compdef _vault_git_complete vault-git
`,
  fish: `# vault-git completion for fish: vault-git completion fish > ~/.config/fish/completions/vault-git.fish
function __vault_git_complete
    set -l words (commandline -opc) (commandline -ct)
    vault-git __complete (math (count $words) - 1) $words 2>/dev/null
end
complete -c vault-git -f -a '(__vault_git_complete)'
`,
};
