import { main } from '../remote/runRemoteCodeCommit.js';

// `git-remote-codecommit <remote> <codecommit://…>`: run by git itself for codecommit:// remotes.
void main();
