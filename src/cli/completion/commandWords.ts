/** What the completion scripts offer: every command, its flags, and what the values of some flags can be. */
export const GLOBAL_FLAGS = ['--backend', '--debug', '--prompt', '--help'];

export const COMMAND_FLAGS: Readonly<Record<string, readonly string[]>> = {
  add: ['--env', '--no-add-config'],
  list: ['--json', '--profiles', '--credentials', '--sessions'],
  ls: ['--json', '--profiles', '--credentials', '--sessions'],
  remove: ['--force'],
  migrate: ['--from', '--to', '--profile', '--force', '--dry-run'],
  import: ['--from', '--profile', '--dry-run', '--force', '--scrub'],
  rotate: ['--mfa-token', '--no-session'],
  exec: ['--duration', '--mfa-token', '--no-session', '--region', '--json', '--plan', '--yes', '--ecs-server', '--server', '--lazy', '--min-ttl'],
  export: ['--duration', '--mfa-token', '--no-session', '--region', '--format'],
  login: ['--duration', '--mfa-token', '--no-session', '--region', '--stdout'],
  setup: ['--profile', '--repo', '--region', '--url', '--fips', '--write', '--list', '--all', '--save', '--remove'],
  doctor: ['--repo', '--json'],
  clear: [],
  sso: [],
  completion: [],
  credential: ['--profile'],
};

export const SSO_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  login: ['--sso-session', '--profile', '--no-browser'],
  logout: [],
  profiles: ['--sso-session', '--profile', '--write', '--region'],
};

/** Commands whose first positional is a profile name. */
export const PROFILE_COMMANDS = new Set(['add', 'remove', 'rotate', 'exec', 'export', 'login', 'clear']);

export const FLAG_VALUES: Readonly<Record<string, readonly string[]>> = {
  '--backend': ['keychain', 'file'],
  '--prompt': ['terminal', 'zenity', 'kdialog', 'osascript', 'ykman'],
  '--format': ['env', 'export-env', 'json', 'ini', 'powershell', 'windows-cmd', 'fish'],
  '--to': ['file', 'keychain'],
};

export const SHELLS = ['bash', 'zsh', 'fish'];
